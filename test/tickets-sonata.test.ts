import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statement } from '../db/execute.js';
import { loadTmfSpec as loadSpec } from '../partners/certification/tmf-spec.js';
import { fastProfile, type BehaviourProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder } from './support/orders.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { uncertified } from './support/platform.js';
import { waitForTicket } from './support/ticket-carrier.js';
import { raiseTicket, ticketInput } from './support/tickets.js';
import { tmfSpecsDir } from './support/tmf-spec.js';
import { waitFor } from './support/wait.js';

/**
 * MEF 113 trouble tickets to a simulated carrier over MEF LSO Sonata Trouble Ticket v4: real HTTP both ways (our hub
 * at the carrier, its thin notifications read back), real Temporal.
 */
describe('trouble tickets through MEF LSO Sonata (real Temporal, thin notifications)', () => {
  const mef = path.resolve(tmfSpecsDir, '../mef');
  const spec = loadSpec('troubleTicketManagement.api.yaml', mef);
  const notifications = loadSpec('troubleTicketNotification.api.yaml', mef);
  let h: OrderHarness;
  const sims: RunningSimulator[] = [];
  beforeAll(async () => {
    h = await startOrderHarness({ timings: { unreachableAfterMs: 15_000 } });
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
    await h?.stop();
  });

  /** A carrier whose orders are pulled from our TMF622 server and whose tickets go to its Sonata API. */
  async function sonataCarrier(profile: Partial<BehaviourProfile> = {}) {
    const adapter = (baseUrl: string) => ({
      orderingApi: 'none',
      troubleTicketApi: 'sonata-v4',
      baseUrl,
      buyerContact: { name: 'Tailgate Desk', emailAddress: 'desk@tailgate.example', number: '+44 20 7946 0000' },
    });
    const partner = await h.platform.createPartner({ adapter: adapter('http://127.0.0.1:9/mefApi/sonata') });
    const sim = await startSimulator({
      profile: { ...fastProfile, ...profile },
      listenerAuth: `Bearer ${partner.key}`,
    });
    sims.push(sim);
    const res = await h.platform.request('PATCH', `/api/v1/partners/${partner.id}`, {
      json: { adapter: adapter(sim.sonataRoot), ...uncertified },
    });
    expect(res.status).toBe(200);
    return { sim, partner };
  }

  /** A tail the carrier delivered (PATCHes on our TMF622 server), naming its circuit. */
  async function deliveredTail(partner: { id: string; key: string }) {
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const patches = [
      { state: 'inProgress' },
      { state: 'completed', productOrderItem: [{ id: '1', action: 'add', product: { id: `CCT-${placed.id}` } }] },
    ];
    for (const json of patches) {
      const res = await h.platform.request('PATCH', `/tmf-api/productOrderingManagement/v4/productOrder/${placed.id}`, {
        key: partner.key,
        json,
      });
      expect(res.status).toBe(200);
    }
    return placed.id;
  }

  const raise = async (partner: { id: string; key: string }, overrides: Record<string, unknown> = {}) =>
    raiseTicket(h.platform, ticketInput(await deliveredTail(partner), overrides));
  const desk = (url: string, json: unknown) => h.platform.request('POST', url, { key: h.platform.keys.desk, json });
  const atCarrier = (sim: RunningSimulator, ourId: string) => sim.tickets().find((t) => t.externalIds.includes(ourId))!;
  const readAtCarrier = async (sim: RunningSimulator, id: string) =>
    (await (await fetch(`${sim.sonataRoot}/troubleTicket/v4/troubleTicket/${id}`)).json()) as Record<string, unknown>;

  it('raises the fault on the delivered circuit per MEF 113, follows thin notifications, and closes it at the carrier', async () => {
    const { sim, partner } = await sonataCarrier();
    const raised = await raise(partner);
    const resolved = await waitForTicket(h, raised.id, (t) => t.status === 'resolved', 'resolved');
    const ticket = atCarrier(sim, raised.id);
    spec.assertValid('TroubleTicket_Create', ticket.request);
    expect(ticket.request).toMatchObject({
      externalId: raised.id,
      severity: 'extensive',
      priority: 'critical',
      observedImpact: 'down',
      relatedEntity: [{ '@referredType': 'Product', id: `CCT-${raised.orderId}`, role: 'impactedProduct' }],
      relatedContactInformation: [
        { role: 'reporterContact', emailAddress: 'ann@customer.example', number: '+44 20 7946 0000' },
        { role: 'buyerTechnicalContact', emailAddress: 'desk@tailgate.example' },
      ],
    });
    spec.assertValid('TroubleTicket', await readAtCarrier(sim, ticket.id));
    expect(resolved).toMatchObject({ partnerTicketId: ticket.id, submission: 'submitted' });
    expect(resolved.dates.expectedResolution).not.toBeNull();
    expect(sim.hubs()).toEqual([
      expect.objectContaining({ api: 'sonata', callback: `${h.url}/mefApi/sonata/troubleTicketNotification/v4` }),
    ]);
    const heard = resolved.timeline.filter((e) => e.source === 'listener');
    expect(heard.map((e) => e.type)).toEqual(expect.arrayContaining(['troubleTicketStatusChangeEvent']));
    const payloads = await statement<{ payload: unknown }>(
      h.platform.db,
      "select payload from ticket_events where ticket_id = ? and source = 'listener'",
    ).all(raised.id);
    expect(payloads.length).toBeGreaterThan(0);
    for (const { payload } of payloads)
      notifications.assertValid('TroubleTicketEvent', typeof payload === 'string' ? JSON.parse(payload) : payload);

    expect((await desk(`/api/v1/tickets/${raised.id}/close`, { reason: 'Site confirms service' })).status).toBe(202);
    await waitForTicket(h, raised.id, (t) => t.status === 'closed', 'closed');
    expect(atCarrier(sim, raised.id).status).toBe('closed');
    expect(await h.client.workflow.getHandle(`trouble-ticket-${raised.id}`).result()).toBe('closed');
  });

  it('a seller waiting on the buyer (pending) pauses the restore clock; the desk’s answer goes as a MEF note', async () => {
    const { sim, partner } = await sonataCarrier({ ticketPendingProbability: 1, ticketResumeAfterPendingMs: null });
    await givePolicy(h.platform.db, partner.id, {
      ...policyDocument([
        {
          id: 'restore-8h',
          metric: 'faultRestoration',
          appliesTo: { entity: 'ticket' },
          stop: { state: ['resolved', 'closed'] },
          pause: { state: 'pending' },
          target: { kind: 'clockDuration', hours: 8 },
        },
      ]),
    } as Parameters<typeof givePolicy>[2]);
    const raised = await raise(partner);
    await waitForTicket(h, raised.id, (t) => t.status === 'pending', 'pending');
    const answer = await desk(`/api/v1/tickets/${raised.id}/answers`, { text: 'Site open 08:00-18:00; ask for Ann' });
    expect(answer.status).toBe(202);
    await waitForTicket(h, raised.id, (t) => t.status === 'resolved', 'resolved after the answer');
    const notes = atCarrier(sim, raised.id).request.note as Record<string, unknown>[];
    spec.assertValid('TroubleTicket_Update', { note: notes });
    expect(notes).toEqual([
      expect.objectContaining({ source: 'buyer', author: 'Tailgate', text: 'Site open 08:00-18:00; ask for Ann' }),
    ]);
    const sla = (await (
      await h.platform.request('GET', `/api/v1/tickets/${raised.id}/sla`, { key: h.platform.keys.desk })
    ).json()) as { clocks: { state: string; pauses: { reason: string }[] }[] };
    expect(sla.clocks[0]!.state).toBe('met');
    expect(sla.clocks[0]!.pauses.map((p) => p.reason)).toEqual(['pending']);
  });

  it('a resolution the buyer does not confirm in time is closed by the seller (MEF 113 confirmation timeout)', async () => {
    const { sim, partner } = await sonataCarrier({ ticketConfirmationTimeoutMs: 200 });
    const raised = await raise(partner);
    const closed = await waitForTicket(h, raised.id, (t) => t.status === 'closed', 'closed by the seller');
    expect(atCarrier(sim, raised.id).statusChangeReason).toBe('Resolution not confirmed by the buyer in time');
    expect(closed.dates.resolved).not.toBeNull();
    expect(closed.timeline.filter((e) => e.source === 'desk').map((e) => e.type)).toEqual(['ticketRaised']);
    expect(await h.client.workflow.getHandle(`trouble-ticket-${raised.id}`).result()).toBe('closed');
  });

  it('reopens a resolved fault at the carrier (MEF reopened reads as inProgress), then cancels a new one', async () => {
    const { sim, partner } = await sonataCarrier();
    const raised = await raise(partner);
    await waitForTicket(h, raised.id, (t) => t.status === 'resolved', 'resolved');
    const res = await desk(`/api/v1/tickets/${raised.id}/reopen`, { reason: 'Link dropped again at 09:10' });
    expect(res.status).toBe(202);
    const again = await waitFor(
      () => {
        const t = atCarrier(sim, raised.id);
        return t.statusChanges.filter((s) => s.status === 'resolved').length === 2 ? t : undefined;
      },
      { what: 'resolved again at the carrier' },
    );
    expect(again.statusChanges.map((s) => s.mefStatus ?? s.status)).toEqual([
      'acknowledged',
      'inProgress',
      'resolved',
      'reopened',
      'resolved',
    ]);
    expect(again.statusChanges[3]?.reason).toBe('Link dropped again at 09:10');
    const reopened = await waitForTicket(
      h,
      raised.id,
      (t) => t.status === 'resolved' && t.dates.resolved === again.resolutionDate,
      'resolved again here',
    );
    // MEF's reopened read as inProgress: the fault was open again between the two resolutions.
    expect(reopened.timeline.map((e) => e.toState).filter((s) => s === 'inProgress').length).toBeGreaterThanOrEqual(2);

    const { sim: slow, partner: slowPartner } = await sonataCarrier({ ticketResolveDelayMs: 60_000 });
    const open = await raise(slowPartner);
    await waitForTicket(h, open.id, (t) => t.status === 'inProgress', 'in progress');
    expect((await desk(`/api/v1/tickets/${open.id}/cancel`, { reason: 'Fault was on the customer LAN' })).status).toBe(
      202,
    );
    await waitForTicket(h, open.id, (t) => t.status === 'cancelled', 'cancelled');
    expect(atCarrier(slow, open.id).status).toBe('cancelled');
  });
});
