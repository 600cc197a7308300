import type { Db } from '../../db/client.js';
import type { ListenerEventType, TmfProductOrder } from '../../openapi/tmf622.js';
import { ourIdAmong } from '../../partners/adapters/tmf-common.js';
import { getPartner } from '../../db/repositories/partners.js';
import { mapOrderState, unmappedState } from '../../partners/adapters/state-maps.js';
import { readOrderUpdate } from '../../partners/adapters/tmf622/read.js';
import { pendingDestinations } from '../notify/dispatch.js';
import { recordCarrierJeopardy, recordMissedMilestones } from '../sla/carrier-jeopardy.js';
import type { TailWorkflows } from '../workflows.js';
import { orderNamedByCarrier, receiveOrderUpdate, type ReceiveOrderOutcome } from './receive-update.js';

/** A TMF622 notification a carrier POSTed to our listener (v4 and v5 share the envelope). */
export type CarrierOrderNotification = {
  eventId: string;
  eventTime?: string | undefined;
  eventType: ListenerEventType;
  productOrder: TmfProductOrder;
  /** The notification as it arrived, kept with the event. */
  payload: unknown;
};

type NotificationDeps = {
  db: Db;
  now: () => Date;
  workflows: Pick<TailWorkflows, 'changed' | 'deliverTo'>;
};

export type NotificationOutcome =
  | { ok: false; reason: 'notFound'; message: string }
  | { ok: false; reason: 'unmapped'; field: string; message: string }
  | ReceiveOrderOutcome;

/** A milestone or jeopardy alert reports progress or risk; it does not move the order. */
const informational = new Set<ListenerEventType>(['productOrderMilestoneEvent', 'productOrderJeopardyAlertEvent']);

/**
 * Receives a carrier's notification about one of its own orders (found by the carrier's id, or our id echoed back):
 * the update goes through receive-update.ts like every other; a v5 jeopardy alert, and a v5 milestone the carrier
 * missed, is recorded as a carrierJeopardy fact and sent to subscribers.
 */
export async function receiveCarrierOrderNotification(
  deps: NotificationDeps,
  partnerId: string,
  notification: CarrierOrderNotification,
): Promise<NotificationOutcome> {
  const po = notification.productOrder;
  const ourOrderId = ourIdAmong(po.externalId);
  const order = await orderNamedByCarrier(deps.db, partnerId, { partnerOrderId: po.id, ourOrderId });
  if (!order) {
    const message = `No order of yours with id ${po.id}${ourOrderId ? ` or externalId ${ourOrderId}` : ''}`;
    return { ok: false, reason: 'notFound', message };
  }
  const occurredAt = notification.eventTime ? new Date(notification.eventTime).toISOString() : deps.now().toISOString();
  const stateMap = (await getPartner(deps.db, partnerId))?.adapter.stateMap?.order;
  if (po.state !== undefined && mapOrderState(po.state, stateMap) === undefined)
    return {
      ok: false,
      reason: 'unmapped',
      field: 'event.productOrder.state',
      message: unmappedState('order', po.state),
    };
  const update = readOrderUpdate(po, stateMap);
  const received = await receiveOrderUpdate(deps, {
    orderId: order.id,
    source: 'listener',
    type: notification.eventType,
    externalEventId: notification.eventId,
    update: informational.has(notification.eventType)
      ? { kind: 'event', occurredAt, message: update.message }
      : { ...update, kind: 'event', occurredAt },
    payload: notification.payload,
  });
  if (!received.ok) return received;
  const alerts =
    notification.eventType === 'productOrderJeopardyAlertEvent'
      ? await recordCarrierJeopardy(deps.db, {
          entityType: 'order',
          entityId: order.id,
          partnerId: order.partnerId,
          alertId: notification.eventId,
          at: occurredAt,
          detail: update.message,
          now: deps.now(),
        })
      : notification.eventType === 'productOrderMilestoneEvent'
        ? await recordMissedMilestones(deps.db, {
            order,
            milestones: po.productOrderMilestone ?? [],
            occurredAt,
            now: deps.now(),
          })
        : [];
  const destinations = pendingDestinations(alerts);
  if (destinations.length > 0) await deps.workflows.deliverTo(destinations);
  return received;
}
