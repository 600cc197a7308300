import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTmf622Client } from '../partners/adapters/tmf622/client.js';
import { sampleTailOrder } from '../partners/adapters/test-fixtures.js';
import {
  jeopardyAlertListenerUrl,
  toProductOrderJeopardyAlertEventV5,
  type OlaAlert,
} from '../partners/adapters/tmf622/jeopardy-alert.js';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { startHubReceiver, type HubReceiver } from './support/hub-receiver.js';
import { loadTmfSpec, tmf622v5SpecFile } from './support/tmf-spec.js';
import { waitFor } from './support/wait.js';
import { testOutbound } from './support/outbound.js';

const spec = loadTmfSpec(tmf622v5SpecFile);
let sim: RunningSimulator;
let hub: HubReceiver;
let seq = 0;
const adapter = (version: 'v4' | 'v5' = 'v5') =>
  createTmf622Client({
    fetch: testOutbound.fetch,
    version,
    baseUrl: sim.apiRoot,
    mapping: { productCodeMap: {} },
    timeoutMs: 2_000,
  });
const newOrder = () => sampleTailOrder({ externalId: `ord_alert_${++seq}` });
const alertFor = (partnerOrderId: string, overrides: Partial<OlaAlert> = {}): OlaAlert => ({
  eventId: `ntf_${++seq}`,
  kind: 'jeopardy',
  partnerOrderId,
  ourOrderId: 'ord_1',
  olaId: 'delivery-5d',
  metric: 'deliveryLeadTime',
  threshold: 50,
  at: new Date().toISOString(),
  dueAt: new Date(Date.now() + 60_000).toISOString(),
  detectedAt: new Date().toISOString(),
  ...overrides,
});
/** Orders stay inProgress while a test looks at them. */
const slow = { ...fastProfile, completeDelayMs: 60_000 };
const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  hub = await startHubReceiver();
  sim = await startSimulator({ profile: slow });
  await adapter().registerHub(`${hub.url}/v5`);
});
afterAll(async () => {
  await sim.close();
  await hub.close();
});
beforeEach(() => sim.setProfile(slow));

describe("the simulated carrier's TMF622 v5 listener for the buyer's jeopardy alerts", () => {
  it('takes a ProductOrderJeopardyAlertEvent about one of its orders once per eventId, and shows it', async () => {
    const { partnerOrderId } = await adapter().submit(newOrder());
    const event = toProductOrderJeopardyAlertEventV5(alertFor(partnerOrderId), { baseUrl: sim.apiRoot });
    expect((await post(jeopardyAlertListenerUrl(sim.apiRoot), event)).status).toBe(204);
    expect((await post(jeopardyAlertListenerUrl(sim.apiRoot), event)).status).toBe(204);
    const received = sim.receivedAlerts().filter((a) => a.productOrderId === partnerOrderId);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      eventId: event.eventId,
      api: 'v5',
      alerts: [{ jeopardyType: 'OLA at risk', id: 'delivery-5d:50' }],
    });
    const shown = (await (await fetch(`${sim.url}/sim/alerts`)).json()) as { eventId: string }[];
    expect(shown.map((a) => a.eventId)).toContain(event.eventId);
  });

  it('answers 404 for an order it does not hold (or holds in v4 only), 400 for a body without an alert', async () => {
    const { partnerOrderId: v4Order } = await adapter('v4').submit(newOrder());
    expect(
      (await post(jeopardyAlertListenerUrl(sim.apiRoot), toProductOrderJeopardyAlertEventV5(alertFor('PO-nope'))))
        .status,
    ).toBe(404);
    expect(
      (await post(jeopardyAlertListenerUrl(sim.apiRoot), toProductOrderJeopardyAlertEventV5(alertFor(v4Order)))).status,
    ).toBe(404);
    const { partnerOrderId } = await adapter().submit(newOrder());
    const empty = toProductOrderJeopardyAlertEventV5(alertFor(partnerOrderId));
    const bad = await post(jeopardyAlertListenerUrl(sim.apiRoot), {
      ...empty,
      event: { productOrder: { ...empty.event.productOrder, productOrderJeopardyAlert: [] } },
    });
    expect(bad.status).toBe(400);
    expect(
      (await post(`${sim.apiRoot}/productOrderingManagement/v4/listener/productOrderJeopardyAlertEvent`, empty)).status,
    ).toBe(404);
  });

  it('answers 503 under an outage like its other resources, so the buyer retries', async () => {
    const { partnerOrderId } = await adapter().submit(newOrder());
    sim.setProfile({ ...slow, errorRate: 1 });
    expect(
      (await post(jeopardyAlertListenerUrl(sim.apiRoot), toProductOrderJeopardyAlertEventV5(alertFor(partnerOrderId))))
        .status,
    ).toBe(503);
  });
});

describe('a simulated v5 carrier missing a milestone', () => {
  it('sends a spec-valid ProductOrderMilestoneEvent whose milestone is Violated, and carries on', async () => {
    sim.setProfile({ ...slow, missedMilestoneProbability: 1 });
    const { partnerOrderId: id } = await adapter().submit(newOrder());
    const events = () =>
      hub.received.filter(
        (n) => n.body?.event?.productOrder?.id === id && n.body.eventType === 'ProductOrderMilestoneEvent',
      );
    await waitFor(() => events().length >= 2, { what: 'the missed and the started milestone' });
    const [missed] = events();
    expect(() => spec.assertValid('ProductOrderMilestoneEvent', missed!.body)).not.toThrow();
    expect(missed!.body.event.productOrder.productOrderMilestone).toEqual([
      expect.objectContaining({
        '@type': 'ProductOrderMilestone',
        name: 'siteSurvey',
        status: 'Violated',
        milestoneDate: expect.any(String),
      }),
    ]);
    expect(sim.orders().find((o) => o.id === id)?.state).toBe('inProgress');
  });

  it('misses none by default', async () => {
    const { partnerOrderId: id } = await adapter().submit(newOrder());
    const started = await waitFor(
      () =>
        hub.received.find(
          (n) => n.body?.event?.productOrder?.id === id && n.body.eventType === 'ProductOrderMilestoneEvent',
        ),
      { what: 'the work-started milestone' },
    );
    expect(
      started.body.event.productOrder.productOrderMilestone.map(
        (m: { name: string; status: string }) => `${m.name}:${m.status}`,
      ),
    ).toEqual(['workStarted:Completed']);
  });
});
