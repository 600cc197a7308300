import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsForEntity } from '../db/repositories/sla-facts.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { orderInput, placeOrder } from './support/orders.js';
import { startTimeSkippingPlatform, type TimeSkippingPlatform } from './support/time-skipping.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** OLA clocks driven by the order workflow on Temporal's time-skipping test server: weeks pass in seconds. */
describe('OLA clocks in the order workflow (time-skipping Temporal)', () => {
  let ts: TimeSkippingPlatform;
  let carrier: { id: string; key: string };
  const order = () => orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 });
  const facts = async (orderId: string) => await factsForEntity(ts.platform.db, 'order', orderId);
  const patch = (orderId: string, body: unknown) =>
    ts.platform.request('PATCH', `/tmf-api/productOrderingManagement/v4/productOrder/${orderId}`, {
      key: carrier.key,
      json: body,
    });
  const sla = async (orderId: string) =>
    (await (await ts.platform.request('GET', `/api/v1/orders/${orderId}/sla`)).json()) as {
      policy: { version: number } | null;
      clocks: {
        olaId: string;
        state: string;
        dueAt: string;
        breachedAt: string | null;
        pausedMs: number;
        pauses: { from: string; claimedAt: string }[];
      }[];
    };

  beforeAll(async () => {
    ts = await startTimeSkippingPlatform();
    carrier = await ts.platform.createPartner({ adapter: { orderingApi: 'none' } });
  }, 120_000);
  afterAll(() => ts?.stop());

  it('a 5-hour 24x7 OLA breaches 2 hours later after a 2-hour buyer pause; a back-dated pause claim changes nothing', async () => {
    await givePolicy(
      ts.platform.db,
      carrier.id,
      policyDocument([
        {
          id: 'restore-5h',
          metric: 'restoration',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          pause: { state: 'pending' },
          target: { kind: 'clockDuration', hours: 5 },
          jeopardy: [50, 75, 90],
        },
      ]),
    );
    const t0 = Date.parse(ts.now().toISOString());
    const plain = await placeOrder(ts.platform, order());
    const paused = await placeOrder(ts.platform, order());
    const backdated = await placeOrder(ts.platform, order());

    await ts.skip(1 * HOUR);
    expect((await patch(paused.id, { state: 'pending' })).status).toBe(200);
    const claimed = iso(t0); // the carrier claims the buyer was holding things up from the start
    const listener = await ts.platform.request(
      'POST',
      '/tmf-api/productOrderingManagement/v4/listener/productOrderStateChangeEvent',
      {
        key: carrier.key,
        json: {
          eventId: `backdated-${backdated.id}`,
          eventTime: claimed,
          eventType: 'ProductOrderStateChangeEvent',
          event: { productOrder: { id: 'C-1', externalId: backdated.id, state: 'pending' } },
        },
      },
    );
    expect(listener.status).toBe(201);
    await ts.skip(2 * HOUR);
    expect((await patch(paused.id, { state: 'inProgress' })).status).toBe(200);
    expect((await patch(backdated.id, { state: 'inProgress' })).status).toBe(200);
    await ts.skip(5 * HOUR);

    // All three clocks started at t0 (the API's clock stands still between skips): exact instants throughout.
    const breachOf = async (id: string) => (await facts(id)).find((f) => f.kind === 'breach')!.at;
    expect(await breachOf(plain.id)).toBe(iso(t0 + 5 * HOUR));
    expect(await breachOf(paused.id)).toBe(iso(t0 + 7 * HOUR));
    expect(await breachOf(backdated.id)).toBe(iso(t0 + 7 * HOUR));
    for (const o of [plain, paused, backdated]) {
      const { events } = await ts.env.client.workflow.getHandle('tail-order-' + o.id).fetchHistory();
      console.log('HIST', o.id, (events ?? []).map((e) => `${e.eventId}:${String(e.eventType)}`).join(' '));
    }
    const view = await sla(backdated.id);
    expect(view.clocks[0]!.pauses[0]).toMatchObject({ from: iso(t0 + HOUR), claimedAt: claimed });
  }, 120_000);

});
