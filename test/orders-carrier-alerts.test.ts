import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsForFact } from '../db/repositories/notifications.js';
import { factsForEntity } from '../db/repositories/sla-facts.js';
import { startCarrier, waitForOrder } from './support/carrier.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder } from './support/orders.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { loadTmfSpec, tmf622v5SpecFile } from './support/tmf-spec.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { waitFor } from './support/wait.js';

type Carrier = Awaited<ReturnType<typeof startCarrier>>;
const spec = loadTmfSpec(tmf622v5SpecFile);
/** Slow enough that no order finishes while a test watches it. */
const slowCarrier = { completeDelayMs: 120_000 };

describe('jeopardy both ways with a TMF622 v5 carrier over real HTTP (real Temporal)', () => {
  let h: OrderHarness;
  let receiver: WebhookReceiver;
  const carriers: Carrier[] = [];
  beforeAll(async () => {
    h = await startOrderHarness();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await Promise.all(carriers.map((c) => c.sim.close()));
    await receiver?.close();
    await h?.stop();
  });
  const carrier = async (profile: Parameters<typeof startCarrier>[2]) => {
    const c = await startCarrier(h, 'tmf622-v5', profile);
    carriers.push(c);
    return c;
  };
  const order = (c: Carrier) =>
    placeOrder(h.platform, orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }));

  it('flags a milestone the carrier missed as carrier jeopardy and sends it to subscribers', async () => {
    const c = await carrier({ ...slowCarrier, missedMilestoneProbability: 1 });
    const sub = await h.platform.request('POST', '/api/v1/webhooks', {
      key: h.platform.keys.desk,
      json: { name: 'desk alerts', url: `${receiver.url}/desk`, kinds: ['carrierJeopardy'], partnerId: c.partner.id },
    });
    expect(sub.status).toBe(201);
    const placed = await order(c);
    await waitForOrder(h, placed.id, (o) => o.state === 'inProgress', 'inProgress, past the missed milestone');

    const facts = await factsForEntity(h.platform.db, 'order', placed.id);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      kind: 'carrierJeopardy',
      metric: 'carrierMilestoneMissed',
      olaId: 'carrier:milestone:1',
    });
    expect(facts[0]!.detail).toMatch(/Milestone siteSurvey missed \(Violated, due .+\): Site survey missed/);
    // The work-started milestone event repeats the missed one in the order's list: still one fact.
    const milestoneEvents = (
      await waitForOrder(
        h,
        placed.id,
        (o) => o.timeline.filter((e) => e.type === 'productOrderMilestoneEvent').length === 2,
        'both milestone events',
      )
    ).timeline.filter((e) => e.type === 'productOrderMilestoneEvent');
    expect(milestoneEvents).toHaveLength(2);
    expect(await factsForEntity(h.platform.db, 'order', placed.id)).toHaveLength(1);

    const delivery = await waitFor(
      () => receiver.received.find((r) => r.path === '/desk' && r.rawBody.includes(placed.id)),
      { what: 'the webhook', timeoutMs: 10_000 },
    );
    expect(JSON.parse(delivery.rawBody)).toMatchObject({
      kind: 'carrierJeopardy',
      fact: { entityId: placed.id, metric: 'carrierMilestoneMissed' },
    });
    // The carrier raised it: nothing goes back to the carrier.
    expect((await notificationsForFact(h.platform.db, facts[0]!.id)).map((n) => n.channel)).toEqual(['webhook']);
    expect(c.sim.receivedAlerts()).toEqual([]);
  });

  it('tells the carrier, at its own listener, when our OLA on its order reaches jeopardy', async () => {
    const c = await carrier(slowCarrier);
    await givePolicy(
      h.platform.db,
      c.partner.id,
      policyDocument([
        {
          id: 'delivery-1m',
          metric: 'deliveryLeadTime',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          target: { kind: 'clockDuration', minutes: 1 },
          jeopardy: [50],
        },
      ]),
    );
    const placed = await order(c);
    const numbered = await waitForOrder(h, placed.id, (o) => o.partnerOrderId !== null, "the carrier's order id");

    // Half of one minute: the alert lands about 30 s after the order was placed.
    const received = await waitFor(
      () => c.sim.receivedAlerts().find((a) => a.productOrderId === numbered.partnerOrderId),
      {
        what: 'the jeopardy alert at the carrier',
        timeoutMs: 50_000,
        intervalMs: 100,
      },
    );
    expect(() => spec.assertValid('ProductOrderJeopardyAlertEvent', received.body)).not.toThrow();
    expect(received.alerts).toEqual([
      expect.objectContaining({
        id: 'delivery-1m:50',
        name: 'delivery-1m',
        jeopardyType: 'OLA at risk',
        exception: 'deliveryLeadTime at 50% of its target',
      }),
    ]);
    expect(received.alerts[0]!.message).toMatch(
      /OLA delivery-1m \(deliveryLeadTime\) on order .+ reached 50% of its target at .+, due .+/,
    );
    expect(received.body).toMatchObject({
      event: { productOrder: { externalId: [expect.objectContaining({ id: placed.id })] } },
    });

    const [fact] = await factsForEntity(h.platform.db, 'order', placed.id);
    expect(fact).toMatchObject({ kind: 'jeopardy', threshold: 50 });
    expect(received.eventId).toBe(
      (await notificationsForFact(h.platform.db, fact!.id)).find((n) => n.channel === 'carrier')?.id,
    );
    await waitFor(
      async () =>
        (await notificationsForFact(h.platform.db, fact!.id)).find(
          (n) => n.channel === 'carrier' && n.status === 'delivered',
        ),
      { what: 'marked delivered' },
    );
  }, 60_000);
});
