import { setTimeout as sleep } from 'node:timers/promises';
import type { Context, Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Lifecycle } from './lifecycle.js';
import type { BehaviourProfile } from './profile.js';
import type { Random } from './random.js';
import { renderError, renderHub, type HrefBase, type TicketHrefBase } from './render.js';
import type { ApiVersion, OrderChannel, SimStore, TmfApiName } from './store.js';
import type { TicketLifecycle } from './ticket-lifecycle.js';

/** What the TMF622 and TMF621 route sets share: one store, one notifier behind the lifecycles, one behaviour. */
export type SimContext = {
  store: SimStore;
  lifecycle: Lifecycle;
  ticketLifecycle: TicketLifecycle;
  profile: () => BehaviourProfile;
  faults: () => Random;
  hrefBase: HrefBase;
  ticketHrefBase: TicketHrefBase;
  /** Order creations since the profile was last set (failFirstSubmits counts these). */
  submits: { count: number };
  /** Ticket creations since the profile was last set (failFirstTicketCreates counts these). */
  ticketCreates: { count: number };
  /** Aborted on close, so a deliberately hanging answer does not hold shutdown. */
  closing: AbortSignal;
  /** The credentials value every resource and hub request must carry; unset: no authentication. */
  requireAuth: string | undefined;
  /** The header it must come in (Authorization, or an API-key header). */
  requireAuthHeader: string;
  log: Logger;
};

export type ErrorStatus = 400 | 401 | 404 | 409 | 422 | 503;

export const readJson = (c: Context) => c.req.json<unknown>().catch(() => undefined);

/** A MEF LSO Sonata error answer (MEF's Error: `code`, `reason`, and `message` when there is more to say). */
export const mefError = (c: Context, status: ErrorStatus, code: string, reason: string, message?: string) =>
  c.json({ code, reason, ...(message ? { message } : {}) }, status);

/** TMF Error answers in the version's shape; `invalid` lists the failing field paths, as a carrier's 400 would. */
export function tmfErrors(api: ApiVersion) {
  const error = (c: Context, status: ErrorStatus, code: string, reason: string, message?: string) =>
    c.json(renderError(api, status, code, reason, message), status);
  const invalid = (c: Context, issues: z.core.$ZodIssue[] | undefined) =>
    error(
      c,
      400,
      'INVALID_BODY',
      'Invalid request body',
      issues?.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') ?? 'body is not JSON',
    );
  return { error, invalid };
}

/**
 * A carrier that authenticates its buyer: a resource or hub request without exactly `ctx.requireAuth` in its
 * `ctx.requireAuthHeader` header gets 401.
 */
export function requireAuthorization(ctx: SimContext, api: ApiVersion, guardedPaths: RegExp) {
  const { error } = tmfErrors(api);
  return createMiddleware(async (c, next) => {
    if (
      ctx.requireAuth === undefined ||
      !guardedPaths.test(c.req.path) ||
      c.req.header(ctx.requireAuthHeader) === ctx.requireAuth
    )
      return next();
    c.header('WWW-Authenticate', 'Bearer');
    return error(c, 401, 'UNAUTHORIZED', 'Authentication required', `missing or wrong ${ctx.requireAuthHeader} header`);
  });
}

/**
 * Injected faults on the resource paths (hubs are spared): an outage answers before any work; a slow answer
 * comes after the work is done.
 */
export function faultInjection(ctx: SimContext, api: ApiVersion, resourcePaths: RegExp) {
  const { error } = tmfErrors(api);
  return createMiddleware(async (c, next) => {
    if (!resourcePaths.test(c.req.path)) return next();
    const profile = ctx.profile();
    if (ctx.faults().chance(profile.errorRate)) return error(c, 503, 'SERVICE_UNAVAILABLE', 'Simulated outage');
    const hang = ctx.faults().chance(profile.timeoutRate);
    await next();
    if (hang) await sleep(profile.hangMs, undefined, { signal: ctx.closing }).catch(() => undefined);
  });
}

/** TMF list paging (offset, limit) with the X-Total-Count and X-Result-Count headers. */
export function paged<T>(c: Context, all: T[]): T[] {
  const offset = Math.max(0, Number(c.req.query('offset') ?? 0) || 0);
  const limit = Math.max(0, Number(c.req.query('limit') ?? all.length) || all.length);
  const page = all.slice(offset, offset + limit);
  c.header('X-Total-Count', String(all.length));
  c.header('X-Result-Count', String(page.length));
  return page;
}

const hubSchema = z.looseObject({ callback: z.url(), query: z.string().optional() });

/** TMF630 hub registration (POST /hub, DELETE /hub/{id}) for one API and version. */
export function addHubRoutes(app: Hono, apiName: TmfApiName, api: OrderChannel, ctx: SimContext): void {
  const { error, invalid } = tmfErrors(api === 'sonata' ? 'v4' : api);

  app.post('/hub', async (c) => {
    const parsed = hubSchema.safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error.issues);
    const hub = {
      id: ctx.store.nextId('HUB'),
      apiName,
      api,
      callback: parsed.data.callback,
      ...(parsed.data.query ? { query: parsed.data.query } : {}),
    };
    ctx.store.hubs.set(hub.id, hub);
    ctx.log.info({ hubId: hub.id, apiName, api, callback: hub.callback }, 'hub registered');
    return c.json(renderHub(hub), 201);
  });

  app.delete('/hub/:id', (c) => {
    const hub = ctx.store.hubs.get(c.req.param('id'));
    if (!hub || hub.apiName !== apiName || hub.api !== api) return error(c, 404, 'NOT_FOUND', 'No such hub');
    ctx.store.hubs.delete(hub.id);
    return c.body(null, 204);
  });
}
