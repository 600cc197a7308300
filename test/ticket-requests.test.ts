import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measuredHistory } from './support/measured-history.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { startTicketCarrier, waitForTicket, type TicketCarrier } from './support/ticket-carrier.js';
import { deliveredOrder, raiseTicket, ticketInput } from './support/tickets.js';
import { waitFor } from './support/wait.js';

type Request = { id: string; kind: string; status: string };

/**
 * The desk's notes, answers and reopenings on trouble tickets, against simulated carriers over real HTTP (TMF621 v4
 * and v5) and a real Temporal: a reopened fault's restoration clock goes on from where it stopped.
 */
describe('ticket notes, answers and reopening (TMF621, real Temporal)', () => {
  let h: OrderHarness;
  const carriers: TicketCarrier[] = [];
  beforeAll(async () => {
    h = await startOrderHarness({ timings: { unreachableAfterMs: 15_000 } });
  });
  afterAll(async () => {
    await Promise.all(carriers.map((c) => c.sim.close()));
    await h?.stop();
  });
  const carrier = async (api: 'tmf621-v4' | 'tmf621-v5', profile: Parameters<typeof startTicketCarrier>[2] = {}) => {
    const c = await startTicketCarrier(h, api, profile);
    carriers.push(c);
    return c;
  };
  const desk = (method: string, url: string, json?: unknown) =>
    h.platform.request(method, url, { key: h.platform.keys.desk, ...(json !== undefined && { json }) });
  const answered = (ticketId: string, id: string) =>
    waitFor(
      async () => {
        const res = await desk('GET', `/api/v1/tickets/${ticketId}/requests`);
        return ((await res.json()) as { items: Request[] }).items.find((r) => r.id === id && r.status !== 'pending');
      },
      { what: `request ${id} answered` },
    );
  const raiseWith = async (c: TicketCarrier) =>
    raiseTicket(
      h.platform,
      ticketInput((await deliveredOrder(h.platform, { id: c.partner.id, key: c.partner.key })).id),
    );
  const atCarrier = (c: TicketCarrier, ourId: string) => c.sim.tickets().find((t) => t.externalIds.includes(ourId))!;

  it('v4: reopens a resolved fault within the window; its restoration clock goes on from where it stopped', async () => {
    const c = await carrier('tmf621-v4');
    await givePolicy(h.platform.db, c.partner.id, {
      ...policyDocument([
        {
          id: 'restore-8h',
          metric: 'faultRestoration',
          appliesTo: { entity: 'ticket' },
          stop: { state: ['resolved', 'closed'] },
          reopen: { state: 'inProgress' },
          target: { kind: 'clockDuration', hours: 8 },
        },
      ]),
      ticketReopenWindow: { hours: 24 },
    } as Parameters<typeof givePolicy>[2]);
    const raised = await raiseWith(c);
    await waitForTicket(h, raised.id, (t) => t.status === 'resolved', 'resolved');
    const res = await desk('POST', `/api/v1/tickets/${raised.id}/reopen`, { reason: 'Link dropped again at 09:10' });
    expect(res.status).toBe(202);
    expect(await answered(raised.id, ((await res.json()) as Request).id)).toMatchObject({ status: 'accepted' });
    expect(atCarrier(c, raised.id).statusHistory.join(',')).toMatch(/resolved,inProgress/);
    await waitForTicket(
      h,
      raised.id,
      (t) => t.status === 'resolved' && t.timeline.filter((e) => e.toState === 'resolved').length >= 2,
      'resolved again',
    );
    const sla = (await (await desk('GET', `/api/v1/tickets/${raised.id}/sla`)).json()) as {
      clocks: { state: string; pauses: { reason: string }[] }[];
    };
    expect(sla.clocks[0]!.state).toBe('met');
    expect(sla.clocks[0]!.pauses.map((p) => p.reason)).toEqual(['reopened']);
  });

  it('refuses to reopen past the window, or a ticket that is not resolved', async () => {
    const c = await carrier('tmf621-v5');
    const order = await deliveredOrder(h.platform, { id: c.partner.id, key: c.partner.key });
    const history = measuredHistory(h.platform.db);
    const old = await history.ticket(c.partner.id, order.id, '2026-09-01T09:00:00.000Z', '2026-09-01T15:00:00.000Z');
    const late = await desk('POST', `/api/v1/tickets/${old}/reopen`, { reason: 'Still down' });
    expect([late.status, ((await late.json()) as { detail: string }).detail]).toEqual([
      409,
      'Resolved at 2026-09-01T15:00:00.000Z: the reopening window closed at 2026-09-04T15:00:00.000Z',
    ]);
    const open = await history.ticket(c.partner.id, order.id);
    expect((await desk('POST', `/api/v1/tickets/${open}/reopen`, { reason: 'x' })).status).toBe(409);
    expect(
      (
        await h.platform.request('POST', `/api/v1/tickets/${open}/notes`, {
          key: h.platform.keys.finance,
          json: { text: 'x' },
        })
      ).status,
    ).toBe(403);
    // The order's carrier pulls its orders: a note to it cannot reach it through Tailgate.
    expect((await desk('POST', `/api/v1/orders/${order.id}/notes`, { text: 'x' })).status).toBe(409);
  });

  it('v5: answers a carrier waiting on us and adds a note; both reach the carrier’s ticket', async () => {
    const c = await carrier('tmf621-v5', { ticketPendingProbability: 1, ticketResumeAfterPendingMs: null });
    const raised = await raiseWith(c);
    await waitForTicket(h, raised.id, (t) => t.status === 'pending', 'pending');
    const note = await desk('POST', `/api/v1/tickets/${raised.id}/notes`, { text: 'Engineer may call on site' });
    expect(await answered(raised.id, ((await note.json()) as Request).id)).toMatchObject({ status: 'accepted' });
    const answer = await desk('POST', `/api/v1/tickets/${raised.id}/answers`, { text: 'Key holder: 07700 900123' });
    expect(await answered(raised.id, ((await answer.json()) as Request).id)).toMatchObject({ status: 'accepted' });
    await waitForTicket(h, raised.id, (t) => t.status === 'resolved', 'resolved after the answer');
    const notes = (atCarrier(c, raised.id).request.note as { text: string }[]).map((n) => n.text);
    expect(notes).toEqual(expect.arrayContaining(['Engineer may call on site', 'Key holder: 07700 900123']));
    expect(atCarrier(c, raised.id).statusHistory).toEqual(
      expect.arrayContaining(['pending', 'inProgress', 'resolved']),
    );
  });
});
