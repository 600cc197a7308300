import type { Db } from '../../db/client.js';
import { createNotificationsForFact } from '../../db/repositories/notifications.js';
import { recordSlaFacts } from '../../db/repositories/sla-facts.js';

/**
 * A carrier declaring an order or ticket at risk itself (TMF622 v5 ProductOrderJeopardyAlertEvent) is a fact of its
 * own, beside our clocks' thresholds: recorded once per alert and sent to subscribers. Returns the notifications to
 * deliver.
 */
export function recordCarrierJeopardy(
  db: Db,
  input: { entityType: 'order' | 'ticket'; entityId: string; partnerId: string; alertId: string; at: string; detail: string | undefined; now: Date },
): string[] {
  const [fact] = recordSlaFacts(db, [
    {
      entityType: input.entityType, entityId: input.entityId, partnerId: input.partnerId,
      // One fact per alert: the alert id stands in for the OLA, so repeated alerts are each kept, duplicates not.
      olaId: `carrier:${input.alertId}`, metric: 'carrierJeopardy', policyVersion: 0, kind: 'carrierJeopardy', threshold: 0,
      at: input.at, dueAt: null, detectedAt: input.now.toISOString(), detail: input.detail ?? null,
    },
  ]);
  return createNotificationsForFact(db, fact!, input.now).filter((n) => n.status === 'pending').map((n) => n.id);
}
