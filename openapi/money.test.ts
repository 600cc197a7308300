import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinorUnits, isKnownCurrency, minorDigits, parseMinorUnits } from './money.js';

describe('minorDigits', () => {
  it.each([
    ['GBP', 2],
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KWD', 3],
  ])('%s has %i decimals', (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits);
  });

  it('knows real ISO 4217 codes only', () => {
    expect(isKnownCurrency('GBP')).toBe(true);
    expect(isKnownCurrency('ABC')).toBe(false);
  });
});

describe('parseMinorUnits', () => {
  it.each([
    ['450.00', 'GBP', 45000],
    ['450', 'GBP', 45000],
    ['450.5', 'GBP', 45050],
    [' 0.01 ', 'USD', 1],
    ['0', 'EUR', 0],
    ['12000', 'JPY', 12000],
    ['1.234', 'KWD', 1234],
    ['19.99', 'GBP', 1999], // 19.99 * 100 is 1998.9999999999998 in floating point
    ['4503599627370.49', 'USD', 450359962737049],
  ])('reads %j %s as %i', (text, currency, minor) => {
    expect(parseMinorUnits(text, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    ['450.001', 'GBP', 'GBP amounts take at most 2 decimals'],
    ['12000.5', 'JPY', 'JPY amounts take no decimals'],
    ['-1.00', 'GBP', 'must be a plain decimal amount such as 450.00'],
    ['1,200.00', 'GBP', 'must be a plain decimal amount such as 450.00'],
    ['1e3', 'GBP', 'must be a plain decimal amount such as 450.00'],
    ['.50', 'GBP', 'must be a plain decimal amount such as 450.00'],
    ['450.', 'GBP', 'must be a plain decimal amount such as 450.00'],
    ['', 'GBP', 'must be a plain decimal amount such as 450.00'],
    ['£450', 'GBP', 'must be a plain decimal amount such as 450.00'],
    ['99999999999999999', 'GBP', 'amount is too large'],
  ])('refuses %j %s', (text, currency, message) => {
    expect(parseMinorUnits(text, currency)).toEqual({ ok: false, message });
  });

  it('reads any text as the plain decimal reading would (digits, one point, nothing else)', () => {
    const reference = (text: string, currency: string) => {
      const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
      if (!match) return { ok: false, message: 'must be a plain decimal amount such as 450.00' };
      const fraction = match[2] ?? '';
      const digits = minorDigits(currency);
      if (fraction.length > digits) {
        return {
          ok: false,
          message: `${currency} amounts take ${digits === 0 ? 'no decimals' : `at most ${digits} decimals`}`,
        };
      }
      const minor = Number((match[1] ?? '') + fraction.padEnd(digits, '0'));
      return Number.isSafeInteger(minor) ? { ok: true, minor } : { ok: false, message: 'amount is too large' };
    };
    const text = fc
      .array(fc.constantFrom('0', '1', '9', '.', ' ', '-', 'e', ','), { maxLength: 20 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom('GBP', 'JPY', 'KWD'), (t, currency) => {
        expect(parseMinorUnits(t, currency)).toEqual(reference(t, currency));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every amount exactly through its decimal text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('GBP', 'JPY', 'KWD'),
        (minor, currency) => {
          expect(parseMinorUnits(formatMinorUnits(minor, currency), currency)).toEqual({ ok: true, minor });
        },
      ),
    );
  });
});

describe('formatMinorUnits', () => {
  it('writes the exact decimal', () => {
    expect(formatMinorUnits(45010, 'GBP')).toBe('450.10');
    expect(formatMinorUnits(5, 'GBP')).toBe('0.05');
    expect(formatMinorUnits(12000, 'JPY')).toBe('12000');
    expect(formatMinorUnits(-1234, 'KWD')).toBe('-1.234');
  });
});
