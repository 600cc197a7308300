import { describe, expect, it } from 'vitest';
import { compare, decimalOf, formatRatio, ratio, roundRatio } from './exact.js';

describe('exact rationals', () => {
  it('reads numbers as the decimals they were written as', () => {
    expect(compare(decimalOf(30.5), ratio(61, 2))).toBe(0);
    expect(compare(decimalOf(0.1), ratio(1, 10))).toBe(0);
    expect(compare(decimalOf(1e-7), ratio(1, 10_000_000))).toBe(0);
    expect(compare(decimalOf(12), ratio(12))).toBe(0);
  });

  it.each([
    // value, halfUp, halfEven, down, up
    [ratio(25, 10), 3n, 2n, 2n, 3n],
    [ratio(35, 10), 4n, 4n, 3n, 4n],
    [ratio(24, 10), 2n, 2n, 2n, 3n],
    [ratio(26, 10), 3n, 3n, 2n, 3n],
    [ratio(7), 7n, 7n, 7n, 7n],
    [ratio(-25, 10), -3n, -2n, -2n, -3n],
  ])('rounds %o to the minor unit in every mode', (value, halfUp, halfEven, down, up) => {
    expect([
      roundRatio(value, 'halfUp'),
      roundRatio(value, 'halfEven'),
      roundRatio(value, 'down'),
      roundRatio(value, 'up'),
    ]).toEqual([halfUp, halfEven, down, up]);
  });

  it('shows an exact value as a decimal, marked when it goes on', () => {
    expect(formatRatio(ratio(200_000, 61))).toBe('3278.688524…'); // 1,000.00 GBP / 30.5 days
    expect(formatRatio(ratio(5, 2))).toBe('2.5');
    expect(formatRatio(ratio(6000))).toBe('6000');
  });
});
