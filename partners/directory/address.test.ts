import { describe, expect, it } from 'vitest';
import { normalisePostcode, servedCountryOf, validateAddress } from './address.js';

describe('normalisePostcode', () => {
  it.each([
    ['GB', 'sw1a1aa', 'SW1A 1AA'],
    ['GB', '  sw1a   1aa ', 'SW1A 1AA'],
    ['GB', 'M1 1AE', 'M1 1AE'],
    ['US', '10001', '10001'],
    ['US', '10001-1234', '10001-1234'],
    ['US', '100011234', '10001-1234'],
    ['US', ' 10001 ', '10001'],
  ] as const)('%s %j -> %j', (country, raw, expected) => {
    expect(normalisePostcode(country, raw)).toBe(expected);
  });

  it.each([
    ['GB', 'SW1A 1AAA'],
    ['GB', '12345'],
    ['GB', ''],
    ['US', '1000'],
    ['US', '10001-12'],
    ['US', 'SW1A 1AA'],
  ] as const)('rejects %s %j', (country, raw) => {
    expect(normalisePostcode(country, raw)).toBeUndefined();
  });
});

describe('servedCountryOf', () => {
  it.each([
    ['GB', 'GB'],
    ['gb', 'GB'],
    ['United  Kingdom', 'GB'],
    ['UK', 'GB'],
    ['USA', 'US'],
    ['United States', 'US'],
  ])('%j -> %s', (raw, code) => expect(servedCountryOf(raw)).toBe(code));

  it.each(['FR', 'France', '', undefined])('%j is not served', (raw) => expect(servedCountryOf(raw)).toBeUndefined());
});

describe('validateAddress', () => {
  it('succeeds with a valid postcode, a street and a city, normalising all of them', () => {
    expect(
      validateAddress({
        country: 'gb',
        postcode: 'sw1a2aa',
        line1: ' 10  Downing Street ',
        city: 'London',
        addressId: 'uprn:100023336956',
      }),
    ).toEqual({
      result: 'success',
      problems: [],
      address: {
        countryCode: 'GB',
        postcode: 'SW1A 2AA',
        line1: '10 Downing Street',
        city: 'London',
        addressId: 'UPRN:100023336956',
      },
    });
  });

  it('is partial when the postcode is valid but the street or city is missing', () => {
    const check = validateAddress({ country: 'US', postcode: '100011234' });
    expect(check.result).toBe('partial');
    expect(check).toMatchObject({ address: { countryCode: 'US', postcode: '10001-1234' } });
    expect(check.problems.map((p) => p.field)).toEqual(['line1', 'city']);
  });

  it('fails on an invalid postcode, naming it', () => {
    const check = validateAddress({ country: 'GB', postcode: 'NOT A CODE', line1: 'x', city: 'y' });
    expect(check).toEqual({
      result: 'fail',
      problems: [{ field: 'postcode', message: 'NOT A CODE is not a valid GB postcode' }],
    });
  });

  it('fails on a missing postcode or a country that is not served', () => {
    expect(validateAddress({ country: 'GB' }).problems).toEqual([
      { field: 'postcode', message: 'the postcode is missing' },
    ]);
    const foreign = validateAddress({ country: 'FR', postcode: '75001', line1: '1 rue', city: 'Paris' });
    expect(foreign.result).toBe('fail');
    expect(foreign.problems[0]).toMatchObject({ field: 'countryCode' });
  });
});
