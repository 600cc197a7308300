import type { Db } from '../../db/client.js';
import { outcomeSubject, recordClockOutcomes } from '../../db/repositories/clock-outcomes.js';
import { recordSlaFacts, type NewSlaFact } from '../../db/repositories/sla-facts.js';
import type { FinalOutcome } from '../../sla-rules/final-outcomes.js';
import type { Clock } from '../../sla-rules/types.js';
import type { NotificationRow } from '../../db/repositories/notifications.js';
import { createNotificationsForFact } from '../notify/fan-out.js';

/** Whose clocks: an order or a ticket, and its partner. */
export type ClockOwner = { entityType: 'order' | 'ticket'; entityId: string; partnerId: string };

/** A jeopardy threshold or breach a workflow's clock reached, as it hands it over to be recorded. */
export type DueFact = {
  clock: Pick<Clock, 'olaId' | 'metric' | 'policyVersion' | 'dueAt'>;
  kind: 'jeopardy' | 'breach';
  threshold: number;
  at: string;
  /** The instants the clock used and why, when it reached the threshold (explainClock); stored as the detail. */
  explanation?: string | undefined;
};

/**
 * Records jeopardy and breach facts once each and fans each out to its destinations; returns their notifications (a
 * retried call returns those of the facts recorded before, too).
 */
export async function recordDueFacts(
  db: Db,
  input: ClockOwner & { facts: DueFact[]; detectedAt: string },
  now: Date,
): Promise<NotificationRow[]> {
  const stored = await recordSlaFacts(db, dueFactRows(input));
  const notifications: NotificationRow[] = [];
  for (const fact of stored) notifications.push(...(await createNotificationsForFact(db, fact, now)));
  return notifications;
}

/** Facts as the sla_facts rows that record them. */
export const dueFactRows = (input: ClockOwner & { facts: DueFact[]; detectedAt: string }): NewSlaFact[] =>
  input.facts.map((f) => ({
    entityType: input.entityType,
    entityId: input.entityId,
    partnerId: input.partnerId,
    olaId: f.clock.olaId,
    metric: f.clock.metric,
    policyVersion: f.clock.policyVersion,
    kind: f.kind,
    threshold: f.threshold,
    at: f.at,
    dueAt: f.clock.dueAt,
    detectedAt: input.detectedAt,
    detail: f.explanation ?? null,
  }));

/** Records (or, when it changed, revises) each clock's final outcome with the references reports need. */
export async function recordFinalOutcomes(
  db: Db,
  input: ClockOwner & { outcomes: FinalOutcome[] },
  now: Date,
): Promise<void> {
  const subject = await outcomeSubject(db, input.entityType, input.entityId);
  if (!subject) return;
  await recordClockOutcomes(
    db,
    input.outcomes.map((o) => ({ ...o, ...subject, entityType: input.entityType, entityId: input.entityId })),
    now.toISOString(),
  );
}
