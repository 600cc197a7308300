import type { Db } from '../../../db/client.js';
import { orderTimeline, type NewOrderEvent, type OrderRow } from '../../../db/repositories/orders.js';
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
    action: row.action,
    changesOrderId: row.changesOrderId,
    productCode: row.productCode,
    bandwidthMbps: row.bandwidthMbps,
    site: row.site,
    contact: row.contact,
    carrierFields: row.carrierFields ?? {},
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

/** An event as stored, or as just written (a column it leaves out is null). */
export const presentEvent = (e: NewOrderEvent) => ({
  id: e.id,
  source: e.source,
  type: e.type,
  externalEventId: e.externalEventId ?? null,
  fromState: e.fromState ?? null,
  toState: e.toState ?? null,
  outcome: e.outcome,
  detail: e.detail ?? null,
  occurredAt: e.occurredAt,
  receivedAt: e.receivedAt,
  claimNote: e.claimNote ?? null,
  ownDelayMs: e.ownDelayMs ?? null,
});

/**
 * An order with its timeline, as GET /api/v1/orders/{id} and the create answer show it: `timeline` when the caller
 * has it (the events it just wrote with the order), else read.
 */
export const presentOrderDetail = async (db: Db, row: OrderRow, timeline?: NewOrderEvent[]) => ({
  ...presentOrder(row),
  timeline: (timeline ?? (await orderTimeline(db, row.id))).map(presentEvent),
});

/** The order, or 404 when it does not exist or belongs to another partner than the calling partner key. */
export async function orderOr404(db: Db, caller: Caller, id: string): Promise<OrderRow> {
  const order = await visibleOrder(db, viewerOf(caller), id);
  if (!order) throw new ApiError('not_found', `No order ${id}`);
  return order;
}
