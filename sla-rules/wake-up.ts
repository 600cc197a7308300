import { toIso, toMs } from './instants.js';
import type { Clock, Instant } from './types.js';

/**
 * The next instant after `now` at which a clock changes without any new event: a jeopardy threshold or the due
 * instant of a running clock. Null when nothing will (all ended, paused or already breached): sleep until an event.
 */
export function nextWakeUp(clocks: readonly Clock[], now: Instant): string | null {
  const t = toMs(now);
  let next = Infinity;
  for (const c of clocks) {
    if (c.state !== 'running') continue;
    for (const j of c.jeopardy) {
      if (j.at === null) continue;
      const at = toMs(j.at);
      if (at > t && at < next) next = at;
    }
    if (c.dueAt !== null) {
      const due = toMs(c.dueAt);
      if (due > t && due < next) next = due;
    }
  }
  return next === Infinity ? null : toIso(next);
}

/** Something that has happened to a clock, to be recorded once (the key is stable across evaluations). */
export type SlaFact =
  | { key: string; olaId: string; kind: 'jeopardy'; threshold: number; at: string }
  | { key: string; olaId: string; kind: 'breach'; at: string };

/** Jeopardy and breach facts reached by the clocks' `now`; a workflow records those whose key it has not seen. */
export function slaFacts(clocks: readonly Clock[]): SlaFact[] {
  const facts: SlaFact[] = [];
  for (const c of clocks) {
    for (const j of c.jeopardy) {
      if (j.reached && j.at !== null)
        facts.push({
          key: `${c.olaId}:jeopardy:${j.threshold}`,
          olaId: c.olaId,
          kind: 'jeopardy',
          threshold: j.threshold,
          at: j.at,
        });
    }
    if (c.state === 'breached' && c.breachedAt !== null)
      facts.push({ key: `${c.olaId}:breach`, olaId: c.olaId, kind: 'breach', at: c.breachedAt });
  }
  return facts;
}
