import { randomUUID } from 'node:crypto';
import { isFinalOrderState } from '../../sla-rules/order-states.js';
import { renderProductOrder, renderProductOrderRef, type HrefBase } from './render.js';
import type { SimOrder } from './store.js';

export type SimEventType =
  | 'ProductOrderStateChangeEvent'
  | 'ProductOrderAttributeValueChangeEvent'
  | 'ProductOrderInformationRequiredEvent'
  | 'ProductOrderMilestoneEvent'
  | 'ProductOrderJeopardyAlertEvent';

/** Milestone and jeopardy events exist only in TMF622 v5. */
const v5Only = new Set<SimEventType>(['ProductOrderMilestoneEvent', 'ProductOrderJeopardyAlertEvent']);

/** One notification about a product order or a trouble ticket, ready to send. */
export type SimEvent = {
  eventId: string;
  eventType: string;
  /** The order or ticket it is about: out-of-order tricks hold an event behind the same resource's next one. */
  resourceId: string;
  /** Reports a final state: such an event is never held back, so a held one is always flushed behind it. */
  final: boolean;
  body: Record<string, unknown>;
};

/** TMF listener convention: events go to `${hub callback}/listener/<eventType with a lower-case first letter>`. */
export const listenerPath = (eventType: string) => `listener/${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}`;

/**
 * The notification body for one event about an order, as of now, in the order's API version; undefined for an
 * event type its version does not have. Event ids are UUIDs: a restarted simulator must not reuse one, since
 * listeners store each event id once.
 */
export function buildEvent(
  eventType: SimEventType,
  order: SimOrder,
  hrefBase: HrefBase,
  now: Date,
  opts: { fieldPath?: string } = {},
): SimEvent | undefined {
  if (order.api === 'v4' && v5Only.has(eventType)) return undefined;
  const eventId = randomUUID();
  const eventTime = now.toISOString();
  const final = eventType === 'ProductOrderStateChangeEvent' && isFinalOrderState(order.state);
  const productOrder = renderProductOrder(order, hrefBase);
  if (order.api === 'v4') {
    const body = {
      eventId,
      eventTime,
      eventType,
      ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}),
      event: { productOrder },
    };
    return { eventId, eventType, resourceId: order.id, final, body };
  }
  // v5 InformationRequired carries a ref plus a JSON Patch naming what is missing, not the whole order.
  const event =
    eventType === 'ProductOrderInformationRequiredEvent'
      ? { productOrder: renderProductOrderRef(order, hrefBase), informationRequired: { op: 'add', path: '/note/-' } }
      : { productOrder };
  const body = {
    '@type': eventType,
    eventId,
    eventTime,
    eventType,
    timeOccurred: eventTime,
    correlationId: order.id,
    event,
  };
  return { eventId, eventType, resourceId: order.id, final, body };
}

/** TMF622 events as MEF LSO Sonata's thin ones: a state change, or a committed date set on the item. */
const sonataEventTypes: Partial<Record<SimEventType, string>> = {
  ProductOrderStateChangeEvent: 'productOrderStateChangeEvent',
  ProductOrderInformationRequiredEvent: 'productOrderStateChangeEvent',
  ProductOrderAttributeValueChangeEvent: 'productOrderItemExpectedCompletionDateSet',
};

/**
 * The Sonata notification for an event about a Sonata order: thin, naming the order (and item) only, for the buyer
 * to fetch; undefined for an event Sonata has no notification for.
 */
export function buildSonataEvent(
  eventType: SimEventType,
  order: SimOrder,
  hrefBase: HrefBase,
  now: Date,
): SimEvent | undefined {
  const type = sonataEventTypes[eventType];
  if (!type) return undefined;
  const eventId = randomUUID();
  const final = eventType === 'ProductOrderStateChangeEvent' && isFinalOrderState(order.state);
  const event = {
    id: order.id,
    href: `${hrefBase(order.api)}/productOrder/${order.id}`,
    ...(type === 'productOrderItemExpectedCompletionDateSet' ? { orderItemId: '1' } : {}),
  };
  const body = { eventId, eventTime: now.toISOString(), eventType: type, event };
  return { eventId, eventType: type, resourceId: order.id, final, body };
}
