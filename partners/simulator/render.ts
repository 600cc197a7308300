import type { ApiVersion, OrderChannel, SimCancellation, SimHub, SimOrder, TicketChannel } from './store.js';

/** JSON the simulated carrier answers with, in each version's shape (v5: `@type` on every Extensible). */

export type HrefBase = (api: OrderChannel) => string;
/** Where a ticket channel's tickets live: TMF621 of a version, or Sonata's Trouble Ticket API. */
export type TicketHrefBase = (api: TicketChannel) => string;

const itemStates = new Set([
  'acknowledged',
  'rejected',
  'pending',
  'held',
  'inProgress',
  'cancelled',
  'completed',
  'failed',
  'assessingCancellation',
  'pendingCancellation',
]);

function renderItems(order: SimOrder): unknown[] {
  const items = Array.isArray(order.request.productOrderItem)
    ? (order.request.productOrderItem as Array<Record<string, unknown>>)
    : [];
  // ProductOrderItemStateType has no `partial`; an item then keeps whatever state it had.
  return items.map((item) => {
    const stated = itemStates.has(order.state) ? { ...item, state: order.state } : item;
    // A delivered tail: its product is the carrier's circuit, the reference finance matches credits by (a change or
    // cease names the product it acted on, which keeps its id).
    if (order.state !== 'completed') return stated;
    const product = (stated.product ?? {}) as Record<string, unknown>;
    return { ...stated, product: { ...product, id: product.id ?? circuitIdOf(order) } };
  });
}

/** The simulated carrier's circuit reference for a delivered order. */
export const circuitIdOf = (order: Pick<SimOrder, 'id'>) => `CCT-${order.id}`;

const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });

export function renderProductOrder(order: SimOrder, hrefBase: HrefBase): Record<string, unknown> {
  const requestNotes = Array.isArray(order.request.note) ? (order.request.note as unknown[]) : [];
  const common = {
    ...order.request,
    id: order.id,
    href: `${hrefBase(order.api)}/productOrder/${order.id}`,
    state: order.state,
    ...optional('expectedCompletionDate', order.expectedCompletionDate),
    ...optional('completionDate', order.completionDate),
    ...optional('cancellationDate', order.cancellationDate),
    ...optional('cancellationReason', order.cancellationReason),
    productOrderItem: renderItems(order),
  };
  if (order.api === 'v4') {
    return {
      ...common,
      orderDate: order.createdAt,
      note: [...requestNotes, ...order.carrierNotes],
      '@type': 'ProductOrder',
    };
  }
  return {
    ...common,
    '@type': 'ProductOrder',
    creationDate: order.createdAt,
    note: [...requestNotes, ...order.carrierNotes.map((n) => ({ '@type': 'Note', ...n }))],
    ...(order.errorMessage
      ? { productOrderErrorMessage: [{ '@type': 'ProductOrderErrorMessage', ...order.errorMessage }] }
      : {}),
    ...(order.jeopardyAlerts.length
      ? { productOrderJeopardyAlert: order.jeopardyAlerts.map((a) => ({ '@type': 'ProductOrderJeopardyAlert', ...a })) }
      : {}),
    ...(order.milestones.length
      ? {
          productOrderMilestone: order.milestones.map((m) => ({
            '@type': 'ProductOrderMilestone',
            status: 'Completed',
            ...m,
          })),
        }
      : {}),
  };
}

export function renderProductOrderRef(order: SimOrder, hrefBase: HrefBase): Record<string, unknown> {
  const ref = {
    id: order.id,
    href: `${hrefBase(order.api)}/productOrder/${order.id}`,
    '@referredType': 'ProductOrder',
  };
  return order.api === 'v5' ? { '@type': 'ProductOrderRef', ...ref } : ref;
}

export function renderCancellation(c: SimCancellation, order: SimOrder, hrefBase: HrefBase): Record<string, unknown> {
  const body = {
    id: c.id,
    href: `${hrefBase(c.api)}/cancelProductOrder/${c.id}`,
    state: c.state,
    productOrder: renderProductOrderRef(order, hrefBase),
    ...optional('cancellationReason', c.cancellationReason),
    ...optional('effectiveCancellationDate', c.effectiveCancellationDate),
  };
  return c.api === 'v5'
    ? { '@type': 'CancelProductOrder', creationDate: c.createdAt, ...body }
    : { '@type': 'CancelProductOrder', ...body };
}

export function renderHub(hub: SimHub): Record<string, unknown> {
  const body = { id: hub.id, callback: hub.callback, ...optional('query', hub.query) };
  return hub.api === 'v5' ? { '@type': 'Hub', ...body } : body;
}

/** TMF Error body; `status` is a string in both versions' Error schema. */
export function renderError(
  api: ApiVersion,
  status: number,
  code: string,
  reason: string,
  message?: string,
): Record<string, unknown> {
  const body = { code, reason, ...optional('message', message), status: String(status) };
  return api === 'v5' ? { '@type': 'Error', ...body } : body;
}
