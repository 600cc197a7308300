import { describe, expect, it } from 'vitest';
import { ratio } from './exact.js';
import { formatDuration, formatExactMoney, formatMoney } from './money-format.js';

describe('explanation text', () => {
  it('writes minor units in major units with the currency’s own decimals', () => {
    expect([
      formatMoney(123_456_789, 'GBP'),
      formatMoney(5, 'GBP'),
      formatMoney(12_345, 'JPY'),
      formatMoney(-1_234_567, 'BHD'),
    ]).toEqual(['1,234,567.89 GBP', '0.05 GBP', '12,345 JPY', '-1,234.567 BHD']);
  });

  it('writes an exact amount that is not whole minor units, marked when it goes on', () => {
    expect(formatExactMoney(ratio(200_000, 61), 'GBP')).toBe('32.78688524… GBP');
    expect(formatExactMoney(ratio(24_691, 2), 'GBP')).toBe('123.455 GBP');
  });

  it('writes durations in hours and minutes', () => {
    expect([
      formatDuration(0),
      formatDuration(90 * 60_000),
      formatDuration(2 * 3_600_000),
      formatDuration(61_000),
    ]).toEqual(['0 min', '1 h 30 min', '2 h', '1 min 1 s']);
  });
});
