import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PartnerRejectedError, PartnerUnavailableError } from '../partners/adapters/index.js';
import { createTmf622Client } from '../partners/adapters/tmf622/client.js';
import type { OrderingAdapter, TailOrderForPartner } from '../partners/adapters/tmf622/types.js';
import { sampleTailOrder } from '../partners/adapters/test-fixtures.js';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { testOutbound } from './support/outbound.js';

let sim: RunningSimulator;
let seq = 0;
const newOrder = () => sampleTailOrder({ externalId: `ord_fault_${++seq}` });

beforeAll(async () => {
  sim = await startSimulator({ profile: fastProfile });
});
afterAll(() => sim.close());
beforeEach(() => sim.setProfile(fastProfile));

/** What a Temporal activity retry policy does: call again while the carrier is merely unavailable. */
async function submitWithRetries(adapter: OrderingAdapter, order: TailOrderForPartner, maxAttempts: number) {
  const failures: unknown[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      return { snapshot: await adapter.submit(order), failures };
    } catch (err) {
      if (!(err instanceof PartnerUnavailableError)) throw err;
      failures.push(err);
    }
  }
  throw new Error(`no success in ${maxAttempts} attempts`);
}

describe.each(['v4', 'v5'] as const)('TMF622 %s adapter against injected carrier faults', (version) => {
  const adapter = (timeoutMs = 2_000) =>
    createTmf622Client({
      fetch: testOutbound.fetch,
      version,
      baseUrl: sim.apiRoot,
      mapping: { productCodeMap: {} },
      timeoutMs,
    });
  const ordersFor = (externalId: string) => sim.orders().filter((o) => o.externalIds.includes(externalId));

  it.each([400, 422] as const)(
    'a refused submit (%i) is a PartnerRejectedError with the carrier reason, and nothing is created',
    async (status) => {
      sim.setProfile({
        ...fastProfile,
        rejectSubmit: {
          status,
          reason: 'Product not orderable at this address',
          message: 'ETH-100 unavailable in SW1A',
        },
      });
      const order = newOrder();
      const failure = await adapter()
        .submit(order)
        .catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(PartnerRejectedError);
      expect(failure).toMatchObject({ status });
      expect((failure as Error).message).toContain(
        'Product not orderable at this address: ETH-100 unavailable in SW1A',
      );
      expect(ordersFor(order.externalId)).toHaveLength(0);
    },
  );

  it('an invalid body is answered 400 with a TMF Error body', async () => {
    const response = await fetch(`${sim.apiRoot}/productOrderingManagement/${version}/productOrder`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ productOrderItem: [] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_BODY', reason: expect.any(String), status: '400' });
  });

  it('a 503 after the order was created does not lead to a second order on retry', async () => {
    sim.setProfile({ ...fastProfile, failFirstSubmits: 1 });
    const order = newOrder();
    const first = await adapter()
      .submit(order)
      .catch((err: unknown) => err);
    expect(first).toBeInstanceOf(PartnerUnavailableError);
    expect(first).toMatchObject({ status: 503 });
    const { snapshot } = await submitWithRetries(adapter(), order, 3);
    expect(ordersFor(order.externalId)).toHaveLength(1);
    expect(snapshot.partnerOrderId).toBe(ordersFor(order.externalId)[0]!.id);
  });

  it('random 5xx plus the double-create trap still end with exactly one order', async () => {
    sim.setProfile({ ...fastProfile, seed: 42, errorRate: 0.5, failFirstSubmits: 2 });
    const order = newOrder();
    const { snapshot, failures } = await submitWithRetries(adapter(), order, 30);
    expect(failures.length).toBeGreaterThan(0);
    expect(ordersFor(order.externalId)).toHaveLength(1);
    expect(snapshot.externalId).toBe(order.externalId);
  });

  it('a carrier that answers too late is unavailable; the order it made anyway is found next time', async () => {
    sim.setProfile({ ...fastProfile, timeoutRate: 1, hangMs: 1_000 });
    const order = newOrder();
    const late = await adapter(100)
      .submit(order)
      .catch((err: unknown) => err);
    expect(late).toBeInstanceOf(PartnerUnavailableError);
    expect((late as Error).message).toMatch(/no answer within 100 ms/);
    sim.setProfile(fastProfile);
    const snapshot = await adapter().submit(order);
    expect(ordersFor(order.externalId)).toHaveLength(1);
    expect(snapshot.partnerOrderId).toBe(ordersFor(order.externalId)[0]!.id);
  });

  it('an unknown order id is a PartnerRejectedError (404)', async () => {
    await expect(adapter().get('PO-does-not-exist')).rejects.toMatchObject({
      name: 'PartnerRejectedError',
      status: 404,
    });
  });

  it('an unreachable carrier is unavailable', async () => {
    const nowhere = createTmf622Client({
      fetch: testOutbound.fetch,
      version,
      baseUrl: 'http://127.0.0.1:9/tmf-api',
      mapping: { productCodeMap: {} },
    });
    await expect(nowhere.findByExternalId('x')).rejects.toBeInstanceOf(PartnerUnavailableError);
  });
});
