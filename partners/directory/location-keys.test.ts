import fc from 'fast-check';
import { isValid, toNormalised } from 'postcode';
import { describe, expect, it } from 'vitest';
import { isSiteKey, locationKeysForAddress, parseLocationKey } from './location-keys.js';

describe('parseLocationKey', () => {
  it.each([
    ['sw1a1aa', { key: 'GB:SW1A 1AA', level: 'postcode' }],
    [' SW1A 1 ', { key: 'GB:SW1A 1', level: 'sector' }],
    ['sw1a', { key: 'GB:SW1A', level: 'district' }],
    ['M1', { key: 'GB:M1', level: 'district' }],
    ['B12', { key: 'GB:B12', level: 'district' }],
    ['se10', { key: 'GB:SE10', level: 'district' }],
    ['B1 2', { key: 'GB:B1 2', level: 'sector' }],
    ['SW1A1', { key: 'GB:SW1A 1', level: 'sector' }],
    ['sw', { key: 'GB:SW', level: 'area' }],
    ['10001', { key: 'US:10001', level: 'district' }],
    ['10001-1234', { key: 'US:10001-1234', level: 'postcode' }],
    ['uprn:100023336956', { key: 'UPRN:100023336956', level: 'address' }],
  ])('reads %j', (raw, expected) => {
    expect(parseLocationKey(raw)).toEqual(expected);
  });

  it.each(['sw1a1aa', 'SW1A 1', 'sw1a', 'B12', 'B1 2', 'sw', '10001', '10001-1234', 'uprn:100023336956', 'ADDR:x-1'])(
    'tells whether %j names a site (address or postcode level) or an area sites share',
    (raw) => {
      const parsed = parseLocationKey(raw)!;
      expect(isSiteKey(parsed.key)).toBe(parsed.level === 'address' || parsed.level === 'postcode');
    },
  );

  it.each(['', 'SW1A 1AAA', '1234', 'ABC', 'UPRN:', 'foo bar'])('rejects %j', (raw) => {
    expect(parseLocationKey(raw)).toBeUndefined();
  });

  it('reads a full postcode exactly as the postcode library normalises it, whatever the case and spacing', () => {
    const piece = (chars: string, min: number, max: number) =>
      fc.array(fc.constantFrom(...chars.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));
    const space = fc.constantFrom('', ' ', '  ', '\t', ' \t ');
    const postcode = fc
      .tuple(
        piece('ABCSWxyz', 1, 2),
        piece('0123456789', 1, 1),
        piece('0123456789AWa', 0, 1),
        space,
        piece('0123456789', 1, 1),
        piece('ABZabz1', 2, 2),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(postcode, space, (raw, pad) => {
        const expected = isValid(raw.trim()) ? { key: `GB:${toNormalised(raw.trim())}`, level: 'postcode' } : undefined;
        if (expected) expect(parseLocationKey(`${pad}${raw}${pad}`)).toEqual(expected);
        else expect(parseLocationKey(raw)?.level).not.toBe('postcode');
      }),
    );
  });
});

describe('locationKeysForAddress', () => {
  it('lists a UK address from most to least specific', () => {
    expect(
      locationKeysForAddress({ countryCode: 'GB', postcode: 'sw1a 1aa', addressId: 'UPRN:1' }).map((k) => k.key),
    ).toEqual(['UPRN:1', 'GB:SW1A 1AA', 'GB:SW1A 1', 'GB:SW1A', 'GB:SW1', 'GB:SW']);
  });

  it('lists a US ZIP+4 and its ZIP', () => {
    expect(locationKeysForAddress({ countryCode: 'US', postcode: '10001-1234' })).toEqual([
      { key: 'US:10001-1234', level: 'postcode' },
      { key: 'US:10001', level: 'district' },
    ]);
  });
});
