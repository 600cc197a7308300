import type { Db } from '../../db/client.js';
import type { NotificationRow } from '../../db/repositories/notifications.js';
import { getOrder } from '../../db/repositories/orders.js';
import { getPartner } from '../../db/repositories/partners.js';
import type { SlaFactRow } from '../../db/repositories/sla-facts.js';
import type { Partner } from '../../openapi/partners.js';
import {
  isOlaAlertKind,
  jeopardyAlertListenerUrl,
  toProductOrderJeopardyAlertEventV5,
} from '../../partners/adapters/tmf622/jeopardy-alert.js';

/**
 * What to send for a notification on channel `carrier`: our OLA jeopardy or breach, as a TMF622 v5
 * ProductOrderJeopardyAlertEvent to the carrier's listener.
 * - `unsendable`: it never can be (the carrier no longer speaks v5, the order never reached it): given up on.
 * - `notYet`: the carrier has not told us its order id yet (submission still going): an attempt that retries.
 */
export type CarrierAlertRequest =
  { url: string; body: string; partner: Partner } | { unsendable: string } | { notYet: string };

export async function carrierAlertRequest(
  db: Db,
  notification: Pick<NotificationRow, 'id'>,
  fact: SlaFactRow,
): Promise<CarrierAlertRequest> {
  if (fact.entityType !== 'order' || !isOlaAlertKind(fact.kind)) {
    return { unsendable: `a ${fact.kind} fact on a ${fact.entityType} is not a TMF622 jeopardy alert` };
  }
  const partner = await getPartner(db, fact.partnerId);
  const baseUrl = partner?.adapter.baseUrl;
  if (partner?.adapter.orderingApi !== 'tmf622-v5' || !baseUrl)
    return { unsendable: `partner ${fact.partnerId} has no TMF622 v5 API (any more)` };
  const order = await getOrder(db, fact.entityId);
  if (!order) return { unsendable: `order ${fact.entityId} no longer exists` };
  if (!order.partnerOrderId) {
    if (order.submission === 'failed' || order.submission === 'manual')
      return { unsendable: `the carrier never took order ${order.id}` };
    return { notYet: `the carrier has not yet given its id for order ${order.id}` };
  }
  const event = toProductOrderJeopardyAlertEventV5(
    {
      eventId: notification.id,
      kind: fact.kind,
      partnerOrderId: order.partnerOrderId,
      ourOrderId: order.id,
      olaId: fact.olaId,
      metric: fact.metric,
      threshold: fact.threshold,
      at: fact.at,
      dueAt: fact.dueAt,
      detectedAt: fact.detectedAt,
    },
    { baseUrl },
  );
  return { url: jeopardyAlertListenerUrl(baseUrl), body: JSON.stringify(event), partner };
}
