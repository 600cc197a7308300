import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCarrier, waitForOrder } from './support/carrier.js';
import { seedCoverage } from './support/coverage.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder } from './support/orders.js';
import { recordHistoryIfAsked } from './support/histories.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';
import { waitFor } from './support/wait.js';
import { verifyWebhookSignature } from '../tails/notify/signature.js';
import { uncertified } from './support/platform.js';

type Carrier = Awaited<ReturnType<typeof startCarrier>>;

describe('tail orders to simulated carriers over real HTTP (TMF622 v4 and v5, real Temporal)', () => {
  let h: OrderHarness;
  const carriers: Carrier[] = [];
  beforeAll(async () => {
    h = await startOrderHarness({ timings: { unreachableAfterMs: 60_000 } });
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

  it.each(['tmf622-v4', 'tmf622-v5'] as const)(
    '%s: an order placed from a qualification offer completes',
    async (api) => {
      const c = await carrier(api);
      await seedCoverage(h.platform.db, c.partner.id, [
        { location: 'SW1A 1AA', productCode: 'ETH-100', bandwidthMbps: 100 },
      ]);
      const q = await h.platform.request('POST', '/api/v1/qualifications', {
        key: h.platform.keys.desk,
        json: { address: { countryCode: 'GB', postcode: 'SW1A 1AA' }, productNeeds: { productCode: 'ETH-100' } },
      });
      const offer = ((await q.json()) as { offers: { id: string; partnerId: string }[] }).offers.find(
        (o) => o.partnerId === c.partner.id,
      );
      expect(offer).toBeDefined();

      const placed = await placeOrder(h.platform, orderInput({ offerId: offer!.id }));
      const done = await waitForOrder(h, placed.id, (o) => o.state === 'completed', 'completed');
      const atCarrier = ordersAtCarrier(c, placed.id);
      expect(atCarrier).toHaveLength(1);
      // The carrier's circuit reference (its product instance id on the completed item) is taken for finance.
      expect(done).toMatchObject({
        partnerOrderId: atCarrier[0]!.id,
        carrierCircuitRef: `CCT-${atCarrier[0]!.id}`,
        submission: 'submitted',
      });
      expect((done as unknown as { dates: { committed: string | null } }).dates.committed).not.toBeNull();
      const sources = new Set(done.timeline.map((e) => e.source));
      expect(sources).toEqual(new Set(['desk', 'adapter', 'listener']));
      expect(done.timeline.filter((e) => e.outcome === 'refused')).toEqual([]);
      const handle = h.client.workflow.getHandle(`tail-order-${placed.id}`);
      expect(await handle.result()).toBe('completed');
      recordHistoryIfAsked(`tail-order-${api}-completed`, handle.workflowId, h.address);
    },
  );

  it("a carrier rejecting the order (4xx) fails it with the carrier's message, without retrying", async () => {
    const c = await carrier('tmf622-v4', {
      rejectSubmit: { status: 422, reason: 'Address not serviceable', message: 'no duct to the building' },
    });
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const failed = await waitForOrder(h, placed.id, (o) => o.state === 'failed', 'failed');
    expect((failed as unknown as { failureReason: string }).failureReason).toContain('Address not serviceable');
    expect(failed.submission).toBe('failed');
    expect(c.sim.orders()).toHaveLength(0);
    expect(await h.client.workflow.getHandle(`tail-order-${placed.id}`).result()).toBe('failed');
  });

  it('a carrier answering 5xx and timing out still gets the order exactly once', async () => {
    const c = await carrier('tmf622-v5', {
      failFirstSubmits: 2,
      timeoutRate: 0.3,
      hangMs: 1_500,
      errorRate: 0.2,
      seed: 7,
    });
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(h, placed.id, (o) => o.state === 'completed', 'completed despite faults', 60_000);
    expect(ordersAtCarrier(c, placed.id)).toHaveLength(1);
    expect(c.sim.orders()).toHaveLength(1);
  }, 90_000);

  it('duplicate and out-of-order notifications are stored once and still end in the right state', async () => {
    const c = await carrier('tmf622-v4', { duplicateNotifications: 1, outOfOrderNotifications: 1, seed: 3 });
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const done = await waitForOrder(h, placed.id, (o) => o.state === 'completed', 'completed');
    const eventIds = done.timeline
      .filter((e) => e.source === 'listener')
      .map((e) => (e as unknown as { externalEventId: string }).externalEventId);
    expect(new Set(eventIds).size).toBe(eventIds.length);
    const delivered = c.sim.deliveries().filter((d) => d.status === 201).length;
    expect(delivered).toBeGreaterThan(eventIds.length);
  });

  it('cancels at the carrier: assessingCancellation, pendingCancellation, cancelled', async () => {
    const c = await carrier('tmf622-v5', { completeDelayMs: 60_000 });
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(h, placed.id, (o) => o.state === 'inProgress', 'inProgress');
    const res = await h.platform.request('POST', `/api/v1/orders/${placed.id}/cancel`, {
      key: h.platform.keys.desk,
      json: { reason: 'customer withdrew' },
    });
    expect(res.status).toBe(202);
    const cancelled = await waitForOrder(h, placed.id, (o) => o.state === 'cancelled', 'cancelled');
    expect(cancelled.timeline.map((e) => (e as unknown as { toState: string | null }).toState)).toEqual(
      expect.arrayContaining(['assessingCancellation', 'pendingCancellation', 'cancelled']),
    );
    expect(ordersAtCarrier(c, placed.id)[0]?.cancellationReason).toBe('customer withdrew');
    const again = await h.platform.request('POST', `/api/v1/orders/${placed.id}/cancel`, {
      key: h.platform.keys.desk,
      json: { reason: 'again' },
    });
    expect(again.status).toBe(409);
  });

  it('follows a carrier that sends no notifications by polling its API', async () => {
    const c = await carrier('tmf622-v4');
    const res = await h.platform.request('PATCH', `/api/v1/partners/${c.partner.id}`, {
      json: {
        adapter: { orderingApi: 'tmf622-v4', baseUrl: c.sim.apiRoot, notifications: 'poll', pollIntervalSeconds: 5 },
        ...uncertified,
      },
    });
    expect(res.status).toBe(200);
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const done = await waitForOrder(h, placed.id, (o) => o.state === 'completed', 'completed by polling');
    expect(c.sim.hubs()).toHaveLength(0);
    expect(done.timeline.some((e) => e.source === 'adapter-poll' && e.outcome === 'applied')).toBe(true);
    expect(done.timeline.some((e) => e.source === 'listener')).toBe(false);
    expect(done).toMatchObject({ carrierCircuitRef: `CCT-${done.partnerOrderId}` });
  });

  it('registers one hub at a carrier even when its first orders are submitted at once', async () => {
    const c = await carrier('tmf622-v5');
    const placed = await Promise.all(
      [1, 2, 3, 4].map(() =>
        placeOrder(h.platform, orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 })),
      ),
    );
    for (const order of placed) await waitForOrder(h, order.id, (o) => o.submission === 'submitted', 'submitted');
    // A registration that lost the race was withdrawn (DELETE /hub/{id}): the carrier notifies once.
    expect(c.sim.hubs()).toHaveLength(1);
  });

  it("refuses a carrier's event about another carrier's order, changing nothing", async () => {
    const c = await carrier('tmf622-v5', { completeDelayMs: 60_000 });
    const intruder = await h.platform.createPartner();
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const before = await waitForOrder(h, placed.id, (o) => o.state === 'inProgress', 'inProgress');
    const event = {
      eventId: 'intruder-1',
      eventTime: new Date().toISOString(),
      eventType: 'ProductOrderStateChangeEvent',
      event: { productOrder: { id: before.partnerOrderId, externalId: [{ id: placed.id }], state: 'completed' } },
    };
    const res = await h.platform.request(
      'POST',
      '/tmf-api/productOrderingManagement/v5/listener/productOrderStateChangeEvent',
      { key: intruder.key, json: event },
    );
    expect(res.status).toBe(404);
    const after = await waitForOrder(h, placed.id, () => true, 'order');
    expect(after.state).toBe('inProgress');
    // The real carrier may have notified more meanwhile; nothing of the intruder's was stored.
    expect(after.timeline.slice(0, before.timeline.length)).toEqual(before.timeline);
    expect(after.timeline.filter((e) => e.externalEventId === 'intruder-1')).toEqual([]);
  });
  it('flags jeopardy a v5 carrier declares itself and sends it, signed, to subscribers', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const c = await carrier('tmf622-v5', { lateDeliveryProbability: 1 });
      const sub = await h.platform.request('POST', '/api/v1/webhooks', {
        key: h.platform.keys.desk,
        json: { name: 'desk alerts', url: receiver.url, kinds: ['carrierJeopardy'], partnerId: c.partner.id },
      });
      const { secret } = (await sub.json()) as { secret: string };
      const placed = await placeOrder(
        h.platform,
        orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
      );
      await waitForOrder(
        h,
        placed.id,
        (o) => o.timeline.some((e) => e.type === 'productOrderJeopardyAlertEvent'),
        "the carrier's jeopardy alert",
      );
      // The listener stores the event, signals the workflow, then records the fact: wait for the fact itself.
      const sla = await waitFor(
        async () => {
          const view = (await (await h.platform.request('GET', `/api/v1/orders/${placed.id}/sla`)).json()) as {
            facts: { kind: string }[];
          };
          return view.facts.length > 0 ? view : undefined;
        },
        { what: 'the carrier jeopardy fact' },
      );
      expect(sla.facts.map((f) => f.kind)).toEqual(['carrierJeopardy']);
      const delivery = await waitFor(() => receiver.received[0], { what: 'the webhook', timeoutMs: 10_000 });
      const body = JSON.parse(delivery.rawBody) as { kind: string; fact: { entityId: string } };
      expect(body).toMatchObject({ kind: 'carrierJeopardy', fact: { entityId: placed.id } });
      const check = verifyWebhookSignature({
        secret,
        body: delivery.rawBody,
        now: new Date(),
        timestamp: String(delivery.headers['tailgate-timestamp']),
        signature: String(delivery.headers['tailgate-signature']),
      });
      expect(check).toEqual({ ok: true });
    } finally {
      await receiver.close();
    }
  });
  it("an order placed from a carrier's live offer refers to the carrier's qualification item", async () => {
    const c = await carrier('tmf622-v5');
    const live = await h.platform.request('PATCH', `/api/v1/partners/${c.partner.id}`, {
      json: {
        adapter: { orderingApi: 'tmf622-v5', qualificationApi: 'tmf679-v4', baseUrl: c.sim.apiRoot },
        ...uncertified,
      },
    });
    expect(live.status).toBe(200);
    const q = await h.platform.request('POST', '/api/v1/qualifications', {
      key: h.platform.keys.desk,
      json: { address: { countryCode: 'GB', postcode: 'SW1A 1AA' }, productNeeds: { productCode: 'ETH-100' } },
    });
    const offer = ((await q.json()) as { offers: { id: string; partnerId: string; source: string }[] }).offers.find(
      (o) => o.partnerId === c.partner.id,
    );
    expect(offer?.source).toBe('live');
    const placed = await placeOrder(h.platform, orderInput({ offerId: offer!.id }));
    await waitForOrder(h, placed.id, (o) => o.state === 'completed', 'completed');
    const [asked] = c.sim.qualifications();
    expect(ordersAtCarrier(c, placed.id)[0]!.request.productOrderItem).toEqual([
      expect.objectContaining({
        productOfferingQualificationItem: {
          '@type': 'ProductOfferingQualificationItemRef',
          itemId: '1',
          productOfferingQualificationId: asked!.id,
        },
      }),
    ]);
  });
});
