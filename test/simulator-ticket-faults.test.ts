import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PartnerUnavailableError } from '../partners/adapters/index.js';
import { createTmf621Client } from '../partners/adapters/tmf621/client.js';
import type { TicketForPartner, TicketingAdapter } from '../partners/adapters/tmf621/types.js';
import { sampleTicket } from '../partners/adapters/test-fixtures.js';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { startHubReceiver, type HubReceiver, type ReceivedNotification } from './support/hub-receiver.js';
import { waitFor } from './support/wait.js';
import { testOutbound } from './support/outbound.js';

let sim: RunningSimulator;
let hub: HubReceiver;
let seq = 0;
const newTicket = () => sampleTicket({ externalId: `tkt_fault_${++seq}` });

beforeAll(async () => {
  hub = await startHubReceiver();
  sim = await startSimulator({ profile: fastProfile });
});
afterAll(async () => {
  await sim.close();
  await hub.close();
});
beforeEach(() => sim.setProfile(fastProfile));

/** What a Temporal activity retry policy does: call again while the carrier is merely unavailable. */
async function createWithRetries(adapter: TicketingAdapter, ticket: TicketForPartner, maxAttempts: number) {
  const failures: unknown[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      return { snapshot: await adapter.create(ticket), failures };
    } catch (err) {
      if (!(err instanceof PartnerUnavailableError)) throw err;
      failures.push(err);
    }
  }
  throw new Error(`no success in ${maxAttempts} attempts`);
}

describe.each(['v4', 'v5'] as const)('TMF621 %s tickets against injected carrier faults', (api) => {
  const adapter = (timeoutMs = 2_000) =>
    createTmf621Client({ fetch: testOutbound.fetch, version: api, baseUrl: sim.apiRoot, timeoutMs });
  const ticketsFor = (externalId: string) => sim.tickets().filter((t) => t.externalIds.includes(externalId));
  const forTicket = (id: string): ReceivedNotification[] =>
    hub.received.filter((n) => n.body?.event?.troubleTicket?.id === id);
  const resolvedEvents = (id: string) => forTicket(id).filter((n) => n.body.eventType === 'TroubleTicketResolvedEvent');

  beforeAll(async () => {
    await adapter().registerHub(`${hub.url}/${api}`);
  });

  it('random 5xx plus the double-create trap still end with exactly one ticket', async () => {
    sim.setProfile({ ...fastProfile, seed: 42, errorRate: 0.5, failFirstTicketCreates: 2 });
    const ticket = newTicket();
    const { snapshot, failures } = await createWithRetries(adapter(), ticket, 30);
    expect(failures.length).toBeGreaterThan(0);
    expect(ticketsFor(ticket.externalId)).toHaveLength(1);
    expect(snapshot).toMatchObject({
      partnerTicketId: ticketsFor(ticket.externalId)[0]!.id,
      externalId: ticket.externalId,
    });
  });

  it('a carrier that answers too late is unavailable; the ticket it raised anyway is found next time', async () => {
    sim.setProfile({ ...fastProfile, timeoutRate: 1, hangMs: 1_000 });
    const ticket = newTicket();
    const late = await adapter(100)
      .create(ticket)
      .catch((err: unknown) => err);
    expect(late).toBeInstanceOf(PartnerUnavailableError);
    expect((late as Error).message).toMatch(/no answer within 100 ms/);
    sim.setProfile(fastProfile);
    const snapshot = await adapter().create(ticket);
    expect(ticketsFor(ticket.externalId)).toHaveLength(1);
    expect(snapshot.partnerTicketId).toBe(ticketsFor(ticket.externalId)[0]!.id);
  });

  it('an unknown ticket id is a PartnerRejectedError (404)', async () => {
    await expect(adapter().get('TT-does-not-exist')).rejects.toMatchObject({
      name: 'PartnerRejectedError',
      status: 404,
    });
    await expect(adapter().updateStatus('TT-does-not-exist', 'closed', 'x')).rejects.toMatchObject({
      name: 'PartnerRejectedError',
      status: 404,
    });
  });

  it('sends every ticket event twice with the same eventId when told to duplicate', async () => {
    sim.setProfile({ ...fastProfile, duplicateNotifications: 1 });
    const { partnerTicketId: id } = await adapter().create(newTicket());
    await waitFor(() => resolvedEvents(id).length === 2, { what: 'both copies of resolved' });
    const ids = forTicket(id).map((n) => n.body.eventId as string);
    expect(ids.length).toBe(10);
    for (const eventId of new Set(ids)) expect(ids.filter((e) => e === eventId)).toHaveLength(2);
  });

  it('delivers ticket events out of order when told to, but delivers them all', async () => {
    sim.setProfile({ ...fastProfile, outOfOrderNotifications: 1 });
    const { partnerTicketId: id } = await adapter().create(newTicket());
    // The resolved event is not final (the buyer may reopen), so it waits out outOfOrderMaxHoldMs.
    await waitFor(() => resolvedEvents(id).length === 1, { what: 'resolved, released after its hold' });
    expect(
      forTicket(id).map((n) => `${n.body.eventType.replace('TroubleTicket', '')}:${n.body.event.troubleTicket.status}`),
    ).toEqual([
      'AttributeValueChangeEvent:acknowledged',
      'StatusChangeEvent:acknowledged',
      'StatusChangeEvent:resolved',
      'StatusChangeEvent:inProgress',
      'ResolvedEvent:resolved',
    ]);
  });
});
