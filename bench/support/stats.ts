/**
 * Nearest-rank percentile of ascending samples; `percent` is on the 0–100 scale (50 is the median). Fractions are
 * refused: a 0.5 meant as the median would silently report the 0.5th percentile.
 */
export function percentile(sorted: Float64Array, percent: number): number {
  if (!(percent >= 1 && percent <= 100)) throw new RangeError(`percentile wants a percent in [1, 100], got ${percent}`);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const round = (value: number, digits = 3) => Number(value.toFixed(digits));
