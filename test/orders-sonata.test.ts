import { describe, expect, it } from 'vitest';
import { waitForOrder } from './support/carrier.js';
import { fetchOrder, orderInput, placeOrder } from './support/orders.js';
import { waitFor } from './support/wait.js';
import { sonataOrderSuite } from './support/sonata-carrier.js';

/** Tail orders to a simulated carrier over MEF LSO Sonata Product Ordering v10: real HTTP, real Temporal, polled. */
describe('tail orders through MEF LSO Sonata (real Temporal, polled)', () => {
  const suite = sonataOrderSuite();
  const { spec, sonataCarrier, atCarrier } = suite;

  it('places an order the carrier completes, every payload per the MEF file, and follows it by polling', async () => {
    const { sim, partner } = await sonataCarrier();
    const placed = await placeOrder(
      suite.h.platform,
      orderInput({ partnerId: partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const done = await waitForOrder(suite.h, placed.id, (o) => o.state === 'completed', 'completed');
    const [order] = atCarrier(sim, placed.id);
    expect(atCarrier(sim, placed.id)).toHaveLength(1);
    spec.assertValid('ProductOrder_Create', order!.request);
    expect(order!.request).toMatchObject({
      externalId: placed.id,
      relatedContactInformation: [{ role: 'productOrderContact', emailAddress: 'desk@tailgate.example' }],
      productOrderItem: [
        {
          action: 'add',
          product: {
            productOffering: { id: '000073' },
            productConfiguration: { uniEp: { ingressBandwidthProfilePerEndPoint: { cir: { irValue: 100 } } } },
            place: [{ '@type': 'FieldedAddress', role: 'INSTALL_LOCATION', postcode: 'SW1A 1AA' }],
          },
        },
      ],
    });
    const read = await fetch(`${sim.sonataRoot}/productOrderingManagement/v10/productOrder/${order!.id}`);
    spec.assertValid('ProductOrder', await read.json());
    expect(done).toMatchObject({ partnerOrderId: order!.id, carrierCircuitRef: `CCT-${order!.id}` });
    expect((done as unknown as { dates: { committed: string | null } }).dates.committed).not.toBeNull();
    expect(done.timeline.some((e) => e.source === 'adapter-poll' && e.outcome === 'applied')).toBe(true);
    expect(sim.hubs()).toEqual([]);
  });

  it("reads Sonata's held.assessingCharge as a wait on the buyer (pending), then follows it on", async () => {
    const { sim, partner } = await sonataCarrier({
      outcomeWeights: { completed: 0, held: 1, pending: 0, failed: 0, rejected: 0 },
      resumeAfterHoldMs: 1_500,
    });
    const placed = await placeOrder(
      suite.h.platform,
      orderInput({ partnerId: partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const done = await waitForOrder(suite.h, placed.id, (o) => o.state === 'completed', 'completed after the hold');
    const states = done.timeline.map((e) => (e as unknown as { toState: string | null }).toState);
    expect(states).toContain('pending');
    expect(states).not.toContain('held');
    // The seller's note says why it waits: read as the update's explanation.
    const details = done.timeline.map((e) => (e as unknown as { detail: string | null }).detail);
    expect(details).toContain('On hold: awaiting site access from the customer');
    expect(atCarrier(sim, placed.id)[0]!.stateHistory).toContain('held');
  });

  it('cancels at the carrier through cancelProductOrder', async () => {
    const { sim, partner } = await sonataCarrier({ completeDelayMs: 60_000 });
    const placed = await placeOrder(
      suite.h.platform,
      orderInput({ partnerId: partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(suite.h, placed.id, (o) => o.state === 'inProgress', 'inProgress');
    const res = await suite.h.platform.request('POST', `/api/v1/orders/${placed.id}/cancel`, {
      key: suite.h.platform.keys.desk,
      json: { reason: 'customer withdrew' },
    });
    expect(res.status).toBe(202);
    await waitForOrder(suite.h, placed.id, (o) => o.state === 'cancelled', 'cancelled');
    expect(atCarrier(sim, placed.id)[0]?.cancellationReason).toBe('customer withdrew');
  });

  it("follows an order by the carrier's thin notifications: our hub at the carrier, each event read back once", async () => {
    const { sim, partner } = await sonataCarrier({ duplicateNotifications: 1 }, 'hub');
    const placed = await placeOrder(
      suite.h.platform,
      orderInput({ partnerId: partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const done = await waitForOrder(suite.h, placed.id, (o) => o.state === 'completed', 'completed by notifications');
    expect(sim.hubs()).toEqual([
      expect.objectContaining({
        api: 'sonata',
        callback: `${suite.h.url}/mefApi/sonata/productOrderingNotification/v10`,
      }),
    ]);
    const heard = done.timeline.filter((e) => e.source === 'listener');
    expect(heard.map((e) => e.type)).toContain('productOrderStateChangeEvent');
    expect(heard.map((e) => e.type)).toContain('productOrderItemExpectedCompletionDateSet');
    expect(done.timeline.some((e) => e.source === 'adapter-poll')).toBe(false);
    // Every event is delivered twice (the profile's duplicates) and stored once: each stored event, once its second
    // copy is in, is still there only once.
    const listened = async () =>
      (await fetchOrder(suite.h.platform, placed.id)).timeline
        .filter((e) => e.source === 'listener')
        .map((e) => e.externalEventId);
    const copies = (id: string | null) => sim.deliveries().filter((d) => d.eventId === id && d.status === 204);
    await waitFor(async () => ((await listened()).every((id) => copies(id).length >= 2) ? true : undefined), {
      what: 'both copies of every stored event delivered',
    });
    const stored = await listened();
    expect(stored.length).toBeGreaterThanOrEqual(heard.length);
    expect(new Set(stored).size).toBe(stored.length);
  });

  it("refuses a partner's notification about an order that is not its own", async () => {
    const mine = await sonataCarrier({ completeDelayMs: 60_000 });
    const theirs = await sonataCarrier();
    const placed = await placeOrder(
      suite.h.platform,
      orderInput({ partnerId: mine.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(suite.h, placed.id, (o) => o.partnerOrderId !== null, 'at its carrier');
    const carrierOrderId = mine.sim.orders()[0]!.id;
    const res = await suite.h.platform.request(
      'POST',
      '/mefApi/sonata/productOrderingNotification/v10/listener/productOrderStateChangeEvent',
      {
        key: theirs.partner.key,
        json: {
          eventId: 'e-1',
          eventTime: new Date().toISOString(),
          eventType: 'productOrderStateChangeEvent',
          event: { id: carrierOrderId },
        },
      },
    );
    expect(res.status, await res.text()).toBe(404);
  });

  it('shows the desk a charge the seller raised; the order waits on the desk until it accepts', async () => {
    const held = {
      outcomeWeights: { completed: 0, held: 1, pending: 0, failed: 0, rejected: 0 },
      resumeAfterHoldMs: null,
    };
    const { sim, partner } = await sonataCarrier(held);
    const placed = await placeOrder(
      suite.h.platform,
      orderInput({ partnerId: partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(suite.h, placed.id, (o) => o.state === 'pending', 'held for the charge');
    const charges = `/api/v1/orders/${placed.id}/charges`;
    const listed = await suite.h.platform.request('GET', charges, { key: suite.h.platform.keys.desk });
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()) as { items: { id: string; state: string; items: unknown[] }[] };
    expect(items).toEqual([
      expect.objectContaining({
        state: 'awaitingResponse',
        items: [
          {
            id: '1',
            category: 'construction',
            priceType: 'nonRecurring',
            blocking: true,
            price: { amountMinor: 250_000, currency: 'GBP' },
            state: 'awaitingResponse',
          },
        ],
      }),
    ]);
    const atSeller = await fetch(`${sim.sonataRoot}/productOrderingManagement/v10/charge/${items[0]!.id}`);
    spec.assertValid('MEFProductOrderCharge', await atSeller.json());
    expect((await suite.h.platform.request('GET', charges, { key: partner.key })).status).toBe(403);
    const decide = (chargeId: string, decision: string) =>
      suite.h.platform.request('POST', `${charges}/${chargeId}/decision`, {
        key: suite.h.platform.keys.desk,
        json: { decision },
      });
    expect((await decide('CHG-nope', 'accept')).status).toBe(404);
    const accepted = await decide(items[0]!.id, 'accept');
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ state: 'completed', items: [{ state: 'acceptedByBuyer' }] });
    await waitForOrder(suite.h, placed.id, (o) => o.state === 'completed', 'completed once the charge was accepted');
    expect((await decide(items[0]!.id, 'accept')).status).toBe(409);
  });

  it('a declined charge: the seller cancels the order; a carrier without Sonata raises no charges', async () => {
    const held = {
      outcomeWeights: { completed: 0, held: 1, pending: 0, failed: 0, rejected: 0 },
      resumeAfterHoldMs: null,
    };
    const { partner } = await sonataCarrier(held);
    const placed = await placeOrder(
      suite.h.platform,
      orderInput({ partnerId: partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(suite.h, placed.id, (o) => o.state === 'pending', 'held for the charge');
    // On the dashboard: the order page shows the charge, and the desk declines it there.
    const cookie = await suite.h.platform.sessionCookie(suite.h.platform.keys.desk);
    const page = await (await suite.h.platform.app.request(`/orders/${placed.id}`, { headers: { cookie } })).text();
    expect(page).toContain('Charges from the carrier');
    expect(page).toContain('construction (nonRecurring, blocking): 2,500.00 GBP, awaitingResponse');
    const form = /action="(\/orders\/[^"]+\/charges\/[^"]+\/decline)"/.exec(page)?.[1];
    expect(form).toBeDefined();
    const declined = await suite.h.platform.app.request(form!, {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(declined.status).toBe(303);
    await waitForOrder(suite.h, placed.id, (o) => o.state === 'cancelled', 'cancelled by the seller');
    const [charge] = (
      (await (await suite.h.platform.request('GET', `/api/v1/orders/${placed.id}/charges`)).json()) as {
        items: { items: { state: string }[] }[];
      }
    ).items;
    expect(charge?.items[0]?.state).toBe('declinedByBuyer');

    const pulling = await suite.h.platform.createPartner({ adapter: { orderingApi: 'none' } });
    const other = await placeOrder(
      suite.h.platform,
      orderInput({ partnerId: pulling.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    expect((await suite.h.platform.request('GET', `/api/v1/orders/${other.id}/charges`)).status).toBe(409);
  });

  it('refuses an order for a product with no Sonata configuration, sending nothing', async () => {
    const { sim, partner } = await sonataCarrier();
    const placed = await placeOrder(
      suite.h.platform,
      orderInput({ partnerId: partner.id, productCode: 'ETH-1000', bandwidthMbps: 1000 }),
    );
    const failed = await waitForOrder(
      suite.h,
      placed.id,
      (o) => o.state === 'rejected' || o.state === 'failed',
      'refused',
    );
    expect((failed as unknown as { failureReason: string }).failureReason).toContain(
      'no productConfiguration for ETH-1000',
    );
    expect(sim.orders()).toEqual([]);
  });
});
