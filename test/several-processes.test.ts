import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../partners/simulator/server.js';
import { REQUEST_LEASE_MS } from '../tails/request-key.js';
import { startCarrier, waitForOrder } from './support/carrier.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, type PlacedOrder } from './support/orders.js';
import { killAll, startApiProcess, startWorkerProcess, type ApiProcess } from './support/processes.js';
import { statement } from '../db/execute.js';

/**
 * Two API processes and two workers (one in this process, one of its own) on one store (the SQLite file, or in the
 * postgres test project one PostgreSQL database) and one Temporal: what one process does holds in the other, and one
 * killed with SIGKILL while orders flow loses none and sends none twice.
 */
describe('several API processes and workers on one store', () => {
  let h: OrderHarness;
  let sim: RunningSimulator;
  let partnerId: string;
  let a: ApiProcess;
  let b: ApiProcess;
  const children: ChildProcess[] = [];

  const call = (api: ApiProcess, method: string, route: string, key: string, body?: unknown, idempotencyKey?: string) =>
    fetch(`${api.url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const newOrder = () => orderInput({ partnerId, productCode: 'ETH-100', bandwidthMbps: 100 });

  beforeAll(async () => {
    h = await startOrderHarness();
    const carrier = await startCarrier(h, 'tmf622-v5');
    partnerId = carrier.partner.id;
    sim = carrier.sim;
    [a, b] = await Promise.all([startApiProcess(h, children), startApiProcess(h, children)]);
    await startWorkerProcess(h, children);
  });
  afterAll(async () => {
    killAll(children);
    await sim?.close();
    await h?.stop();
  });

  it('a key revoked through one API process is refused by the other from its next request', async () => {
    const created = await call(a, 'POST', '/api/v1/api-keys', h.platform.keys.admin, { name: 'leaver', role: 'desk' });
    expect(created.status).toBe(201);
    const { id, secret } = (await created.json()) as { id: string; secret: string };
    expect((await call(b, 'GET', '/api/v1/orders', secret)).status).toBe(200); // b now remembers the key

    expect((await call(a, 'POST', `/api/v1/api-keys/${id}/revoke`, h.platform.keys.admin)).status).toBe(200);
    expect((await call(b, 'GET', '/api/v1/orders', secret)).status).toBe(401);
    expect((await call(a, 'GET', '/api/v1/orders', secret)).status).toBe(401);
  });

  it("a client's retry with the same Idempotency-Key answered by the other process gets the same order", async () => {
    const body = newOrder();
    const first = await call(a, 'POST', '/api/v1/orders', h.platform.keys.desk, body, 'retry-elsewhere');
    expect(first.status).toBe(201);
    const retry = await call(b, 'POST', '/api/v1/orders', h.platform.keys.desk, body, 'retry-elsewhere');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as PlacedOrder).id).toBe(((await first.json()) as PlacedOrder).id);
  });

  it('one API process killed while orders flow through both: every order reaches its carrier exactly once', async () => {
    const bodies = Array.from({ length: 16 }, (_, i) => ({ body: newOrder(), key: `flow-${i}` }));
    // Each request goes to a or b in turn; one a does not answer (it died) is sent again to b, as a balancer would.
    const place = async ({ body, key }: (typeof bodies)[number], i: number): Promise<string | number> => {
      const first = await call(i % 2 ? b : a, 'POST', '/api/v1/orders', h.platform.keys.desk, body, key).catch(
        () => undefined,
      );
      const answer =
        first && first.status < 500 && first.status !== 409
          ? first
          : await call(b, 'POST', '/api/v1/orders', h.platform.keys.desk, body, key);
      return answer.status === 201 ? ((await answer.json()) as PlacedOrder).id : answer.status;
    };
    const exited = once(a.child, 'exit');
    const placing = bodies.map((o, i) => place(o, i));
    // a dies as soon as it has answered its first order, while it holds others half-done (any step may be cut).
    await placing[0];
    a.child.kill('SIGKILL');
    const firstTry = await Promise.all(placing);
    expect((await exited)[1]).toBe('SIGKILL');
    // Only a request a was holding when it died may be unanswered yet: its key is still in progress (409).
    expect(firstTry.filter((r) => typeof r === 'number').every((status) => status === 409)).toBe(true);

    // b's reconciler, once those keys' lease ran out, frees or finishes them and starts any order a stored without a
    // workflow; then the client's retries are answered.
    expect(await b.ask(`clock ${REQUEST_LEASE_MS + 1_000}`)).toBe('set');
    expect(JSON.parse(await b.ask('reconcile'))).toMatchObject({ temporalUnreachable: false });
    expect(await b.ask('clock 0')).toBe('set');
    const ids = await Promise.all(firstTry.map((r, i) => (typeof r === 'string' ? r : place(bodies[i]!, 1))));
    expect(ids.every((id) => typeof id === 'string')).toBe(true);

    expect(new Set(ids).size).toBe(bodies.length);
    for (const id of ids as string[]) {
      await waitForOrder(h, id, (o) => o.state === 'completed', 'completed at the carrier');
      expect(sim.orders().filter((o) => o.externalIds.includes(id))).toHaveLength(1);
    }
    const stored = await statement(
      h.platform.db,
      `select count(*) from orders where partner_id = ? and desk_reference like 'DESK-%'`,
    )
      .pluck()
      .get(partnerId);
    expect(stored).toBe(bodies.length + 1); // and the one order of the retry test
  });
});
