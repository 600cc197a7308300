import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { OrderState } from '../../sla-rules/order-states.js';
import { circuitIdOf } from './render.js';
import { addHubRoutes, faultInjection, paged, readJson, requireAuthorization, type SimContext } from './route-kit.js';
import type { SimCancellation, SimOrder } from './store.js';

export const simSonataOrderingPath = '/mefApi/sonata/productOrderingManagement/v10';

/**
 * MEF's order states where TMF's differ: in Sonata `held` and `pending` are both waits on the buyer (a charge to
 * accept; a modification being assessed), and say which.
 */
const sonataOrderState: Partial<Record<OrderState, string>> = {
  held: 'held.assessingCharge',
  pending: 'pending.assessingModification',
};
const itemStates = new Set([
  'acknowledged',
  'cancelled',
  'completed',
  'failed',
  'held',
  'inProgress',
  'pending',
  'rejected',
]);

const createSchema = z.looseObject({
  externalId: z.string().min(1).optional(),
  relatedContactInformation: z.array(z.looseObject({ role: z.string() })).min(1),
  productOrderItem: z
    .array(z.looseObject({ id: z.string().min(1), action: z.enum(['add', 'modify', 'delete']) }))
    .min(1),
});
const cancelSchema = z.looseObject({
  productOrder: z.looseObject({ productOrderId: z.string().min(1) }),
  relatedContactInformation: z.array(z.looseObject({})).min(1),
  cancellationReason: z.string().optional(),
});

const error = (c: Context, status: 400 | 404 | 409 | 422, code: string, reason: string, message?: string) =>
  c.json({ code, reason, ...(message ? { message } : {}) }, status);

/** A Sonata ProductOrder as the carrier answers it: the request, MEF states, dates on the items. */
export function renderSonataOrder(order: SimOrder, href: string): Record<string, unknown> {
  const items = (order.request.productOrderItem as Array<Record<string, unknown>>).map((item) => ({
    ...item,
    ...(itemStates.has(order.state) ? { state: order.state } : {}),
    ...(order.expectedCompletionDate ? { expectedCompletionDate: order.expectedCompletionDate } : {}),
    ...(order.completionDate ? { completionDate: order.completionDate } : {}),
    // A delivered tail: its product is the carrier's circuit.
    ...(order.state === 'completed' ? { product: { ...(item.product as object), id: circuitIdOf(order) } } : {}),
  }));
  return {
    ...order.request,
    id: order.id,
    href,
    orderDate: order.createdAt,
    state: sonataOrderState[order.state] ?? order.state,
    stateChange: order.stateChanges.map((s) => ({ state: sonataOrderState[s.state] ?? s.state, changeDate: s.date })),
    ...(order.completionDate ? { completionDate: order.completionDate } : {}),
    ...(order.cancellationDate ? { cancellationDate: order.cancellationDate } : {}),
    ...(order.cancellationReason ? { cancellationReason: order.cancellationReason } : {}),
    productOrderItem: items,
  };
}

function renderSonataCancellation(c: SimCancellation, href: string, contacts: unknown) {
  return {
    id: c.id,
    href,
    state: c.state === 'done' ? 'done' : 'acknowledged',
    productOrder: { productOrderId: c.productOrderId },
    relatedContactInformation: contacts,
    ...(c.cancellationReason ? { cancellationReason: c.cancellationReason } : {}),
  };
}

/**
 * The carrier's MEF LSO Sonata Product Ordering API (v10): create, list by externalId or state, read, cancel, with
 * the same lifecycle and behaviour profile as its TMF622 orders; hubs (POST /hub, DELETE /hub/{id}) get Sonata's thin
 * notifications. Not built yet: PATCH, charges and modifications of delivery dates.
 */
export function sonataOrderingApi(ctx: SimContext, root: () => string): Hono {
  const app = new Hono();
  app.use('*', requireAuthorization(ctx, 'v4', /\/(productOrder|cancelProductOrder|hub)(\/|$)/));
  app.use('*', faultInjection(ctx, 'v4', /\/(productOrder|cancelProductOrder)(\/|$)/));
  const href = (order: SimOrder) => `${root()}/productOrder/${order.id}`;

  app.post('/productOrder', async (c) => {
    const profile = ctx.profile();
    if (profile.rejectSubmit) return error(c, 422, 'invalidValue', profile.rejectSubmit.reason);
    const parsed = createSchema.safeParse(await readJson(c));
    if (!parsed.success)
      return error(c, 400, 'invalidBody', 'Invalid request body', parsed.error.issues.map((i) => i.message).join('; '));
    const externalIds = parsed.data.externalId ? [parsed.data.externalId] : [];
    const order = ctx.store.addOrder('sonata', parsed.data, externalIds, new Date());
    ctx.lifecycle.start(order);
    ctx.log.info({ orderId: order.id, api: 'sonata', externalIds }, 'order created');
    return c.json(renderSonataOrder(order, href(order)), 201);
  });

  app.get('/productOrder', (c) => {
    const all = ctx.store.listOrders('sonata', { externalId: c.req.query('externalId') });
    const state = c.req.query('state');
    const matching = state ? all.filter((o) => (sonataOrderState[o.state] ?? o.state) === state) : all;
    return c.json(paged(c, matching).map((o) => renderSonataOrder(o, href(o))));
  });

  app.get('/productOrder/:id', (c) => {
    const order = ctx.store.findOrder('sonata', c.req.param('id'));
    return order ? c.json(renderSonataOrder(order, href(order))) : error(c, 404, 'notFound', 'No such product order');
  });

  app.post('/cancelProductOrder', async (c) => {
    const parsed = cancelSchema.safeParse(await readJson(c));
    if (!parsed.success) return error(c, 400, 'invalidBody', 'Invalid request body');
    const order = ctx.store.findOrder('sonata', parsed.data.productOrder.productOrderId);
    if (!order) return error(c, 404, 'notFound', 'No such product order');
    const contacts = parsed.data.relatedContactInformation;
    const at = (x: SimCancellation) => `${root()}/cancelProductOrder/${x.id}`;
    const existing = [...ctx.store.cancellations.values()].find((x) => x.productOrderId === order.id);
    if (existing) return c.json(renderSonataCancellation(existing, at(existing), contacts), 201);
    if (!ctx.lifecycle.canCancel(order))
      return error(c, 409, 'notCancellable', `Order is ${order.state} and can no longer be cancelled`);
    const cancellation: SimCancellation = {
      id: ctx.store.nextId('CPO'),
      api: 'sonata',
      productOrderId: order.id,
      ...(parsed.data.cancellationReason ? { cancellationReason: parsed.data.cancellationReason } : {}),
      createdAt: new Date().toISOString(),
      state: 'acknowledged',
    };
    ctx.store.cancellations.set(cancellation.id, cancellation);
    ctx.lifecycle.cancel(order, cancellation);
    return c.json(renderSonataCancellation(cancellation, at(cancellation), contacts), 201);
  });
  addHubRoutes(app, 'productOrderingManagement', 'sonata', ctx);
  return app;
}
