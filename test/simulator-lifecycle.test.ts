import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTmf622Client } from '../partners/adapters/tmf622/client.js';
import { sampleTailOrder } from '../partners/adapters/test-fixtures.js';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { startHubReceiver, type HubReceiver } from './support/hub-receiver.js';
import { loadTmfSpec, tmf622v4SpecFile, tmf622v5SpecFile } from './support/tmf-spec.js';
import { waitFor } from './support/wait.js';
import { testOutbound } from './support/outbound.js';

const versions = [
  { api: 'v4', spec: loadTmfSpec(tmf622v4SpecFile) },
  { api: 'v5', spec: loadTmfSpec(tmf622v5SpecFile) },
] as const;

let sim: RunningSimulator;
let hub: HubReceiver;
let seq = 0;
const newOrder = () => sampleTailOrder({ externalId: `ord_life_${++seq}` });

beforeAll(async () => {
  hub = await startHubReceiver();
  sim = await startSimulator({ profile: fastProfile, listenerAuth: 'Bearer listener-secret' });
});
afterAll(async () => {
  await sim.close();
  await hub.close();
});
beforeEach(() => sim.setProfile(fastProfile));

describe.each(versions)('TMF622 $api adapter against the partner simulator', ({ api, spec }) => {
  const adapter = () =>
    createTmf622Client({
      fetch: testOutbound.fetch,
      version: api,
      baseUrl: sim.apiRoot,
      mapping: { productCodeMap: { 'ETH-100': 'SIM-ETH-100' } },
      timeoutMs: 2_000,
    });
  const listenerBase = () => `${hub.url}/tmf-api/productOrderingManagement/${api}`;

  beforeAll(async () => {
    const { hubId } = await adapter().registerHub(listenerBase());
    expect(sim.hubs()).toContainEqual(expect.objectContaining({ id: hubId, api, callback: listenerBase() }));
  });

  it('takes an order to completed and notifies every step, in spec-valid events', async () => {
    const order = newOrder();
    const submitted = await adapter().submit(order);
    expect(submitted).toMatchObject({ externalId: order.externalId, state: 'acknowledged' });

    const id = submitted.partnerOrderId;
    const isCompleted = () => hub.forOrder(id).some((n) => n.body.event.productOrder.state === 'completed');
    await waitFor(isCompleted, { what: 'completed notification' });

    const events = hub.forOrder(id);
    expect(events.map((n) => `${n.body.eventType}:${n.body.event.productOrder.state}`)).toEqual([
      'ProductOrderStateChangeEvent:acknowledged',
      'ProductOrderAttributeValueChangeEvent:acknowledged',
      'ProductOrderStateChangeEvent:inProgress',
      ...(api === 'v5' ? ['ProductOrderMilestoneEvent:inProgress'] : []),
      'ProductOrderStateChangeEvent:completed',
    ]);
    for (const n of events) {
      expect(n.path).toBe(
        `/tmf-api/productOrderingManagement/${api}/listener/${n.body.eventType.charAt(0).toLowerCase()}${n.body.eventType.slice(1)}`,
      );
      expect(n.headers.authorization).toBe('Bearer listener-secret');
      expect(() => spec.assertValid(n.body.eventType, n.body)).not.toThrow();
    }
    const committed = events[1]!.body.event.productOrder.expectedCompletionDate;
    expect(committed).toEqual(expect.any(String));

    const snapshot = await adapter().get(id);
    expect(snapshot).toMatchObject({
      partnerOrderId: id,
      externalId: order.externalId,
      state: 'completed',
      committedDate: committed,
    });
    expect(Date.parse(snapshot.completionDate!)).toBeLessThanOrEqual(Date.parse(committed));
    expect(await adapter().findByExternalId(order.externalId)).toEqual(snapshot);
    expect(sim.orders().find((o) => o.id === id)?.stateHistory).toEqual(['acknowledged', 'inProgress', 'completed']);
  });

  it('answers GET with a ProductOrder that validates against the spec, carrying what we sent', async () => {
    const { partnerOrderId } = await adapter().submit(newOrder());
    const response = await fetch(`${sim.apiRoot}/productOrderingManagement/${api}/productOrder/${partnerOrderId}`);
    const body = (await response.json()) as { productOrderItem: Array<{ productOffering: { id: string } }> };
    expect(() => spec.assertValid('ProductOrder', body)).not.toThrow();
    expect(body.productOrderItem[0]!.productOffering.id).toBe('SIM-ETH-100');
  });

  it('does not know an externalId it never received', async () => {
    expect(await adapter().findByExternalId('ord_never_sent')).toBeUndefined();
  });

  it('reports a late delivery: completion after the committed date, with a jeopardy warning first', async () => {
    sim.setProfile({ ...fastProfile, lateDeliveryProbability: 1 });
    const { partnerOrderId: id } = await adapter().submit(newOrder());
    await waitFor(() => hub.forOrder(id).some((n) => n.body.event.productOrder.state === 'completed'), {
      what: 'completion',
    });
    const snapshot = await adapter().get(id);
    expect(Date.parse(snapshot.completionDate!)).toBeGreaterThan(Date.parse(snapshot.committedDate!));
    const warning = hub
      .forOrder(id)
      .find(
        (n) =>
          n.body.eventType ===
            (api === 'v5' ? 'ProductOrderJeopardyAlertEvent' : 'ProductOrderAttributeValueChangeEvent') &&
          n.body.event.productOrder.state === 'inProgress',
      );
    expect(warning).toBeDefined();
    expect(() => spec.assertValid(warning!.body.eventType, warning!.body)).not.toThrow();
  });

  it.each([
    { outcome: 'failed', final: 'failed', message: /Wayleave refused/ },
    { outcome: 'rejected', final: 'rejected', message: /Address not serviceable/ },
  ] as const)(
    'ends in $final with the carrier explanation when the outcome is $outcome',
    async ({ outcome, final, message }) => {
      sim.setProfile({ ...fastProfile, outcomeWeights: { ...fastProfile.outcomeWeights, completed: 0, [outcome]: 1 } });
      const { partnerOrderId: id } = await adapter().submit(newOrder());
      const snapshot = await waitFor(
        async () => {
          const s = await adapter().get(id);
          return s.state === final ? s : undefined;
        },
        { what: final },
      );
      expect(snapshot.message).toMatch(message);
    },
  );

  it('holds an order awaiting information, then resumes and completes', async () => {
    sim.setProfile({ ...fastProfile, outcomeWeights: { ...fastProfile.outcomeWeights, completed: 0, pending: 1 } });
    const { partnerOrderId: id } = await adapter().submit(newOrder());
    await waitFor(() => sim.orders().find((o) => o.id === id)?.state === 'completed', {
      what: 'completion after pending',
    });
    expect(sim.orders().find((o) => o.id === id)?.stateHistory).toEqual([
      'acknowledged',
      'inProgress',
      'pending',
      'inProgress',
      'completed',
    ]);
    await waitFor(() => hub.forOrder(id).some((n) => n.body.event.productOrder.state === 'completed'), {
      what: 'completed notification',
    });
    const infoRequired = hub.forOrder(id).find((n) => n.body.eventType === 'ProductOrderInformationRequiredEvent');
    expect(infoRequired).toBeDefined();
    expect(() => spec.assertValid('ProductOrderInformationRequiredEvent', infoRequired!.body)).not.toThrow();
  });
});
