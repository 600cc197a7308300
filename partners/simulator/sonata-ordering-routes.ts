import { Hono } from 'hono';
import { z } from 'zod';
import type { OrderState } from '../../sla-rules/order-states.js';
import { circuitIdOf } from './render.js';
import {
  addHubRoutes,
  faultInjection,
  mefError,
  paged,
  readJson,
  requireAuthorization,
  type SimContext,
} from './route-kit.js';
import { addSonataOrderChangeRoutes } from './sonata-order-changes.js';
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

/** A Sonata ProductOrder as the carrier answers it: the request, MEF states, dates on the items. */
export function renderSonataOrder(order: SimOrder, href: string): Record<string, unknown> {
  const items = (order.request.productOrderItem as Array<Record<string, unknown>>).map((item, index) => ({
    ...item,
    ...(itemStates.has(order.state) ? { state: order.state } : {}),
    ...(order.expectedCompletionDate ? { expectedCompletionDate: order.expectedCompletionDate } : {}),
    ...(order.completionDate ? { completionDate: order.completionDate } : {}),
    // A delivered tail: its product is the carrier's circuit (a change or cease names the product it acted on).
    ...(order.state === 'completed'
      ? {
          product: {
            ...(item.product as object),
            id:
              (item.product as { id?: string } | undefined)?.id ??
              `${circuitIdOf(order)}${index === 0 ? '' : `-${String(item.id)}`}`,
          },
        }
      : {}),
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
    note: [
      ...(Array.isArray(order.request.note) ? (order.request.note as unknown[]) : []),
      ...order.carrierNotes.map((n) => ({ ...n, source: 'seller' })),
    ],
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
 * notifications; the buyer's changes (sonata-order-changes.ts) and the seller's charges (below).
 */
export function sonataOrderingApi(ctx: SimContext, root: () => string): Hono {
  const app = new Hono();
  app.use(
    '*',
    requireAuthorization(
      ctx,
      'v4',
      /\/(productOrder|cancelProductOrder|hub|charge|modifyProductOrderItemRequestedDeliveryDate)(\/|$)/,
    ),
  );
  app.use('*', faultInjection(ctx, 'v4', /\/(productOrder|cancelProductOrder)(\/|$)/));
  const href = (order: SimOrder) => `${root()}/productOrder/${order.id}`;

  app.post('/productOrder', async (c) => {
    const profile = ctx.profile();
    if (profile.rejectSubmit) return mefError(c, 422, 'invalidValue', profile.rejectSubmit.reason);
    const parsed = createSchema.safeParse(await readJson(c));
    if (!parsed.success)
      return mefError(
        c,
        400,
        'invalidBody',
        'Invalid request body',
        parsed.error.issues.map((i) => i.message).join('; '),
      );
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
    return order
      ? c.json(renderSonataOrder(order, href(order)))
      : mefError(c, 404, 'notFound', 'No such product order');
  });

  app.post('/cancelProductOrder', async (c) => {
    const parsed = cancelSchema.safeParse(await readJson(c));
    if (!parsed.success) return mefError(c, 400, 'invalidBody', 'Invalid request body');
    const order = ctx.store.findOrder('sonata', parsed.data.productOrder.productOrderId);
    if (!order) return mefError(c, 404, 'notFound', 'No such product order');
    const contacts = parsed.data.relatedContactInformation;
    const at = (x: SimCancellation) => `${root()}/cancelProductOrder/${x.id}`;
    const existing = [...ctx.store.cancellations.values()].find((x) => x.productOrderId === order.id);
    if (existing) return c.json(renderSonataCancellation(existing, at(existing), contacts), 201);
    if (!ctx.lifecycle.canCancel(order))
      return mefError(c, 409, 'notCancellable', `Order is ${order.state} and can no longer be cancelled`);
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
  addSonataChargeRoutes(app, ctx, root);
  addSonataOrderChangeRoutes(app, ctx, root, (order) => renderSonataOrder(order, href(order)));
  return app;
}

/** A charge the simulated seller raised on a held order: construction, blocking, awaiting the buyer. */
type SimCharge = {
  id: string;
  orderId: string;
  createdAt: string;
  state: 'awaitingResponse' | 'completed';
  item: string;
};

/**
 * Sonata charges: a held order carries one blocking construction charge (raised when first asked about), which the
 * buyer accepts (the order resumes, then completes) or rejects (the seller cancels the order).
 */
export function addSonataChargeRoutes(app: Hono, ctx: SimContext, root: () => string): void {
  const charges = new Map<string, SimCharge>();
  const chargeOf = (order: SimOrder) => {
    const found = [...charges.values()].find((c) => c.orderId === order.id);
    if (found || order.state !== 'held') return found;
    const raised: SimCharge = {
      id: ctx.store.nextId('CHG'),
      orderId: order.id,
      createdAt: new Date().toISOString(),
      state: 'awaitingResponse',
      item: 'awaitingResponse',
    };
    charges.set(raised.id, raised);
    return raised;
  };
  const firstItemId = (orderId: string) => {
    const items = ctx.store.findOrder('sonata', orderId)?.request.productOrderItem;
    return Array.isArray(items) ? String((items[0] as { id?: unknown } | undefined)?.id ?? '1') : '1';
  };
  const render = (c: SimCharge) => ({
    id: c.id,
    href: `${root()}/charge/${c.id}`,
    creationDate: c.createdAt,
    responseDueDate: new Date(Date.parse(c.createdAt) + 10 * 86_400_000).toISOString(),
    state: c.state,
    productOrder: { productOrderId: c.orderId },
    productOrderItem: { productOrderId: c.orderId, productOrderItemId: firstItemId(c.orderId) },
    chargeItem: [
      {
        id: '1',
        activityType: 'new',
        blocking: true,
        priceCategory: 'construction',
        priceType: 'nonRecurring',
        price: { dutyFreeAmount: { unit: 'GBP', value: 2500 } },
        state: c.item,
      },
    ],
  });
  const updateSchema = z.looseObject({
    chargeItem: z
      .array(z.looseObject({ id: z.string(), acceptanceIndicator: z.enum(['accepted', 'rejected']) }))
      .min(1),
  });

  app.get('/charge', (c) => {
    const orderId = c.req.query('productOrderId');
    const orders = ctx.store.listOrders('sonata', {}).filter((o) => !orderId || o.id === orderId);
    return c.json(orders.flatMap((o) => chargeOf(o) ?? []).map(render));
  });
  app.get('/charge/:id', (c) => {
    const charge = charges.get(c.req.param('id'));
    return charge ? c.json(render(charge)) : mefError(c, 404, 'notFound', 'No such charge');
  });
  app.patch('/charge/:id', async (c) => {
    const charge = charges.get(c.req.param('id'));
    if (!charge) return mefError(c, 404, 'notFound', 'No such charge');
    const parsed = updateSchema.safeParse(await readJson(c));
    if (!parsed.success) return mefError(c, 400, 'invalidBody', 'Invalid request body');
    if (charge.state !== 'awaitingResponse') return mefError(c, 409, 'conflict', 'The charge was already answered');
    const order = ctx.store.findOrder('sonata', charge.orderId);
    const accepted = parsed.data.chargeItem[0]?.acceptanceIndicator === 'accepted';
    charge.state = 'completed';
    charge.item = accepted ? 'acceptedByBuyer' : 'declinedByBuyer';
    if (order && accepted) ctx.lifecycle.answered(order);
    else if (order && ctx.lifecycle.canCancel(order)) {
      const cancellation: SimCancellation = {
        id: ctx.store.nextId('CPO'),
        api: 'sonata',
        productOrderId: order.id,
        cancellationReason: 'The buyer declined the construction charge',
        createdAt: new Date().toISOString(),
        state: 'acknowledged',
      };
      ctx.store.cancellations.set(cancellation.id, cancellation);
      ctx.lifecycle.cancel(order, cancellation);
    }
    return c.json(render(charge));
  });
}
