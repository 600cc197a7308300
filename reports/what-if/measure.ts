import { computeClocks } from '../../sla-rules/clocks.js';
import { explainClock } from '../../sla-rules/explain.js';
import { finalOutcomes, type FinalOutcome } from '../../sla-rules/final-outcomes.js';
import { isFinalOrderState, type OrderState } from '../../sla-rules/order-states.js';
import { isFinalTicketStatus, type TicketStatus } from '../../sla-rules/ticket-states.js';
import type { SlaEvent } from '../../sla-rules/types.js';
import { slaFacts } from '../../sla-rules/wake-up.js';
import type { SlaContext } from '../../tails/sla/context.js';
import type { ExplainedClock } from '../../tails/sla/view.js';

/** A jeopardy threshold or breach a clock reached, at its instant (the clock watch records one fact for each). */
export type MeasuredFact = { olaId: string; kind: 'jeopardy' | 'breach'; threshold: number; at: string };

/** An order's or ticket's clocks as production measures them, with the facts and final outcomes they give. */
export type Measured = {
  /** The instant measured at: when the order or ticket reached a final state, else the instant asked for. */
  measuredAt: string;
  finishedAt: string | null;
  clocks: ExplainedClock[];
  facts: MeasuredFact[];
  outcomes: FinalOutcome[];
};

const isFinal = (kind: 'order' | 'ticket', state: string) =>
  kind === 'order' ? isFinalOrderState(state as OrderState) : isFinalTicketStatus(state as TicketStatus);

/** When the order or ticket reached a final state: the receipt of its last state, when that state is final. */
export function finishedAt(events: readonly SlaEvent[], kind: 'order' | 'ticket', asOf: number): number | null {
  const states = events.filter((e) => e.type === 'state' && Date.parse(String(e.receivedAt)) <= asOf);
  const last = states.at(-1);
  return last?.state && isFinal(kind, last.state) ? Date.parse(String(last.receivedAt)) : null;
}

/**
 * The clocks of `context` as the clock watch (workers/clock-watch.workflow.ts) computes them, with the same sla-rules
 * functions: computeClocks, slaFacts (each jeopardy threshold and breach with its instant) and finalOutcomes (what it
 * records, and reports price). An order or ticket that reached a final state is measured at that instant, where the
 * clock watch takes its last measure and ends; one still open at `asOf`.
 */
export function measureAt(
  context: Pick<SlaContext, 'policy' | 'calendars' | 'entity' | 'events'>,
  asOf: number,
): Measured {
  const finished = finishedAt(context.events, context.entity.kind, asOf);
  const now = finished ?? asOf;
  const clocks = computeClocks({ ...context, now });
  return {
    measuredAt: new Date(now).toISOString(),
    finishedAt: finished === null ? null : new Date(finished).toISOString(),
    clocks: clocks.map((c) => ({ ...c, explanation: explainClock(c) })),
    facts: slaFacts(clocks)
      .filter((f) => Date.parse(f.at) <= now)
      .map((f) => ({ olaId: f.olaId, kind: f.kind, threshold: f.kind === 'jeopardy' ? f.threshold : 100, at: f.at })),
    outcomes: finalOutcomes(clocks, finished !== null, now),
  };
}
