import { newId } from '../../db/ids.js';
import type { NewOrderEvent, OrderRow } from '../../db/repositories/orders.js';
import type { EventOutcome, EventSource, OrderEventType } from '../../openapi/events.js';
import type { OrderState } from '../../sla-rules/order-states.js';

/** One event of an order's timeline, before it is stored (the vocabulary is in openapi/events.ts). */
export type OrderEventFields = {
  source: EventSource;
  type: OrderEventType;
  externalEventId?: string | null;
  fromState: OrderState | null;
  toState: OrderState | null;
  outcome: EventOutcome;
  detail: string | null;
  /** The carrier's committed completion date this event set, if it set one (drives committed-date OLAs). */
  committedDate?: string | null;
  payload?: unknown;
  occurredAt: string;
  receivedAt: string;
  /** Why the sender's claimed time was not believed (tails/claims.ts); occurredAt is then the receipt. */
  claimNote?: string | null;
  /** Of the delay between occurredAt and receivedAt, how much Tailgate knows was its own (tails/liveness.ts). */
  ownDelayMs?: number | null;
};

export function orderEvent(order: Pick<OrderRow, 'id' | 'partnerId'>, fields: OrderEventFields): NewOrderEvent {
  return {
    id: newId('evt'),
    orderId: order.id,
    partnerId: order.partnerId,
    externalEventId: null,
    committedDate: null,
    payload: null,
    ...fields,
  };
}

/**
 * Something Tailgate itself did to an order (the desk, its workflow, a call to the carrier), happening as it is
 * recorded: a state it sets is applied; otherwise the event is only recorded.
 */
export function ownOrderEvent(
  order: Pick<OrderRow, 'id' | 'partnerId' | 'state'>,
  what: { source: EventSource; type: OrderEventType; detail: string | null; toState?: OrderState; at: Date },
): NewOrderEvent {
  const at = what.at.toISOString();
  return orderEvent(order, {
    source: what.source,
    type: what.type,
    fromState: order.state,
    toState: what.toState ?? null,
    outcome: what.toState ? 'applied' : 'recorded',
    detail: what.detail,
    occurredAt: at,
    receivedAt: at,
  });
}
