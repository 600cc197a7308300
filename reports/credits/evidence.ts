import type { Db } from '../../db/client.js';
import { getClockOutcome } from '../../db/repositories/clock-outcomes.js';
import type { CreditClaimRow } from '../../db/repositories/credit-claims.js';
import { orderTimeline } from '../../db/repositories/orders.js';
import { ticketTimeline } from '../../db/repositories/tickets.js';

/** What answers a carrier's dispute: the clock's instants and why it used them, and the events it measured. */
export type ClaimEvidence = {
  clock: {
    olaId: string;
    metric: string;
    measure: string;
    calendar: string;
    startedAt: string | null;
    dueAt: string | null;
    breachedAt: string | null;
    finalAt: string;
    targetMs: number | null;
    elapsedMs: number;
    pausedMs: number;
    overrunMs: number;
    explanation: string | null;
  } | null;
  events: {
    type: string;
    source: string;
    fromState: string | null;
    toState: string | null;
    outcome: string;
    occurredAt: string;
    receivedAt: string;
    detail: string | null;
  }[];
};

export async function claimEvidence(db: Db, claim: CreditClaimRow): Promise<ClaimEvidence> {
  const outcome = await getClockOutcome(db, claim.entityType, claim.entityId, claim.olaId);
  const events =
    claim.entityType === 'order' ? await orderTimeline(db, claim.entityId) : await ticketTimeline(db, claim.entityId);
  return {
    clock: outcome
      ? {
          olaId: outcome.olaId,
          metric: outcome.metric,
          measure: outcome.measure,
          calendar: outcome.calendar,
          startedAt: outcome.startedAt,
          dueAt: outcome.dueAt,
          breachedAt: outcome.breachedAt,
          finalAt: outcome.finalAt,
          targetMs: outcome.targetMs,
          elapsedMs: outcome.elapsedMs,
          pausedMs: outcome.pausedMs,
          overrunMs: outcome.overrunMs,
          explanation: outcome.explanation,
        }
      : null,
    events: events.map((e) => ({
      type: e.type,
      source: e.source,
      fromState: e.fromState,
      toState: e.toState,
      outcome: e.outcome,
      occurredAt: e.occurredAt,
      receivedAt: e.receivedAt,
      detail: e.detail,
    })),
  };
}
