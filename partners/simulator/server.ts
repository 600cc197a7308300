import type { OrderState } from '../../sla-rules/order-states.js';
import { setMaxListeners } from 'node:events';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { pino, type Logger } from 'pino';
import { createLifecycle } from './lifecycle.js';
import { createNotifier, type DeliveryAttempt } from './notifier.js';
import { BehaviourProfileSchema, type BehaviourProfile } from './profile.js';
import { randomStreams } from './random.js';
import { productOrderingApi } from './routes.js';
import {
  createStore,
  type ApiVersion,
  type OrderChannel,
  type SimHub,
  type SimOrder,
  type SimReceivedAlert,
  type SimTicket,
  type TicketChannel,
  type TmfApiName,
} from './store.js';
import { createTicketLifecycle } from './ticket-lifecycle.js';
import { troubleTicketApi } from './ticket-routes.js';
import {
  productOfferingQualificationApi,
  simQualificationPath,
  type SimQualification,
} from './qualification-routes.js';
import { simSonataQualificationPath, simSonataRoot, sonataQualificationApi } from './sonata-qualification-routes.js';
import { simSonataOrderingPath, sonataOrderingApi } from './sonata-ordering-routes.js';
import { simSonataTicketPath, sonataTroubleTicketApi } from './sonata-ticket-routes.js';
import { simSonataAddressPath, sonataAddressApi } from './sonata-address-routes.js';

export type SimulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  profile: BehaviourProfile;
  /** Authorization header value sent with every notification to hub callbacks. */
  listenerAuth?: string;
  /**
   * The credentials header value the carrier demands on every TMF resource and hub request (else 401); unset: none.
   */
  requireAuth?: string;
  /** The header `requireAuth` is demanded in (an API-key header such as X-API-Key); default Authorization. */
  requireAuthHeader?: string;
  log?: Logger;
};

export type SimulatorOrderView = Pick<
  SimOrder,
  | 'id'
  | 'api'
  | 'externalIds'
  | 'state'
  | 'stateChanges'
  | 'createdAt'
  | 'expectedCompletionDate'
  | 'completionDate'
  | 'cancellationReason'
> & {
  stateHistory: OrderState[];
  /** The order as the buyer asked for it, with its amendments merged and its notes (a copy). */
  request: Record<string, unknown>;
};

export type SimulatorTicketView = Pick<
  SimTicket,
  'id' | 'api' | 'externalIds' | 'status' | 'statusChanges' | 'createdAt' | 'expectedResolutionDate' | 'resolutionDate'
> & {
  statusHistory: SimTicket['status'][];
  statusChangeReason: string | undefined;
  /** The ticket as the buyer raised it, with the notes it added since (a copy). */
  request: Record<string, unknown>;
};

export type RunningSimulator = {
  /** Server root, e.g. http://127.0.0.1:43123. */
  url: string;
  /**
   * `${url}/tmf-api`: the adapters' baseUrl (TMF622 at /productOrderingManagement/<v4|v5>, TMF621 at
   * /troubleTicket/<v4|v5>).
   */
  apiRoot: string;
  /** `${url}/mefApi/sonata`: a Sonata adapter's root (Product Offering Qualification v7 under it). */
  sonataRoot: string;
  orders(): SimulatorOrderView[];
  tickets(): SimulatorTicketView[];
  hubs(): SimHub[];
  /** Every notification attempt so far, in order. */
  deliveries(): DeliveryAttempt[];
  /** Jeopardy alerts the buyer sent to this carrier's v5 listener, once per eventId, in receipt order. */
  receivedAlerts(): SimReceivedAlert[];
  /** Every qualification it answered (TMF679 and Sonata POQ), in order. */
  qualifications(): SimQualification[];
  profile(): BehaviourProfile;
  /**
   * Replaces the behaviour from now on: re-seeds the random streams and restarts the failFirstSubmits and
   * failFirstTicketCreates counts.
   */
  setProfile(profile: BehaviourProfile): void;
  close(): Promise<void>;
};

export const apiPathFor = (api: ApiVersion, apiName: TmfApiName = 'productOrderingManagement') =>
  `/tmf-api/${apiName}/${api}`;

/**
 * Starts a simulated carrier speaking TMF622 and TMF621, each in v4 and v5, and TMF679 v4; resolves once it listens.
 */
