import type { Db } from '../../db/client.js';
import { getPartner } from '../../db/repositories/partners.js';
import type { Partner } from '../../openapi/partners.js';
import type { SonataOrderEventType } from '../../openapi/sonata.js';
import { PartnerRejectedError, PartnerUnavailableError } from '../../partners/adapters/index.js';
import type { OrderingAdapter } from '../../partners/adapters/tmf622/types.js';
import type { TailWorkflows } from '../workflows.js';
import { orderNamedByCarrier, receiveOrderUpdate, type ReceiveOrderOutcome } from './receive-update.js';

/** A thin MEF LSO Sonata notification a carrier POSTed to our listener: it names the carrier's order only. */
export type SonataOrderNotification = {
  eventId: string;
  eventTime: string;
  eventType: SonataOrderEventType;
  /** The carrier's ProductOrder id. */
  carrierOrderId: string;
  payload: unknown;
};

type Deps = {
  db: Db;
  now: () => Date;
  workflows: Pick<TailWorkflows, 'changed'>;
  /** The client for the partner's ordering API: a thin notification is followed by a read of the order. */
  ordering: (partner: Partner) => OrderingAdapter;
};

export type SonataNotificationOutcome =
  | { ok: false; reason: 'notFound'; message: string }
  | { ok: false; reason: 'carrierUnavailable'; message: string }
  | ReceiveOrderOutcome;

/**
 * Receives a Sonata carrier's notification about one of its orders: the order is read back from the carrier (Sonata
 * notifications are thin), found among the calling partner's own orders (by the carrier's id, or our externalId it
 * echoes), and its current state taken as any update is (receive-update.ts), the event stored once by its id. A
 * carrier that cannot be read answers `carrierUnavailable` (the carrier sends the notification again).
 */
export async function receiveSonataOrderNotification(
  deps: Deps,
  partnerId: string,
  notification: SonataOrderNotification,
): Promise<SonataNotificationOutcome> {
  const partner = await getPartner(deps.db, partnerId);
  const notFound = {
    ok: false,
    reason: 'notFound',
    message: `No order of yours with id ${notification.carrierOrderId}`,
  } as const;
  if (partner?.adapter.orderingApi !== 'sonata-v10') return notFound;
  let snapshot;
  try {
    snapshot = await deps.ordering(partner).get(notification.carrierOrderId);
  } catch (err) {
    if (err instanceof PartnerRejectedError && err.status === 404) return notFound;
    if (err instanceof PartnerRejectedError || err instanceof PartnerUnavailableError)
      return { ok: false, reason: 'carrierUnavailable', message: `could not read the order back: ${err.message}` };
    throw err;
  }
  const order = await orderNamedByCarrier(deps.db, partnerId, {
    partnerOrderId: snapshot.partnerOrderId,
    ourOrderId: snapshot.externalId,
  });
  if (!order) return notFound;
  const { partnerOrderId, externalId: _ours, ...update } = snapshot;
  return await receiveOrderUpdate(deps, {
    orderId: order.id,
    source: 'listener',
    type: notification.eventType,
    externalEventId: notification.eventId,
    // What the order is now, as the carrier says: it may have moved on since the event it notified.
    update: { ...update, kind: 'snapshot', occurredAt: new Date(notification.eventTime).toISOString() },
    payload: notification.payload,
    partnerOrderId,
  });
}
