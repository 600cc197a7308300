import type { NotificationRow } from '../../db/repositories/notifications.js';
import type { SlaFactRow } from '../../db/repositories/sla-facts.js';

/** Who and what a fact is about, for people reading a notification: beside the ids in `fact`. */
export type NotificationContext = {
  /** The order's or ticket's desk reference and the carrier's own id for it; null when unknown. */
  deskReference: string | null;
  partnerReference: string | null;
  partnerName: string | null;
  /** The OLA as its policy describes it. */
  ola: { id: string; metric: string; description: string | null };
};

/** What a receiver gets: one fact about one order or ticket. `deliveryId` equals the Tailgate-Delivery header. */
export type NotificationBody = {
  deliveryId: string;
  kind: SlaFactRow['kind'];
  /** Present on escalation webhooks: the ladder level this contact is on. */
  escalationLevel?: number;
  context: NotificationContext;
  fact: {
    id: string;
    entityType: SlaFactRow['entityType'];
    entityId: string;
    partnerId: string;
    olaId: string;
    metric: string;
    policyVersion: number;
    /** Percent of the target for a jeopardy, 100 for a breach. */
    threshold: number;
    at: string;
    dueAt: string | null;
    detectedAt: string;
  };
};

/** The JSON text to send (and to sign: the signature covers these exact bytes). Pure. */
export function notificationBody(
  notification: Pick<NotificationRow, 'id' | 'escalationLevel'>,
  fact: SlaFactRow,
  context: NotificationContext,
): string {
  const body: NotificationBody = {
    deliveryId: notification.id,
    kind: fact.kind,
    ...(notification.escalationLevel === null ? {} : { escalationLevel: notification.escalationLevel }),
    context,
    fact: {
      id: fact.id,
      entityType: fact.entityType,
      entityId: fact.entityId,
      partnerId: fact.partnerId,
      olaId: fact.olaId,
      metric: fact.metric,
      policyVersion: fact.policyVersion,
      threshold: fact.threshold,
      at: fact.at,
      dueAt: fact.dueAt,
      detectedAt: fact.detectedAt,
    },
  };
  return JSON.stringify(body);
}
