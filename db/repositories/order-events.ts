import { queryAll, queryFirst, queryRun } from '../execute.js';
import { and, asc, desc, eq, gt, isNotNull } from 'drizzle-orm';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { orderEvents } from '../schema.js';
import type { OrderEventRow } from './orders.js';

/** What receiving a carrier's update reads and marks of an order's events (tails/orders/receive-update.ts decides). */

/** Whether the carrier already sent an event about this order under this id (a retry or a duplicate). */
export function hasOrderEventWithExternalId(db: Db, orderId: string, externalEventId: string): Promise<boolean> {
  return withConnection(db, async () => {
    const seen = await queryFirst(
      db
        .select({ seq: orderEvents.seq })
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.externalEventId, externalEventId))),
    );
    return seen !== undefined;
  });
}

/** When the newest state change a carrier notified (by event id) that was applied says it happened, if any. */
export function lastNotifiedStateAt(db: Db, orderId: string): Promise<string | null> {
  return withConnection(db, async () => {
    const last = await queryFirst(
      db
        .select({ occurredAt: orderEvents.occurredAt })
        .from(orderEvents)
        .where(
          and(
            eq(orderEvents.orderId, orderId),
            eq(orderEvents.outcome, 'applied'),
            isNotNull(orderEvents.externalEventId),
            isNotNull(orderEvents.toState),
          ),
        )
        .orderBy(desc(orderEvents.occurredAt))
        .limit(1),
    );
    return last?.occurredAt ?? null;
  });
}

/** Refused events said to have happened after `since`, earliest first. */
export function refusedOrderEventsAfter(db: Db, orderId: string, since: string): Promise<OrderEventRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(orderEvents)
        .where(
          and(eq(orderEvents.orderId, orderId), eq(orderEvents.outcome, 'refused'), gt(orderEvents.occurredAt, since)),
        )
        .orderBy(asc(orderEvents.occurredAt)),
    );
  });
}

/** A refused event that applies after all (an earlier event arrived late), with why. */
export function markOrderEventApplied(db: Db, seq: number, detail: string): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(db.update(orderEvents).set({ outcome: 'applied', detail }).where(eq(orderEvents.seq, seq)));
  });
}
