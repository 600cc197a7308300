import type { Db } from '../../db/client.js';
import { appendOrderEvent, getOrder, orderVersion, type OrderRow } from '../../db/repositories/orders.js';
import { getPartner } from '../../db/repositories/partners.js';
import type { OrderEventType } from '../../openapi/events.js';
import type { Partner } from '../../openapi/partners.js';
import type { TmfVersion } from '../../partners/adapters/tmf-common.js';
import type { OrderingAdapter, PartnerOrderSnapshot } from '../../partners/adapters/tmf622/types.js';
import type { OrderChange, OrderState } from '../../sla-rules/order-states.js';
import { MissingRecordError } from '../missing-record.js';
import { ownOrderEvent } from './events.js';

/** What the order workflow's steps (submission.ts, follow-up.ts) share: dependencies, reading, recording. */

export type SubmissionDeps = {
  db: Db;
  now: () => Date;
  /** The client for a partner's TMF622 API (partners/adapters). */
  ordering: (partner: Partner) => OrderingAdapter;
  /** Our TMF622 listener base for an API version (or our Sonata one), registered as the carrier's hub callback. */
  listenerUrl: (version: TmfVersion | 'sonata') => string;
};

export async function load(db: Db, orderId: string): Promise<{ order: OrderRow; partner: Partner }> {
  const order = await getOrder(db, orderId);
  if (!order) throw new MissingRecordError('OrderMissing', `order ${orderId} not found`);
  const partner = await getPartner(db, order.partnerId);
  if (!partner) throw new MissingRecordError('PartnerMissing', `partner ${order.partnerId} not found`);
  return { order, partner };
}

export const current = async (db: Db, order: OrderRow): Promise<OrderChange> => ({
  state: order.state,
  version: await orderVersion(db, order.id),
});

/** Tailgate's own step, recorded as the workflow's (or the adapter's) event; a state it sets is applied. */
export async function recordOwn(
  deps: SubmissionDeps,
  order: OrderRow,
  what: { type: OrderEventType; detail: string; source?: 'workflow' | 'adapter'; toState?: OrderState },
): Promise<void> {
  await appendOrderEvent(deps.db, ownOrderEvent(order, { source: 'workflow', ...what, at: deps.now() }));
}

/**
 * The carrier's answer as an update. It dates from when we asked (`askedAt`), not when the answer arrived: a slow
 * answer can be older than events the carrier sent meanwhile, and must not undo them.
 */
export const snapshotReport = (
  orderId: string,
  snapshot: PartnerOrderSnapshot,
  source: 'adapter' | 'adapter-poll',
  type: 'submitted' | 'poll',
  askedAt: Date,
) => ({
  orderId,
  source,
  type,
  externalEventId: null,
  update: { ...snapshot, kind: 'snapshot' as const, occurredAt: askedAt.toISOString() },
  payload: snapshot,
});
