import { queryAll, queryFirst, queryRun, statement } from '../execute.js';
import { and, asc, desc, eq, gt, gte, isNull, lt, lte, notInArray, or } from 'drizzle-orm';
import type { OrderState } from '../../sla-rules/order-states.js';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { orderEvents, orders } from '../schema.js';
import { insertWithFirstEvent } from './first-event.js';
import { workflowStartedMark } from './workflow-started.js';

export type OrderRow = typeof orders.$inferSelect;
export type NewOrderRow = typeof orders.$inferInsert;
export type OrderEventRow = typeof orderEvents.$inferSelect;
export type NewOrderEvent = Omit<typeof orderEvents.$inferInsert, 'seq'>;

/**
 * Writes an order and its first event together: both or neither. When another run of the same request (its key's
 * claim taken over after a lease ran out) stored its order first, answers that order and writes nothing.
 */
export function insertOrderWithEvent(db: Db, order: NewOrderRow, event: NewOrderEvent): Promise<OrderRow> {
  return withConnection(db, async () => {
    const row = await insertWithFirstEvent(db, { table: orders, row: order, events: orderEvents, event });
    if (row) return row;
    const placed = order.requestKey ? await getOrderByRequestKey(db, order.requestKey) : undefined;
    if (!placed) throw new Error(`order ${order.id} conflicts with a stored order`);
    return placed;
  });
}

export function getOrder(db: Db, id: string): Promise<OrderRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(db.select().from(orders).where(eq(orders.id, id)));
  });
}

/** The order a desk request created, if any (see orders.request_key). */
export function getOrderByRequestKey(db: Db, requestKey: string): Promise<OrderRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(db.select().from(orders).where(eq(orders.requestKey, requestKey)));
  });
}

/** Records that the order's workflow is running (or ran): the reconciler leaves it alone from now on. */
export const markOrderWorkflowStarted = workflowStartedMark('orders');

/** Records that a create request for the order is about to go to its carrier (the first time only). */
export function markOrderCarrierContacted(
  db: Db,
  order: Pick<OrderRow, 'id' | 'carrierContactedAt'>,
  at: Date,
): Promise<void> {
  return withConnection(db, async () => {
    if (order.carrierContactedAt) return;
    await queryRun(
      db
        .update(orders)
        .set({ carrierContactedAt: at.toISOString() })
        .where(and(eq(orders.id, order.id), isNull(orders.carrierContactedAt))),
    );
  });
}

/** Orders stored before `createdBefore` whose workflow is not known to have started, oldest first. */
export function ordersAwaitingWorkflow(db: Db, createdBefore: string, limit: number): Promise<OrderRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(orders)
        .where(and(isNull(orders.workflowStartedAt), lte(orders.createdAt, createdBefore)))
        .orderBy(orders.createdAt)
        .limit(limit),
    );
  });
}

export function getOrderByPartnerOrderId(
  db: Db,
  partnerId: string,
  partnerOrderId: string,
): Promise<OrderRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .select()
        .from(orders)
        .where(and(eq(orders.partnerId, partnerId), eq(orders.partnerOrderId, partnerOrderId))),
    );
  });
}

export function orderTimeline(db: Db, orderId: string): Promise<OrderEventRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.seq),
    );
  });
}

export type OrderFilter = {
  state?: OrderState | undefined;
  partnerId?: string | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  /** Our order id, the desk's reference or the carrier's order id, exactly. */
  reference?: string | undefined;
  after?: { createdAt: string; id: string } | undefined;
  limit: number;
};

/** Newest first, keyset-paginated on (created_at, id). */
export function listOrders(db: Db, f: OrderFilter): Promise<OrderRow[]> {
  return withConnection(db, async () => {
    const where = and(
      f.state ? eq(orders.state, f.state) : undefined,
      f.partnerId ? eq(orders.partnerId, f.partnerId) : undefined,
      f.createdFrom ? gte(orders.createdAt, f.createdFrom) : undefined,
      f.createdTo ? lte(orders.createdAt, f.createdTo) : undefined,
      f.reference
        ? or(eq(orders.id, f.reference), eq(orders.deskReference, f.reference), eq(orders.partnerOrderId, f.reference))
        : undefined,
      f.after
        ? or(
            lt(orders.createdAt, f.after.createdAt),
            and(eq(orders.createdAt, f.after.createdAt), lt(orders.id, f.after.id)),
          )
        : undefined,
    );
    return await queryAll(
      db.select().from(orders).where(where).orderBy(desc(orders.createdAt), desc(orders.id)).limit(f.limit),
    );
  });
}

export function updateOrder(db: Db, id: string, patch: Partial<NewOrderRow>): Promise<OrderRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(db.update(orders).set(patch).where(eq(orders.id, id)).returning());
  });
}

export function appendOrderEvent(db: Db, event: NewOrderEvent): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(db.insert(orderEvents).values(event));
  });
}

/** A monotonic version of the order: the sequence number of its newest event. */
export function orderVersion(db: Db, orderId: string): Promise<number> {
  return withConnection(db, async () => {
    const row = (await statement(db, 'select max(seq) as v from order_events where order_id = ?').get(orderId)) as {
      v: number | null;
    };
    return row.v ?? 0;
  });
}

/** Ids of orders not in a final state, after `afterId` in id order, at most `limit` (a sweep's page). */
export function openOrderIds(
  db: Db,
  finalStates: readonly OrderState[],
  afterId: string,
  limit: number,
): Promise<string[]> {
  return withConnection(db, async () => {
    const rows = await queryAll(
      db
        .select({ id: orders.id })
        .from(orders)
        .where(and(notInArray(orders.state, [...finalStates]), gt(orders.id, afterId)))
        .orderBy(asc(orders.id))
        .limit(limit),
    );
    return rows.map((r) => r.id);
  });
}

/** The changes and ceases placed for a delivered order's tail, oldest first. */
export function ordersChanging(db: Db, deliveredOrderId: string): Promise<OrderRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db.select().from(orders).where(eq(orders.changesOrderId, deliveredOrderId)).orderBy(asc(orders.createdAt)),
    );
  });
}
