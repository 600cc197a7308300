import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { REQUEST_LEASE_MS } from '../tails/request-key.js';
import type { CrashPoint } from './support/api-process.js';
import { waitForOrder } from './support/carrier.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder, type PlacedOrder } from './support/orders.js';
import { killAll, startApiProcess, type ApiProcess } from './support/processes.js';
import { waitForTicket } from './support/ticket-carrier.js';
import { ticketInput, type RaisedTicket } from './support/tickets.js';
import { statement } from '../db/execute.js';
import { uncertified } from './support/platform.js';

describe('the API killed at each step of placing an order or raising a ticket', () => {
  let h: OrderHarness;
  let sim: RunningSimulator;
  let partnerId: string;
  let api: ApiProcess;
  const children: ChildProcess[] = [];

  const startApi = () => startApiProcess(h, children);

  /** A desk's POST with its Idempotency-Key, to whichever API process is running. */
  const post = (route: string, key: string, body: unknown) =>
    fetch(`${api.url}${route}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.platform.keys.desk}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    });

  /** Sends the request to an API armed to die at `point`, then starts the API again. */
  const crashDuring = async (point: CrashPoint, route: string, key: string, body: unknown) => {
    expect(await api.ask(`arm ${point}`)).toBe('armed');
    const exited = once(api.child, 'exit');
    await expect(post(route, key, body)).rejects.toThrow();
    expect((await exited)[1]).toBe('SIGKILL');
    api = await startApi();
  };

  /** A reconciler round once the dead request's key lease has run out. */
  const reconcileLater = async () => {
    expect(await api.ask(`clock ${REQUEST_LEASE_MS + 1_000}`)).toBe('set');
    const reconciled = JSON.parse(await api.ask('reconcile')) as Record<string, number | boolean>;
    expect(await api.ask('clock 0')).toBe('set');
    return reconciled;
  };

  const count = (sql: string, ...params: string[]) =>
    statement(h.platform.db, sql)
      .pluck<number>()
      .get(...params);

  beforeAll(async () => {
    h = await startOrderHarness();
    sim = await startSimulator({ port: 0, profile: fastProfile });
    const adapter = { orderingApi: 'tmf622-v5', troubleTicketApi: 'tmf621-v5', baseUrl: sim.apiRoot };
    const partner = await h.platform.createPartner({ adapter });
    partnerId = partner.id;
    await sim.close();
    sim = await startSimulator({ port: 0, profile: fastProfile, listenerAuth: `Bearer ${partner.key}` });
    const res = await h.platform.request('PATCH', `/api/v1/partners/${partnerId}`, {
      json: { adapter: { ...adapter, baseUrl: sim.apiRoot }, ...uncertified },
    });
    expect(res.status).toBe(200);
    api = await startApi();
  });
  afterAll(async () => {
    killAll(children);
    await sim?.close();
    await h?.stop();
  });

  // What the reconciler's round after the restart does for a request cut off there.
  const orderCrashes: [CrashPoint, { ordersStarted: number; requestsFinished: number; requestsFreed: number }][] = [
    ['order-stored', { ordersStarted: 0, requestsFinished: 0, requestsFreed: 1 }],
    ['order-workflow-start', { ordersStarted: 1, requestsFinished: 1, requestsFreed: 0 }],
    ['order-workflow-recorded', { ordersStarted: 1, requestsFinished: 1, requestsFreed: 0 }],
    ['response-stored', { ordersStarted: 0, requestsFinished: 1, requestsFreed: 0 }],
  ];
  it.each(orderCrashes)('killed at %s: the order reaches the carrier exactly once', async (point, reconciled) => {
    const body = orderInput({ partnerId, productCode: 'ETH-100', bandwidthMbps: 100 });
    const key = `order-crash-${point}`;
    await crashDuring(point, '/api/v1/orders', key, body);
    expect(await reconcileLater()).toMatchObject({
      ...reconciled,
      ticketsStarted: 0,
      temporalUnreachable: false,
    });

    const retry = await post('/api/v1/orders', key, body);
    expect(retry.status).toBe(201);
    // An order stored before the crash is the retry's answer (replayed); one that was not is placed now.
    expect(retry.headers.get('idempotent-replayed')).toBe(point === 'order-stored' ? null : 'true');
    const order = (await retry.json()) as PlacedOrder;
    await waitForOrder(h, order.id, (o) => o.state === 'completed', 'completed at the carrier');
    expect(sim.orders().filter((o) => o.externalIds.includes(order.id))).toHaveLength(1);
    expect(await count('select count(*) from orders where desk_reference = ?', body.deskReference)).toBe(1);
    const again = await post('/api/v1/orders', key, body);
    expect(((await again.json()) as PlacedOrder).id).toBe(order.id);
  });

  const ticketCrashes: [CrashPoint, { ticketsStarted: number; requestsFinished: number; requestsFreed: number }][] = [
    ['ticket-stored', { ticketsStarted: 0, requestsFinished: 0, requestsFreed: 1 }],
    ['ticket-workflow-start', { ticketsStarted: 1, requestsFinished: 1, requestsFreed: 0 }],
    ['ticket-workflow-recorded', { ticketsStarted: 1, requestsFinished: 1, requestsFreed: 0 }],
    ['response-stored', { ticketsStarted: 0, requestsFinished: 1, requestsFreed: 0 }],
  ];
  it.each(ticketCrashes)('killed at %s: the ticket reaches the carrier exactly once', async (point, reconciled) => {
    const delivered = await placeOrder(
      h.platform,
      orderInput({ partnerId, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(h, delivered.id, (o) => o.state === 'completed', 'the tail delivered');
    const body = ticketInput(delivered.id);
    const key = `ticket-crash-${point}`;
    await crashDuring(point, '/api/v1/tickets', key, body);
    expect(await reconcileLater()).toMatchObject({
      ...reconciled,
      ordersStarted: 0,
      temporalUnreachable: false,
    });

    const retry = await post('/api/v1/tickets', key, body);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe(point === 'ticket-stored' ? null : 'true');
    const ticket = (await retry.json()) as RaisedTicket;
    await waitForTicket(h, ticket.id, (t) => t.submission === 'submitted', 'raised with the carrier');
    expect(sim.tickets().filter((t) => t.externalIds.includes(ticket.id))).toHaveLength(1);
    expect(await count('select count(*) from tickets where desk_reference = ?', body.deskReference)).toBe(1);
  });

  it('a cancellation of an order the crash left without a workflow starts it, and nothing reaches the carrier', async () => {
    const body = orderInput({ partnerId, productCode: 'ETH-100', bandwidthMbps: 100 });
    await crashDuring('order-workflow-start', '/api/v1/orders', 'cancel-after-crash', body);
    const [id] = await statement(h.platform.db, 'select id from orders where desk_reference = ?')
      .pluck<string>()
      .all(body.deskReference);

    const cancel = await post(`/api/v1/orders/${id}/cancel`, 'unused', { reason: 'customer withdrew' });
    expect(cancel.status).toBe(202);
    const order = await waitForOrder(h, id!, (o) => o.state === 'cancelled', 'cancelled');
    expect(order.timeline.map((e) => e.type)).toContain('cancelledBeforeSubmission');
    expect(order.timeline.map((e) => e.type)).not.toContain('submitted');
    expect(sim.orders().filter((o) => o.externalIds.includes(id!))).toHaveLength(0);
  });
});
