import { and, desc, eq, gt, isNotNull, asc } from 'drizzle-orm';
import type { Decision, OrderFacts, PartnerUpdate } from '../../partners/orders/apply-update.js';
import type { OrderState } from '../../sla-rules/order-states.js';
import { IMMEDIATE, type Db } from '../client.js';
import { newId } from '../ids.js';
import { orderEvents, orders } from '../schema.js';
import type { OrderRow } from './orders.js';

export type RecordedUpdate = { duplicate: boolean; outcome: Decision['outcome'] | 'duplicate'; order: OrderRow };
type Decide = (order: OrderFacts, update: PartnerUpdate, receivedAt: string) => Decision;

type Incoming = {
  orderId: string;
  source: string;
  type: string;
  externalEventId: string | null;
  update: PartnerUpdate;
  payload: unknown;
  receivedAt: string;
};

function facts(db: Db, order: OrderRow): OrderFacts {
  const last = db
    .select({ occurredAt: orderEvents.occurredAt })
    .from(orderEvents)
    .where(
      and(
        eq(orderEvents.orderId, order.id),
        eq(orderEvents.outcome, 'applied'),
        isNotNull(orderEvents.externalEventId),
        isNotNull(orderEvents.toState),
      ),
    )
    .orderBy(desc(orderEvents.occurredAt))
    .limit(1)
    .get();
  return {
    state: order.state as OrderState,
    committedDate: order.committedDate,
    completedAt: order.completedAt,
    lastStateAt: last?.occurredAt ?? null,
  };
}

/**
 * Stores a partner update once (by the carrier's event id) and applies it if `decide` allows, all in one transaction.
 * After a state is applied, updates refused earlier that are newer than it are tried again: a carrier whose
 * notifications arrive out of order still ends in the right state.
 */
export function recordPartnerUpdate(db: Db, input: Incoming, decide: Decide): RecordedUpdate {
  return db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    let order = tx.select().from(orders).where(eq(orders.id, input.orderId)).get();
    if (!order) throw new Error(`order ${input.orderId} vanished`);
    if (input.externalEventId) {
      const seen = tx
        .select({ seq: orderEvents.seq })
        .from(orderEvents)
        .where(and(eq(orderEvents.partnerId, order.partnerId), eq(orderEvents.externalEventId, input.externalEventId)))
        .get();
      if (seen) return { duplicate: true, outcome: 'duplicate', order };
    }
    const decision = decide(facts(txDb, order), input.update, input.receivedAt);
    const fromState = order.state;
    if (decision.outcome === 'applied') {
      order = tx
        .update(orders)
        .set({ ...decision.patch, updatedAt: input.receivedAt })
        .where(eq(orders.id, order.id))
        .returning()
        .get();
    }
    tx.insert(orderEvents)
      .values({
        id: newId('evt'),
        orderId: order.id,
        partnerId: order.partnerId,
        source: input.source,
        externalEventId: input.externalEventId,
        type: input.type,
        fromState,
        toState: input.update.state ?? null,
        outcome: decision.outcome,
        detail: decision.detail ?? input.update.message ?? null,
        committedDate: decision.patch.committedDate ?? null,
        payload: input.payload,
        occurredAt: input.update.occurredAt,
        receivedAt: input.receivedAt,
      })
      .run();
    if (decision.patch.state) order = retryRefused(txDb, order, input.update.occurredAt, input.receivedAt, decide);
    return { duplicate: false, outcome: decision.outcome, order };
  }, IMMEDIATE);
}

function retryRefused(db: Db, order: OrderRow, since: string, receivedAt: string, decide: Decide): OrderRow {
  const refused = db
    .select()
    .from(orderEvents)
    .where(
      and(eq(orderEvents.orderId, order.id), eq(orderEvents.outcome, 'refused'), gt(orderEvents.occurredAt, since)),
    )
    .orderBy(asc(orderEvents.occurredAt))
    .all();
  let current = order;
  for (const event of refused) {
    const decision = decide(
      facts(db, current),
      { state: event.toState as OrderState, occurredAt: event.occurredAt },
      receivedAt,
    );
    if (decision.outcome !== 'applied') continue;
    current = db
      .update(orders)
      .set({ ...decision.patch, updatedAt: receivedAt })
      .where(eq(orders.id, current.id))
      .returning()
      .get()!;
    db.update(orderEvents)
      .set({ outcome: 'applied', detail: `applied once the earlier event arrived (${event.detail ?? ''})` })
      .where(eq(orderEvents.seq, event.seq))
      .run();
  }
  return current;
}
