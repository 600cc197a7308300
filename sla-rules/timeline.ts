import type { Landing, Measure } from './measure.js';

/** A pause as instants; `to` is the resume, or the projection instant for a pause still open. */
export type Interval = { from: number; to: number };

/** Measured running time in [start, until), leaving out pauses (sorted, disjoint, none before start). */
export function runningTime(measure: Measure, start: number, pauses: readonly Interval[], until: number): number {
  let total = 0;
  let cursor = start;
  for (const p of pauses) {
    if (p.from >= until) break;
    total += measure.between(cursor, p.from);
    cursor = Math.max(cursor, p.to);
    if (cursor >= until) return total;
  }
  return total + measure.between(cursor, until);
}

/** Measured time inside pauses, up to `until`. */
export function pausedTime(measure: Measure, pauses: readonly Interval[], until: number): number {
  let total = 0;
  for (const p of pauses) total += measure.between(p.from, Math.min(p.to, until));
  return total;
}

/**
 * The instants at which the running time reaches each of `amounts` (ascending), in one pass over the pauses. All
 * but the last land 'end' (a jeopardy threshold is reached the moment its time is used up); the last uses
 * `lastLanding`. An amount used up exactly when a pause begins is reached then ('end') or after the pause ('start').
 */
export function reachAll(
  measure: Measure,
  start: number,
  pauses: readonly Interval[],
  amounts: readonly number[],
  lastLanding: Landing,
): number[] {
  const out: number[] = [];
  let cursor = start;
  let consumed = 0;
  let next = 0;
  for (let k = 0; k < amounts.length; k++) {
    const amount = amounts[k]!;
    const landing: Landing = k === amounts.length - 1 ? lastLanding : 'end';
    for (;;) {
      const candidate = measure.add(cursor, amount - consumed, landing);
      const pause = pauses[next];
      if (!pause || candidate < pause.from || (landing === 'end' && candidate === pause.from)) {
        out.push(candidate);
        cursor = candidate;
        consumed = Math.max(consumed, amount);
        break;
      }
      consumed += measure.between(cursor, pause.from);
      cursor = Math.max(cursor, pause.to);
      next++;
    }
  }
  return out;
}
