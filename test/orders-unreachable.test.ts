import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCarrier, waitForOrder } from './support/carrier.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder } from './support/orders.js';
import { statement } from '../db/execute.js';
import { uncertified } from './support/platform.js';

describe('a carrier that stays unreachable (real Temporal, real HTTP)', () => {
  let h: OrderHarness;
  let c: Awaited<ReturnType<typeof startCarrier>>;
  beforeAll(async () => {
    h = await startOrderHarness({ timings: { unreachableAfterMs: 2_000 } });
    c = await startCarrier(h, 'tmf622-v4');
  });
  afterAll(async () => {
    await c?.sim.close();
    await h?.stop();
  });
  const ordersAtCarrier = (ourId: string) => c.sim.orders().filter((o) => o.externalIds.includes(ourId));

  it('opens a desk task when the carrier stays unreachable, and submits once the desk retries', async () => {
    await h.platform.request('PATCH', `/api/v1/partners/${c.partner.id}`, {
      json: { adapter: { orderingApi: 'tmf622-v4', baseUrl: 'http://127.0.0.1:9/tmf-api' }, ...uncertified },
    });
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const manual = await waitForOrder(h, placed.id, (o) => o.submission === 'manual', 'manual task');
    expect(manual.timeline.map((e) => e.type)).toContain('manualTaskOpened');
    const tasks = await statement(h.platform.db, 'select kind, status from manual_tasks where order_id = ?').all(
      placed.id,
    );
    expect(tasks).toEqual([{ kind: 'partner_unreachable', status: 'open' }]);

    await h.platform.request('PATCH', `/api/v1/partners/${c.partner.id}`, {
      json: { adapter: { orderingApi: 'tmf622-v4', baseUrl: c.sim.apiRoot }, ...uncertified },
    });
    expect(
      (await h.platform.request('POST', `/api/v1/orders/${placed.id}/retry-submission`, { key: h.platform.keys.desk }))
        .status,
    ).toBe(202);
    await waitForOrder(h, placed.id, (o) => o.state === 'completed', 'completed after retry');
    expect(ordersAtCarrier(placed.id)).toHaveLength(1);
    expect(await statement(h.platform.db, 'select status from manual_tasks where order_id = ?').all(placed.id)).toEqual(
      [{ status: 'closed' }],
    );
  }, 60_000);
});