export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const log = opts.log ?? pino({ level: 'silent' });
  let profile = BehaviourProfileSchema.parse(opts.profile);
  let random = randomStreams(profile.seed);
  const submits = { count: 0 };
  const ticketCreates = { count: 0 };
  const closing = new AbortController();
  // Every slow answer in flight listens for the close: a busy carrier has many.
  setMaxListeners(Infinity, closing.signal);
  let url = '';
  const hrefBase = (api: OrderChannel) =>
    api === 'sonata' ? `${url}${simSonataOrderingPath}` : `${url}${apiPathFor(api)}`;
  const ticketHrefBase = (api: TicketChannel) =>
    api === 'sonata' ? `${url}${simSonataTicketPath}` : `${url}${apiPathFor(api, 'troubleTicket')}`;

  const store = createStore();
  const notifier = createNotifier({
    store,
    profile: () => profile,
    random: () => random.notifications,
    listenerAuth: opts.listenerAuth,
    log,
  });
  const lifecycle = createLifecycle({
    store,
    notifier,
    profile: () => profile,
    random: () => random.outcomes,
    hrefBase,
    log,
  });
  const ticketLifecycle = createTicketLifecycle({
    store,
    notifier,
    profile: () => profile,
    random: () => random.tickets,
    hrefBase: ticketHrefBase,
    log,
  });
  const ctx = {
    store,
    lifecycle,
    ticketLifecycle,
    profile: () => profile,
    faults: () => random.faults,
    hrefBase,
    ticketHrefBase,
    submits,
    ticketCreates,
    closing: closing.signal,
    requireAuth: opts.requireAuth,
    requireAuthHeader: opts.requireAuthHeader ?? 'authorization',
    log,
  };

  const orderViews = (): SimulatorOrderView[] =>
    [...store.orders.values()].map(
      ({
        id,
        api,
        externalIds,
        state,
        stateChanges,
        createdAt,
        expectedCompletionDate,
        completionDate,
        cancellationReason,
        request,
      }) => ({
        id,
        api,
        externalIds: [...externalIds],
        state,
        stateHistory: stateChanges.map((c) => c.state),
        stateChanges: stateChanges.map((c) => ({ ...c })),
        createdAt,
        expectedCompletionDate,
        completionDate,
        cancellationReason,
        request: structuredClone(request),
      }),
    );

  const ticketViews = (): SimulatorTicketView[] =>
    [...store.tickets.values()].map(
      ({
        id,
        api,
        externalIds,
        status,
        statusChanges,
        createdAt,
        expectedResolutionDate,
        resolutionDate,
        request,
      }) => ({
        id,
        api,
        externalIds: [...externalIds],
        status,
        statusChanges: statusChanges.map((c) => ({ ...c })),
        createdAt,
        statusHistory: statusChanges.map((c) => c.status),
        statusChangeReason: statusChanges.at(-1)?.reason,
        expectedResolutionDate,
        resolutionDate,
        request: structuredClone(request),
      }),
    );

  const qualifications = new Map<string, SimQualification>();
  const qualificationViews = () => [...qualifications.values()].map((q) => structuredClone(q));
  const receivedAlerts = () => [...store.receivedAlerts.values()].map((a) => structuredClone(a));

  const app = new Hono();
  app.get('/health', (c) => c.json({ status: 'ok', profile: profile.name }));
  // For a person watching the demo: what the carrier holds and what it has sent.
  app.get('/sim/orders', (c) => c.json(orderViews()));
  app.get('/sim/tickets', (c) => c.json(ticketViews()));
  app.get('/sim/deliveries', (c) => c.json(notifier.attempts()));
  app.get('/sim/alerts', (c) => c.json(receivedAlerts()));
  app.get('/sim/qualifications', (c) => c.json(qualificationViews()));
  app.route(simQualificationPath, productOfferingQualificationApi(ctx, qualifications));
  app.route(simSonataQualificationPath, sonataQualificationApi(ctx, qualifications));
  app.route(
    simSonataOrderingPath,
    sonataOrderingApi(ctx, () => `${url}${simSonataOrderingPath}`),
  );
  app.route(simSonataTicketPath, sonataTroubleTicketApi(ctx));
  app.route(
    simSonataAddressPath,
    sonataAddressApi(ctx, () => `${url}${simSonataAddressPath}`),
  );
  for (const api of ['v4', 'v5'] as const) {
    app.route(apiPathFor(api), productOrderingApi(api, ctx));
    app.route(apiPathFor(api, 'troubleTicket'), troubleTicketApi(api, ctx));
  }

  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: host }, (info) => {
      url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
      resolve(s as Server);
    });
  });
  log.info({ url, profile: profile.name }, `partner simulator listening on ${url}`);

  return {
    url,
    apiRoot: `${url}/tmf-api`,
    sonataRoot: `${url}${simSonataRoot}`,
    orders: orderViews,
    tickets: ticketViews,
    hubs: () => [...store.hubs.values()].map((h) => ({ ...h })),
    deliveries: () => notifier.attempts(),
    receivedAlerts,
    qualifications: qualificationViews,
    profile: () => profile,
    setProfile(next) {
      profile = BehaviourProfileSchema.parse(next);
      random = randomStreams(profile.seed);
      submits.count = 0;
      ticketCreates.count = 0;
    },
    async close() {
      closing.abort();
      lifecycle.close();
      ticketLifecycle.close();
      await notifier.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
