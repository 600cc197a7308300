// Workflow-safe (the clock watch runs it in the Temporal sandbox): imports only types and explain.ts.
import { explainClock } from './explain.js';
import type { Clock } from './types.js';

/** A clock's final outcome, as the workflow hands it to the recordClockOutcomes activity. */
export type FinalOutcome = Pick<
  Clock,
  | 'olaId'
  | 'metric'
  | 'policyId'
  | 'policyVersion'
  | 'measure'
  | 'calendar'
  | 'startedAt'
  | 'dueAt'
  | 'breachedAt'
  | 'targetMs'
  | 'elapsedMs'
  | 'overrunMs'
  | 'pausedMs'
> & {
  state: 'met' | 'breached' | 'cancelled';
  clause: string | null;
  finalAt: string;
  /** The instants the clock used and why (explainClock). */
  explanation: string;
};

/**
 * The clocks whose outcome is final: stopped or cancelled (a breach at or after the due instant stands), or, once
 * the entity reached a final state, every clock that started (one still running is cancelled as of `now`).
 */
export function finalOutcomes(clocks: readonly Clock[], entityFinished: boolean, now: number): FinalOutcome[] {
  const outcomes: FinalOutcome[] = [];
  for (const c of clocks) {
    if (c.startedAt === null || c.state === 'notStarted') continue;
    if (c.stoppedAt === null && !entityFinished) continue;
    const state = c.state === 'met' || c.state === 'breached' || c.state === 'cancelled' ? c.state : 'cancelled';
    outcomes.push({
      olaId: c.olaId,
      metric: c.metric,
      policyId: c.policyId,
      policyVersion: c.policyVersion,
      measure: c.measure,
      calendar: c.calendar,
      startedAt: c.startedAt,
      dueAt: c.dueAt,
      breachedAt: c.breachedAt,
      targetMs: c.targetMs,
      elapsedMs: c.elapsedMs,
      overrunMs: c.overrunMs,
      pausedMs: c.pausedMs,
      state,
      clause: c.penalty?.clause ?? null,
      finalAt: c.stoppedAt ?? new Date(now).toISOString(),
      explanation: explainClock(c),
    });
  }
  return outcomes;
}

/** What makes two outcomes of one clock the same; a different one is recorded again (and adjusts reports). */
export const outcomeSignature = (o: FinalOutcome): string =>
  `${o.state}|${o.finalAt}|${o.breachedAt}|${o.overrunMs}|${o.pausedMs}|${o.elapsedMs}|${o.dueAt}`;
