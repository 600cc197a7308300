import type { Db } from '../../../db/client.js';
import { orderTimeline, type OrderEventRow, type OrderRow } from '../../../db/repositories/orders.js';
import type { Order } from '../../../openapi/orders.js';
import { visibleOrder } from '../../../tails/orders/desk-actions.js';
import { viewerOf } from '../../auth.js';
import type { Caller } from '../../context.js';
import { ApiError } from '../../errors.js';

const money = (amountMinor: number | null, currency: string | null) =>
  amountMinor === null || currency === null ? null : { amountMinor, currency };

export function presentOrder(row: OrderRow): Order {
  return {
    id: row.id,
    partnerId: row.partnerId,
    offerId: row.offerId,
    deskReference: row.deskReference,
    productCode: row.productCode,
    bandwidthMbps: row.bandwidthMbps,
    site: row.site,
    contact: row.contact,
    installCharge: money(row.installChargeMinor, row.currency),
    monthlyCharge: money(row.monthlyChargeMinor, row.currency),
    state: row.state,
    submission: row.submission,
    partnerOrderId: row.partnerOrderId,
    carrierCircuitRef: row.carrierCircuitRef,
    dates: { requested: row.requestedCompletionDate, committed: row.committedDate, completed: row.completedAt },
    failureReason: row.failureReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const presentEvent = (e: OrderEventRow) => ({
  id: e.id,
  source: e.source,
  type: e.type,
  externalEventId: e.externalEventId,
  fromState: e.fromState,
  toState: e.toState,
  outcome: e.outcome,
  detail: e.detail,
  occurredAt: e.occurredAt,
  receivedAt: e.receivedAt,
  claimNote: e.claimNote,
  ownDelayMs: e.ownDelayMs,
});

/** An order with its timeline, as GET /api/v1/orders/{id} and the create answer show it. */
export const presentOrderDetail = async (db: Db, row: OrderRow) => ({
  ...presentOrder(row),
  timeline: (await orderTimeline(db, row.id)).map(presentEvent),
});

/** The order, or 404 when it does not exist or belongs to another partner than the calling partner key. */
export async function orderOr404(db: Db, caller: Caller, id: string): Promise<OrderRow> {
  const order = await visibleOrder(db, viewerOf(caller), id);
  if (!order) throw new ApiError('not_found', `No order ${id}`);
  return order;
}
