import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../api/env.js';
import { PartnerUnavailableError } from '../partners/adapters/index.js';
import { createTmf622Client } from '../partners/adapters/tmf622/client.js';
import { startCarrier, waitForOrder } from './support/carrier.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder } from './support/orders.js';
import { testOutbound } from './support/outbound.js';
import { statement } from '../db/execute.js';

type Carrier = Awaited<ReturnType<typeof startCarrier>>;

describe('carriers that authenticate us: credentialsRef -> PARTNER_SECRET_<NAME> (real Temporal, real HTTP)', () => {
  let h: OrderHarness;
  const carriers: Carrier[] = [];
  beforeAll(async () => {
    const env = loadEnv({
      PARTNER_SECRET_ACME_PROD: 'acme-token',
      PARTNER_SECRET_INITECH: 'initech-key',
      PARTNER_SECRET_HOOLI: 'tailgate:hooli-pass',
    });
    h = await startOrderHarness({ timings: { unreachableAfterMs: 2_000 }, partnerSecrets: env.partnerSecrets });
  });
  afterAll(async () => {
    await Promise.all(carriers.map((c) => c.sim.close()));
    await h?.stop();
  });
  const carrier = async (...args: Parameters<typeof startCarrier> extends [unknown, ...infer R] ? R : never) => {
    const c = await startCarrier(h, ...args);
    carriers.push(c);
    return c;
  };
  const ordersAtCarrier = (c: Carrier, ourId: string) => c.sim.orders().filter((o) => o.externalIds.includes(ourId));

  it('the simulator answers 401 with a TMF Error to a resource or hub request without the right Authorization', async () => {
    const c = await carrier('tmf622-v5', {}, { requireAuth: 'Bearer acme-token' });
    for (const [path, authorization] of [
      ['productOrderingManagement/v5/productOrder', undefined],
      ['productOrderingManagement/v4/hub', 'Bearer wrong'],
      ['troubleTicket/v5/troubleTicket', 'acme-token'],
    ] as const) {
      const res = await fetch(`${c.sim.apiRoot}/${path}`, { headers: authorization ? { authorization } : {} });
      expect(res.status, path).toBe(401);
      expect(await res.json()).toMatchObject({
        code: 'UNAUTHORIZED',
        reason: 'Authentication required',
        status: '401',
      });
    }
    const anonymous = createTmf622Client({
      fetch: testOutbound.fetch,
      version: 'v5',
      baseUrl: c.sim.apiRoot,
      mapping: { productCodeMap: {} },
      timeoutMs: 2_000,
    });
    await expect(anonymous.registerHub(`${h.url}/tmf-api/productOrderingManagement/v5`)).rejects.toMatchObject({
      name: PartnerUnavailableError.name,
      status: 401,
    });
    expect(c.sim.hubs()).toEqual([]);
  });

  it("an order to a carrier demanding authentication completes when the partner's secret is configured", async () => {
    const c = await carrier('tmf622-v5', {}, { requireAuth: 'Bearer acme-token', credentialsRef: 'acme-prod' });
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const done = await waitForOrder(h, placed.id, (o) => o.state === 'completed', 'completed');
    const atCarrier = ordersAtCarrier(c, placed.id);
    expect(atCarrier).toHaveLength(1);
    expect(done).toMatchObject({ partnerOrderId: atCarrier[0]!.id, submission: 'submitted' });
    // The hub was registered with the same credentials, so the carrier's notifications reached us.
    expect(c.sim.hubs()).toHaveLength(1);
    expect(done.timeline.some((e) => e.source === 'listener')).toBe(true);
  });

  it.each([
    ['an API-key header', 'initech', { authScheme: 'header', authHeaderName: 'X-API-Key' }, 'x-api-key', 'initech-key'],
    ['HTTP Basic', 'hooli', { authScheme: 'basic' }, 'authorization', `Basic ${btoa('tailgate:hooli-pass')}`],
  ] as const)(
    'a carrier that takes %s (adapter.authScheme) gets the order, and its notifications reach us',
    async (_scheme, credentialsRef, settings, requireAuthHeader, requireAuth) => {
      const c = await carrier('tmf622-v4', {}, { requireAuth, requireAuthHeader, credentialsRef, ...settings });
      const placed = await placeOrder(
        h.platform,
        orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
      );
      const done = await waitForOrder(h, placed.id, (o) => o.state === 'completed', 'completed');
      expect(ordersAtCarrier(c, placed.id)).toHaveLength(1);
      expect(c.sim.hubs()).toHaveLength(1);
      expect(done.timeline.some((e) => e.source === 'listener')).toBe(true);
    },
  );

  it('without the secret nothing reaches the carrier: submission keeps failing, the desk gets an unreachable task', async () => {
    const c = await carrier('tmf622-v4', {}, { requireAuth: 'Bearer globex-token', credentialsRef: 'globex' });
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const manual = await waitForOrder(h, placed.id, (o) => o.submission === 'manual', 'manual task');
    expect(manual).toMatchObject({ state: 'acknowledged', partnerOrderId: null });
    const tasks = await statement(h.platform.db, 'select kind, status from manual_tasks where order_id = ?').all(
      placed.id,
    );
    expect(tasks).toEqual([{ kind: 'partner_unreachable', status: 'open' }]);
    expect(c.sim.orders()).toEqual([]);
    expect(c.sim.hubs()).toEqual([]);

    // The submission's last failure, in the workflow history, names the variable to set (never a value).
    const handle = h.client.workflow.getHandle(`tail-order-${placed.id}`);
    const { events } = await handle.fetchHistory();
    const failure = events?.find((e) => e.activityTaskFailedEventAttributes)?.activityTaskFailedEventAttributes
      ?.failure;
    expect(failure).toMatchObject({
      message: `partner ${c.partner.id}: credentials "globex" are not configured (set PARTNER_SECRET_GLOBEX)`,
      applicationFailureInfo: { type: 'PartnerUnavailableError' },
    });

    expect(
      (
        await h.platform.request('POST', `/api/v1/orders/${placed.id}/cancel`, {
          key: h.platform.keys.desk,
          json: { reason: 'no credentials' },
        })
      ).status,
    ).toBe(202);
    expect(await handle.result()).toBe('cancelled');
  });
});
