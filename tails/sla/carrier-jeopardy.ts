import type { Db } from '../../db/client.js';
import { recordSlaFacts } from '../../db/repositories/sla-facts.js';
import type { TmfMilestone } from '../../openapi/tmf622.js';
import { describeMissedMilestone, missedMilestones } from '../../partners/adapters/tmf622/milestones.js';
import type { NotificationRow } from '../../db/repositories/notifications.js';
import { createNotificationsForFact } from '../notify/fan-out.js';

/**
 * A carrier declaring an order or ticket at risk itself (TMF622 v5 ProductOrderJeopardyAlertEvent, or a milestone it
 * missed) is a fact of its own, beside our clocks' thresholds: recorded once per alert and sent to subscribers.
 * Returns its notifications.
 */
export async function recordCarrierJeopardy(
  db: Db,
  input: {
    entityType: 'order' | 'ticket';
    entityId: string;
    partnerId: string;
    alertId: string;
    at: string;
    detail: string | undefined;
    now: Date;
    /** What the carrier's warning is about (default carrierJeopardy: a jeopardy alert). */
    metric?: string;
    dueAt?: string | null;
  },
): Promise<NotificationRow[]> {
  const [fact] = await recordSlaFacts(db, [
    {
      entityType: input.entityType,
      entityId: input.entityId,
      partnerId: input.partnerId,
      // One fact per alert: the alert id stands in for the OLA, so repeated alerts are each kept, duplicates not.
      olaId: `carrier:${input.alertId}`,
      metric: input.metric ?? 'carrierJeopardy',
      policyVersion: 0,
      kind: 'carrierJeopardy',
      threshold: 0,
      at: input.at,
      dueAt: input.dueAt ?? null,
      detectedAt: input.now.toISOString(),
      detail: input.detail ?? null,
    },
  ]);
  return await createNotificationsForFact(db, fact!, input.now);
}

export const carrierMilestoneMissedMetric = 'carrierMilestoneMissed';

/**
 * The milestones a carrier reports missed in a v5 ProductOrderMilestoneEvent (the rule is in
 * partners/adapters/tmf622/milestones.ts), each a carrierJeopardy fact once per order and milestone: a v5 order
 * carries its whole milestone list in every event, so the same missed milestone arriving again adds nothing.
 * Returns their notifications.
 */
export async function recordMissedMilestones(
  db: Db,
  input: {
    order: { id: string; partnerId: string };
    milestones: readonly TmfMilestone[];
    occurredAt: string;
    now: Date;
  },
): Promise<NotificationRow[]> {
  const notifications: NotificationRow[] = [];
  for (const m of missedMilestones(input.milestones, input.occurredAt)) {
    const recorded = await recordCarrierJeopardy(db, {
      entityType: 'order',
      entityId: input.order.id,
      partnerId: input.order.partnerId,
      alertId: `milestone:${m.key}`,
      at: input.occurredAt,
      dueAt: m.milestoneDate ? new Date(m.milestoneDate).toISOString() : null,
      detail: describeMissedMilestone(m),
      metric: carrierMilestoneMissedMetric,
      now: input.now,
    });
    notifications.push(...recorded);
  }
  return notifications;
}
