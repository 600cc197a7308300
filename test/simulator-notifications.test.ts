import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PartnerRejectedError } from '../partners/adapters/index.js';
import { createTmf622Client } from '../partners/adapters/tmf622/client.js';
import { sampleTailOrder } from '../partners/adapters/test-fixtures.js';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { startHubReceiver, type HubReceiver } from './support/hub-receiver.js';
import { loadTmfSpec, tmf622v4SpecFile, tmf622v5SpecFile } from './support/tmf-spec.js';
import { waitFor } from './support/wait.js';
import { testOutbound } from './support/outbound.js';

let sim: RunningSimulator;
let hub: HubReceiver;
let seq = 0;
const newOrder = () => sampleTailOrder({ externalId: `ord_notify_${++seq}` });
const stateOf = (n: { body: { event: { productOrder: { state?: string } } } }) => n.body.event.productOrder.state;

beforeAll(async () => {
  hub = await startHubReceiver();
  sim = await startSimulator({ profile: fastProfile });
});
afterAll(async () => {
  await sim.close();
  await hub.close();
});
beforeEach(() => sim.setProfile(fastProfile));

describe.each([
  { api: 'v4', spec: loadTmfSpec(tmf622v4SpecFile) },
  { api: 'v5', spec: loadTmfSpec(tmf622v5SpecFile) },
] as const)('simulator notifications and cancellation over TMF622 $api', ({ api, spec }) => {
  const adapter = () =>
    createTmf622Client({
      fetch: testOutbound.fetch,
      version: api,
      baseUrl: sim.apiRoot,
      mapping: { productCodeMap: {} },
      timeoutMs: 2_000,
    });
  const stateChanges = (id: string) =>
    hub.forOrder(id).filter((n) => n.body.eventType === 'ProductOrderStateChangeEvent');
  const completedNotified = (id: string) => () => stateChanges(id).some((n) => stateOf(n) === 'completed');

  beforeAll(async () => {
    await adapter().registerHub(`${hub.url}/${api}`);
  });

  it('sends every event twice with the same eventId when told to duplicate', async () => {
    sim.setProfile({ ...fastProfile, duplicateNotifications: 1 });
    const { partnerOrderId: id } = await adapter().submit(newOrder());
    await waitFor(() => stateChanges(id).filter((n) => stateOf(n) === 'completed').length === 2, {
      what: 'both copies of completed',
    });
    const ids = hub.forOrder(id).map((n) => n.body.eventId as string);
    expect(ids.length).toBeGreaterThan(2);
    for (const eventId of new Set(ids)) expect(ids.filter((e) => e === eventId)).toHaveLength(2);
  });

  it('delivers events out of order when told to, but delivers them all', async () => {
    sim.setProfile({ ...fastProfile, outOfOrderNotifications: 1 });
    const { partnerOrderId: id } = await adapter().submit(newOrder());
    await waitFor(() => stateChanges(id).length === 3, { what: 'three state changes' });
    const received = hub.forOrder(id).map((n) => `${n.body.eventType.replace('ProductOrder', '')}:${stateOf(n)}`);
    // Every non-final event is held behind the order's next one; a final state is never held, so nothing is lost.
    expect(received).toEqual(
      api === 'v4'
        ? [
            'AttributeValueChangeEvent:acknowledged',
            'StateChangeEvent:acknowledged',
            'StateChangeEvent:completed',
            'StateChangeEvent:inProgress',
          ]
        : [
            'AttributeValueChangeEvent:acknowledged',
            'StateChangeEvent:acknowledged',
            'MilestoneEvent:inProgress',
            'StateChangeEvent:inProgress',
            'StateChangeEvent:completed',
          ],
    );
    const eventTimes = hub.forOrder(id).map((n) => Date.parse(n.body.eventTime));
    expect(eventTimes[0]).toBeGreaterThan(eventTimes[1]!);
  });

  it('retries a notification the listener failed to take', async () => {
    const { partnerOrderId: id } = await adapter().submit(newOrder());
    hub.failNextRequests(2);
    await waitFor(completedNotified(id), { what: 'completed despite failures' });
    const attempts = sim.deliveries().filter((d) => d.resourceId === id && d.status === 500);
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    const firstEventIds = stateChanges(id).map((n) => n.body.eventId);
    expect(new Set(firstEventIds).size).toBe(firstEventIds.length);
  });

  it('cancels an order: assessingCancellation, pendingCancellation, cancelled', async () => {
    sim.setProfile({ ...fastProfile, ackDelayMs: 5_000 });
    const { partnerOrderId: id } = await adapter().submit(newOrder());
    await adapter().cancel(id, 'Customer withdrew the order');
    await adapter().cancel(id, 'Customer withdrew the order'); // a retried request must not restart the cancellation
    const snapshot = await waitFor(
      async () => {
        const s = await adapter().get(id);
        return s.state === 'cancelled' ? s : undefined;
      },
      { what: 'cancelled' },
    );
    expect(snapshot.partnerOrderId).toBe(id);
    await waitFor(() => stateChanges(id).some((n) => stateOf(n) === 'cancelled'), { what: 'cancelled notification' });
    expect(stateChanges(id).map(stateOf)).toEqual(['assessingCancellation', 'pendingCancellation', 'cancelled']);
    for (const n of stateChanges(id))
      expect(() => spec.assertValid('ProductOrderStateChangeEvent', n.body)).not.toThrow();
    expect(sim.orders().find((o) => o.id === id)).toMatchObject({
      state: 'cancelled',
      cancellationReason: 'Customer withdrew the order',
    });
  });

  it('refuses to cancel a completed order (409, a rejection)', async () => {
    const { partnerOrderId: id } = await adapter().submit(newOrder());
    await waitFor(() => sim.orders().find((o) => o.id === id)?.state === 'completed', { what: 'completion' });
    const failure = await adapter()
      .cancel(id, 'too late')
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(PartnerRejectedError);
    expect(failure).toMatchObject({ status: 409 });
  });

  it('stops notifying a hub once it is unregistered', async () => {
    const extra = await adapter().registerHub(`${hub.url}/extra-${api}`);
    const response = await fetch(`${sim.apiRoot}/productOrderingManagement/${api}/hub/${extra.hubId}`, {
      method: 'DELETE',
    });
    expect(response.status).toBe(204);
    const { partnerOrderId: id } = await adapter().submit(newOrder());
    await waitFor(completedNotified(id), { what: 'completion on the main hub' });
    expect(hub.forOrder(id).some((n) => n.path.startsWith(`/extra-${api}/`))).toBe(false);
  });
});
