import { Hono } from 'hono';
import { z } from 'zod';
import { selectFields } from '../adapters/tmf630.js';
import { amendedOrder, mergeBuyerChanges, settleModification } from './amendments.js';
import { addAlertListenerRoute } from './listener-routes.js';
import { renderCancellation, renderProductOrder } from './render.js';
import {
  addHubRoutes,
  faultInjection,
  paged,
  readJson,
  requireAuthorization,
  tmfErrors,
  type SimContext,
} from './route-kit.js';
import type { ApiVersion } from './store.js';

const itemActions = ['add', 'modify', 'delete', 'noChange'] as const;
const dateTime = z.iso.datetime({ offset: true });

/** Minimal checks, enough to answer 400 like a carrier would; the adapter tests check full spec conformance. */
const createSchemas = {
  v4: z.looseObject({
    externalId: z.string().min(1).optional(),
    requestedCompletionDate: dateTime.optional(),
    productOrderItem: z.array(z.looseObject({ id: z.string().min(1), action: z.enum(itemActions) })).min(1),
  }),
  v5: z.looseObject({
    '@type': z.string().min(1),
    externalId: z.array(z.looseObject({ id: z.string().min(1) })).optional(),
    requestedCompletionDate: dateTime.optional(),
    productOrderItem: z
      .array(z.looseObject({ '@type': z.string().min(1), id: z.string().min(1), action: z.enum(itemActions) }))
      .min(1),
  }),
};
const patchSchema = z.looseObject({
  requestedCompletionDate: dateTime.optional(),
  productOrderItem: z.array(z.looseObject({ id: z.string().min(1), action: z.enum(itemActions) })).optional(),
  note: z.array(z.looseObject({ text: z.string().optional() })).optional(),
});
const cancelSchema = z.looseObject({
  cancellationReason: z.string().optional(),
  productOrder: z.looseObject({ id: z.string().min(1) }),
});

/** One version of the carrier's TMF622 API, to be mounted at /tmf-api/productOrderingManagement/<version>. */
export function productOrderingApi(api: ApiVersion, ctx: SimContext): Hono {
  const app = new Hono();
  const { error, invalid } = tmfErrors(api);
  app.use('*', requireAuthorization(ctx, api, /\/(productOrder|cancelProductOrder|hub)(\/|$)/));
  app.use('*', faultInjection(ctx, api, /\/(productOrder|cancelProductOrder|listener)(\/|$)/));

  app.post('/productOrder', async (c) => {
    const profile = ctx.profile();
    if (profile.rejectSubmit) {
      const { status, reason, message } = profile.rejectSubmit;
      return error(c, status, status === 422 ? 'UNPROCESSABLE' : 'INVALID_ORDER', reason, message);
    }
    // Drawn only when set, so the seeded streams of other profiles stay as they were.
    if (profile.submitErrorRate > 0 && ctx.faults().chance(profile.submitErrorRate))
      return error(c, 503, 'SERVICE_UNAVAILABLE', 'Simulated outage of order entry');
    const parsed = createSchemas[api].safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error.issues);
    const { id: _id, href: _href, state: _state, ...request } = parsed.data;
    const externalIds =
      typeof parsed.data.externalId === 'string'
        ? [parsed.data.externalId]
        : (parsed.data.externalId ?? []).map((e) => e.id);
    const original = amendedOrder(api, parsed.data, ctx.store);
    const order = ctx.store.addOrder(api, request, externalIds, new Date());
    if (original) {
      // A modification order: it changes the original at once, or is rejected when the original cannot change.
      const accepted = ctx.lifecycle.canAmend(original);
      if (accepted) ctx.lifecycle.amended(original, mergeBuyerChanges(original, parsed.data));
      settleModification(order, accepted, original, new Date());
      ctx.log.info({ orderId: order.id, amends: original.id, accepted }, 'modification order received');
      return c.json(renderProductOrder(order, ctx.hrefBase), 201);
    }
    ctx.lifecycle.start(order);
    ctx.log.info({ orderId: order.id, api, externalIds }, 'order created');
    // The double-create trap: the order exists, but the buyer is told the carrier failed.
    if (++ctx.submits.count <= profile.failFirstSubmits)
      return error(c, 503, 'SERVICE_UNAVAILABLE', 'Simulated failure after the order was created');
    return c.json(renderProductOrder(order, ctx.hrefBase), 201);
  });

  app.get('/productOrder', (c) => {
    const externalId = c.req.query('externalId.id') ?? c.req.query('externalId');
    const all = ctx.store.listOrders(api, { externalId, state: c.req.query('state') });
    return c.json(paged(c, all).map((o) => selectFields(renderProductOrder(o, ctx.hrefBase), c.req.query('fields'))));
  });

  app.get('/productOrder/:id', (c) => {
    const order = ctx.store.findOrder(api, c.req.param('id'));
    return order
      ? c.json(renderProductOrder(order, ctx.hrefBase))
      : error(c, 404, 'NOT_FOUND', 'No such product order');
  });

  /** A buyer's merge patch: an amendment (requested date, item, parties) or a note, which answers a waiting order. */
  app.patch('/productOrder/:id', async (c) => {
    const order = ctx.store.findOrder(api, c.req.param('id'));
    if (!order) return error(c, 404, 'NOT_FOUND', 'No such product order');
    const parsed = patchSchema.safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error.issues);
    if (!ctx.lifecycle.canAmend(order))
      return error(c, 409, 'ORDER_CLOSED', `Order is ${order.state} and can no longer be changed`);
    const changed = mergeBuyerChanges(order, parsed.data);
    ctx.lifecycle.amended(order, changed);
    if (changed.note) ctx.lifecycle.answered(order);
    return c.json(renderProductOrder(order, ctx.hrefBase));
  });

  app.post('/cancelProductOrder', async (c) => {
    const parsed = cancelSchema.safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error.issues);
    const order = ctx.store.findOrder(api, parsed.data.productOrder.id);
    if (!order) return error(c, 404, 'NOT_FOUND', 'No such product order');
    // A repeated request (say, a retry after a timeout) gets the cancellation already made, even one that has
    // finished meanwhile: a quick carrier can complete it before the retry arrives.
    const existing = [...ctx.store.cancellations.values()].find((x) => x.productOrderId === order.id);
    if (existing) return c.json(renderCancellation(existing, order, ctx.hrefBase), 201);
    if (!ctx.lifecycle.canCancel(order))
      return error(c, 409, 'NOT_CANCELLABLE', `Order is ${order.state} and can no longer be cancelled`);
    const cancellation = {
      id: ctx.store.nextId('CPO'),
      api,
      productOrderId: order.id,
      cancellationReason: parsed.data.cancellationReason,
      createdAt: new Date().toISOString(),
      state: 'acknowledged' as const,
    };
    ctx.store.cancellations.set(cancellation.id, cancellation);
    ctx.lifecycle.cancel(order, cancellation);
    return c.json(renderCancellation(cancellation, order, ctx.hrefBase), 201);
  });

  app.get('/cancelProductOrder/:id', (c) => {
    const cancellation = ctx.store.cancellations.get(c.req.param('id'));
    const order = cancellation?.api === api ? ctx.store.findOrder(api, cancellation.productOrderId) : undefined;
    return cancellation && order
      ? c.json(renderCancellation(cancellation, order, ctx.hrefBase))
      : error(c, 404, 'NOT_FOUND', 'No such cancellation');
  });

  addHubRoutes(app, 'productOrderingManagement', api, ctx);
  if (api === 'v5') addAlertListenerRoute(app, api, ctx);
  return app;
}
