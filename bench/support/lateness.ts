import { percentile, round } from './stats.js';

/** p50 / p99 / max of a list of milliseconds, rounded to whole ms. */
export function spread(values: number[]): { p50: number; p99: number; max: number } {
  const sorted = Float64Array.from(values).sort();
  return {
    p50: round(percentile(sorted, 50), 0),
    p99: round(percentile(sorted, 99), 0),
    max: round(sorted[sorted.length - 1] ?? Number.NaN, 0),
  };
}

/** How the due instants (epoch ms) are spread: first to last, the mean rate, and the busiest second. */
export function dueProfile(instants: number[]): { span_s: number; mean_per_s: number; peak_per_s: number } {
  if (instants.length === 0) return { span_s: 0, mean_per_s: 0, peak_per_s: 0 };
  const perSecond = new Map<number, number>();
  let first = Infinity;
  let last = -Infinity;
  for (const at of instants) {
    first = Math.min(first, at);
    last = Math.max(last, at);
    const second = Math.floor(at / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  const span = (last - first) / 1000;
  return {
    span_s: round(span, 1),
    mean_per_s: round(instants.length / Math.max(span, 1), 0),
    peak_per_s: Math.max(...perSecond.values()),
  };
}

/** Runs `run(i)` for i in [0, count) with `concurrency` at a time. */
export async function pool(count: number, concurrency: number, run: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await run(next++);
    }),
  );
}
