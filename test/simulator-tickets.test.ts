import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PartnerRejectedError, PartnerUnavailableError } from '../partners/adapters/index.js';
import { createTmf621Client } from '../partners/adapters/tmf621/client.js';
import { sampleTicket } from '../partners/adapters/test-fixtures.js';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { startHubReceiver, type HubReceiver, type ReceivedNotification } from './support/hub-receiver.js';
import { loadTmfSpec, tmf621v4SpecFile, tmf621v5SpecFile } from './support/tmf-spec.js';
import { waitFor } from './support/wait.js';
import { testOutbound } from './support/outbound.js';

let sim: RunningSimulator;
let hub: HubReceiver;
let seq = 0;
const newTicket = () => sampleTicket({ externalId: `tkt_sim_${++seq}` });

beforeAll(async () => {
  hub = await startHubReceiver();
  sim = await startSimulator({ profile: fastProfile, listenerAuth: 'Bearer listener-secret' });
});
afterAll(async () => {
  await sim.close();
  await hub.close();
});
beforeEach(() => sim.setProfile(fastProfile));

describe.each([
  { api: 'v4', spec: loadTmfSpec(tmf621v4SpecFile) },
  { api: 'v5', spec: loadTmfSpec(tmf621v5SpecFile) },
] as const)('TMF621 $api tickets at the partner simulator', ({ api, spec }) => {
  const adapter = () =>
    createTmf621Client({ fetch: testOutbound.fetch, version: api, baseUrl: sim.apiRoot, timeoutMs: 2_000 });
  const listenerBase = () => `${hub.url}/tmf-api/troubleTicket/${api}`;
  const forTicket = (id: string): ReceivedNotification[] =>
    hub.received.filter((n) => n.body?.event?.troubleTicket?.id === id);
  const steps = (id: string) =>
    forTicket(id).map((n) => `${n.body.eventType.replace('TroubleTicket', '')}:${n.body.event.troubleTicket.status}`);
  const simTicket = (id: string) => sim.tickets().find((t) => t.id === id);
  const resolvedNotified = (id: string) => () =>
    forTicket(id).some((n) => n.body.eventType === 'TroubleTicketResolvedEvent');
  const expectSpecValid = (notifications: ReceivedNotification[]) => {
    for (const n of notifications) expect(() => spec.assertValid(n.body.eventType, n.body)).not.toThrow();
  };

  beforeAll(async () => {
    const { hubId } = await adapter().registerHub(listenerBase());
    expect(sim.hubs()).toContainEqual(
      expect.objectContaining({ id: hubId, apiName: 'troubleTicket', api, callback: listenerBase() }),
    );
  });

  it('repairs a fault to resolved and notifies every step, in spec-valid events', async () => {
    const ticket = newTicket();
    const created = await adapter().create(ticket);
    expect(created).toMatchObject({ externalId: ticket.externalId, status: 'acknowledged' });
    const id = created.partnerTicketId;
    await waitFor(resolvedNotified(id), { what: 'resolved notification' });

    expect(steps(id)).toEqual([
      'StatusChangeEvent:acknowledged',
      'AttributeValueChangeEvent:acknowledged',
      'StatusChangeEvent:inProgress',
      'StatusChangeEvent:resolved',
      'ResolvedEvent:resolved',
    ]);
    for (const n of forTicket(id)) {
      expect(n.path).toBe(
        `/tmf-api/troubleTicket/${api}/listener/${n.body.eventType.charAt(0).toLowerCase()}${n.body.eventType.slice(1)}`,
      );
      expect(n.headers.authorization).toBe('Bearer listener-secret');
    }
    expectSpecValid(forTicket(id));
    const expected = forTicket(id)[1]!.body.event.troubleTicket.expectedResolutionDate as string;

    const snapshot = await adapter().get(id);
    expect(snapshot).toMatchObject({
      partnerTicketId: id,
      externalId: ticket.externalId,
      status: 'resolved',
      expectedResolutionDate: expected,
    });
    expect(snapshot.message).toMatch(/Fault cleared/);
    expect(Date.parse(snapshot.resolutionDate!)).toBeLessThanOrEqual(Date.parse(expected));
    expect(await adapter().findByExternalId(ticket.externalId)).toEqual(snapshot);
    expect(simTicket(id)?.statusHistory).toEqual(['acknowledged', 'inProgress', 'resolved']);
  });

  it('answers GET with a TroubleTicket that validates against the spec, carrying what we sent', async () => {
    const { partnerTicketId } = await adapter().create(newTicket());
    const body = (await (
      await fetch(`${sim.apiRoot}/troubleTicket/${api}/troubleTicket/${partnerTicketId}`)
    ).json()) as { relatedEntity: unknown[] };
    expect(() => spec.assertValid('TroubleTicket', body)).not.toThrow();
    expect(JSON.stringify(body.relatedEntity)).toContain('affectedProductOrder');
  });

  it('asks the buyer for information (pending), then resumes and resolves', async () => {
    sim.setProfile({ ...fastProfile, ticketPendingProbability: 1 });
    const { partnerTicketId: id } = await adapter().create(newTicket());
    await waitFor(resolvedNotified(id), { what: 'resolved after pending' });
    expect(simTicket(id)?.statusHistory).toEqual(['acknowledged', 'inProgress', 'pending', 'inProgress', 'resolved']);
    expect(steps(id)).toContain('InformationRequiredEvent:pending');
    expectSpecValid(forTicket(id));
    const asked = forTicket(id).find((n) => n.body.eventType === 'TroubleTicketInformationRequiredEvent')!;
    expect(asked.body.event.troubleTicket.statusChangeReason).toBe('Information required from the customer');
  });

  it('waits in pending for the buyer when the carrier does not resume by itself', async () => {
    sim.setProfile({ ...fastProfile, ticketPendingProbability: 1, ticketResumeAfterPendingMs: null });
    const { partnerTicketId: id } = await adapter().create(newTicket());
    await waitFor(async () => (await adapter().get(id)).status === 'pending', { what: 'pending' });
    const answered = await adapter().updateStatus(id, 'inProgress', 'Access 08:00-18:00, ask for Ann at reception');
    expect(answered).toMatchObject({ status: 'inProgress', message: 'Access 08:00-18:00, ask for Ann at reception' });
    await waitFor(resolvedNotified(id), { what: 'resolved after the answer' });
  });

  it('lets the buyer close a resolved ticket, once', async () => {
    const { partnerTicketId: id } = await adapter().create(newTicket());
    await waitFor(resolvedNotified(id), { what: 'resolution' });
    const closed = await adapter().updateStatus(id, 'closed', 'Service confirmed by the customer');
    expect(closed).toMatchObject({ status: 'closed', message: 'Service confirmed by the customer' });
    // A retried PATCH (say, after a timeout) changes nothing and sends nothing more.
    expect(await adapter().updateStatus(id, 'closed', 'Service confirmed by the customer')).toMatchObject({
      status: 'closed',
    });
    await waitFor(() => steps(id).includes('StatusChangeEvent:closed'), { what: 'closed notification' });
    expect(steps(id).filter((s) => s === 'StatusChangeEvent:closed')).toHaveLength(1);
    expectSpecValid(forTicket(id));
    await expect(adapter().updateStatus(id, 'inProgress', 'too late')).rejects.toMatchObject({
      name: 'PartnerRejectedError',
      status: 409,
    });
  });

  it('reopens a resolved ticket when the fault comes back, and resolves it again', async () => {
    const { partnerTicketId: id } = await adapter().create(newTicket());
    await waitFor(resolvedNotified(id), { what: 'first resolution' });
    const reopened = await adapter().updateStatus(id, 'inProgress', 'Fault has returned');
    expect(reopened).toMatchObject({ status: 'inProgress', resolutionDate: undefined });
    await waitFor(() => forTicket(id).filter((n) => n.body.eventType === 'TroubleTicketResolvedEvent').length === 2, {
      what: 'second resolution',
    });
    expect(simTicket(id)?.statusHistory).toEqual(['acknowledged', 'inProgress', 'resolved', 'inProgress', 'resolved']);
  });

  it('admits a slow repair: the expected resolution date moves back and the fix lands after the first commitment', async () => {
    sim.setProfile({ ...fastProfile, slowRepairProbability: 1, slowRepairExtraMs: 100 });
    const { partnerTicketId: id } = await adapter().create(newTicket());
    await waitFor(resolvedNotified(id), { what: 'late resolution' });
    const commitments = forTicket(id).filter((n) => n.body.eventType === 'TroubleTicketAttributeValueChangeEvent');
    expect(commitments).toHaveLength(2);
    const first = Date.parse(commitments[0]!.body.event.troubleTicket.expectedResolutionDate);
    const snapshot = await adapter().get(id);
    expect(Date.parse(snapshot.expectedResolutionDate!)).toBeGreaterThan(first);
    expect(Date.parse(snapshot.resolutionDate!)).toBeGreaterThan(first);
    expectSpecValid(commitments);
  });

  it('cancels an open ticket at the buyer request, and will not close it afterwards', async () => {
    sim.setProfile({ ...fastProfile, ticketAckDelayMs: 5_000 });
    const { partnerTicketId: id } = await adapter().create(newTicket());
    const cancelled = await adapter().updateStatus(id, 'cancelled', 'Raised against the wrong circuit');
    expect(cancelled).toMatchObject({ status: 'cancelled', message: 'Raised against the wrong circuit' });
    await waitFor(() => steps(id).includes('StatusChangeEvent:cancelled'), { what: 'cancelled notification' });
    expectSpecValid(forTicket(id));
    const failure = await adapter()
      .updateStatus(id, 'closed', 'x')
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(PartnerRejectedError);
    expect(failure).toMatchObject({ status: 409 });
    expect(simTicket(id)?.statusHistory).toEqual(['acknowledged', 'cancelled']);
  });

  it('refuses a status only the carrier may set (422)', async () => {
    const { partnerTicketId: id } = await adapter().create(newTicket());
    const response = await fetch(`${sim.apiRoot}/troubleTicket/${api}/troubleTicket/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ status: 'resolved' }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: 'STATUS_NOT_SETTABLE', status: '422' });
  });

  it('a 503 after the ticket was created does not lead to a second ticket: the retry finds it by externalId', async () => {
    sim.setProfile({ ...fastProfile, failFirstTicketCreates: 1 });
    const ticket = newTicket();
    const first = await adapter()
      .create(ticket)
      .catch((err: unknown) => err);
    expect(first).toBeInstanceOf(PartnerUnavailableError);
    expect(first).toMatchObject({ status: 503 });
    const retried = await adapter().create(ticket);
    const held = sim.tickets().filter((t) => t.externalIds.includes(ticket.externalId));
    expect(held).toHaveLength(1);
    expect(retried).toMatchObject({ partnerTicketId: held[0]!.id, externalId: ticket.externalId });
  });
});
