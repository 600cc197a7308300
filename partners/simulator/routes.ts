import { setTimeout as sleep } from 'node:timers/promises';
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Lifecycle } from './lifecycle.js';
import type { BehaviourProfile } from './profile.js';
import type { Random } from './random.js';
import { renderCancellation, renderError, renderHub, renderProductOrder, type HrefBase } from './render.js';
import type { ApiVersion, SimStore } from './store.js';

export type SimContext = {
  store: SimStore;
  lifecycle: Lifecycle;
  profile: () => BehaviourProfile;
  faults: () => Random;
  hrefBase: HrefBase;
  /** Order creations since the profile was last set (failFirstSubmits counts these). */
  submits: { count: number };
  /** Aborted on close, so a deliberately hanging answer does not hold shutdown. */
  closing: AbortSignal;
  log: Logger;
};

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
    productOrderItem: z.array(z.looseObject({ '@type': z.string().min(1), id: z.string().min(1), action: z.enum(itemActions) })).min(1),
  }),
};
const cancelSchema = z.looseObject({ cancellationReason: z.string().optional(), productOrder: z.looseObject({ id: z.string().min(1) }) });
const hubSchema = z.looseObject({ callback: z.url(), query: z.string().optional() });

const readJson = (c: Context) => c.req.json<unknown>().catch(() => undefined);

/** One version of the carrier's TMF622 API, to be mounted at /tmf-api/productOrderingManagement/<version>. */
export function productOrderingApi(api: ApiVersion, ctx: SimContext): Hono {
  const app = new Hono();
  const error = (c: Context, status: 400 | 404 | 409 | 422 | 503, code: string, reason: string, message?: string) =>
    c.json(renderError(api, status, code, reason, message), status);
  const invalid = (c: Context, issues: z.core.$ZodIssue[] | undefined) =>
    error(c, 400, 'INVALID_BODY', 'Invalid request body', issues?.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') ?? 'body is not JSON');

  // Injected faults: an outage answers before any work; a slow answer comes after the work is done.
  const faults = createMiddleware(async (c, next) => {
    if (!/\/(productOrder|cancelProductOrder)(\/|$)/.test(c.req.path)) return next();
    const profile = ctx.profile();
    if (ctx.faults().chance(profile.errorRate)) return error(c, 503, 'SERVICE_UNAVAILABLE', 'Simulated outage');
    const hang = ctx.faults().chance(profile.timeoutRate);
    await next();
    if (hang) await sleep(profile.hangMs, undefined, { signal: ctx.closing }).catch(() => undefined);
  });
  app.use('*', faults);

  app.post('/productOrder', async (c) => {
    const profile = ctx.profile();
    if (profile.rejectSubmit) {
      const { status, reason, message } = profile.rejectSubmit;
      return error(c, status, status === 422 ? 'UNPROCESSABLE' : 'INVALID_ORDER', reason, message);
    }
    const parsed = createSchemas[api].safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error.issues);
    const { id: _id, href: _href, state: _state, ...request } = parsed.data;
    const externalIds = typeof parsed.data.externalId === 'string' ? [parsed.data.externalId] : (parsed.data.externalId ?? []).map((e) => e.id);
    const order = ctx.store.addOrder(api, request, externalIds, new Date());
    ctx.lifecycle.start(order);
    ctx.log.info({ orderId: order.id, api, externalIds }, 'order created');
    // The double-create trap: the order exists, but the buyer is told the carrier failed.
    if (++ctx.submits.count <= profile.failFirstSubmits) return error(c, 503, 'SERVICE_UNAVAILABLE', 'Simulated failure after the order was created');
    return c.json(renderProductOrder(order, ctx.hrefBase), 201);
  });

  app.get('/productOrder', (c) => {
    const externalId = c.req.query('externalId.id') ?? c.req.query('externalId');
    const all = ctx.store.listOrders(api, { externalId, state: c.req.query('state') });
    const offset = Math.max(0, Number(c.req.query('offset') ?? 0) || 0);
    const limit = Math.max(0, Number(c.req.query('limit') ?? all.length) || all.length);
    const page = all.slice(offset, offset + limit);
    c.header('X-Total-Count', String(all.length));
    c.header('X-Result-Count', String(page.length));
    return c.json(page.map((o) => renderProductOrder(o, ctx.hrefBase)));
  });

  app.get('/productOrder/:id', (c) => {
    const order = ctx.store.findOrder(api, c.req.param('id'));
    return order ? c.json(renderProductOrder(order, ctx.hrefBase)) : error(c, 404, 'NOT_FOUND', 'No such product order');
  });

  app.post('/cancelProductOrder', async (c) => {
    const parsed = cancelSchema.safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error.issues);
    const order = ctx.store.findOrder(api, parsed.data.productOrder.id);
    if (!order) return error(c, 404, 'NOT_FOUND', 'No such product order');
    // A repeated request (say, a retry after a timeout) gets the cancellation already under way.
    const underWay = [...ctx.store.cancellations.values()].find((x) => x.productOrderId === order.id && x.state !== 'done');
    if (underWay) return c.json(renderCancellation(underWay, order, ctx.hrefBase), 201);
    if (!ctx.lifecycle.canCancel(order)) return error(c, 409, 'NOT_CANCELLABLE', `Order is ${order.state} and can no longer be cancelled`);
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
    return cancellation && order ? c.json(renderCancellation(cancellation, order, ctx.hrefBase)) : error(c, 404, 'NOT_FOUND', 'No such cancellation');
  });

  app.post('/hub', async (c) => {
    const parsed = hubSchema.safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error.issues);
    const hub = { id: ctx.store.nextId('HUB'), api, callback: parsed.data.callback, ...(parsed.data.query ? { query: parsed.data.query } : {}) };
    ctx.store.hubs.set(hub.id, hub);
    ctx.log.info({ hubId: hub.id, api, callback: hub.callback }, 'hub registered');
    return c.json(renderHub(hub), 201);
  });

  app.delete('/hub/:id', (c) => {
    const hub = ctx.store.hubs.get(c.req.param('id'));
    if (!hub || hub.api !== api) return error(c, 404, 'NOT_FOUND', 'No such hub');
    ctx.store.hubs.delete(hub.id);
    return c.body(null, 204);
  });

  return app;
}
