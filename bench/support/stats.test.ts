import { describe, expect, it } from 'vitest';
import { percentile } from './stats.js';

describe('percentile', () => {
  const oneToHundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it('takes the nearest rank on the 0-100 scale', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile(Float64Array.of(3, 7), 50)).toBe(3);
  });

  it('refuses a fraction, which would be a percentile below the first', () => {
    expect(() => percentile(oneToHundred, 0.5)).toThrow(RangeError);
    expect(() => percentile(oneToHundred, 0.99)).toThrow(/\[1, 100\]/);
  });

  it('has no percentile of nothing', () => {
    expect(percentile(new Float64Array(0), 50)).toBeNaN();
  });
});
