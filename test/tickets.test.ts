import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder } from './support/orders.js';
import { deliveredOrder, fetchTicket, raiseTicket, ticketInput } from './support/tickets.js';
import { loadTmfSpec, tmf621v4SpecFile } from './support/tmf-spec.js';
import { waitForTicket } from './support/ticket-carrier.js';
import { waitFor } from './support/wait.js';
import { statement } from '../db/execute.js';

const base = '/tmf-api/troubleTicket/v4/troubleTicket';

/** A carrier without a ticketing API: it pulls its tickets from our TMF621 server and PATCHes them along. */
describe('trouble tickets for a carrier without an API (TMF621 server, real Temporal)', () => {
  let h: OrderHarness;
  let carrier: { id: string; key: string };
  let other: { id: string; key: string };
  let delivered: { id: string };
  const spec = loadTmfSpec(tmf621v4SpecFile);

  beforeAll(async () => {
    h = await startOrderHarness();
    carrier = await h.platform.createPartner({ adapter: { orderingApi: 'none', troubleTicketApi: 'none' } });
    other = await h.platform.createPartner({ adapter: { orderingApi: 'none', troubleTicketApi: 'none' } });
    delivered = await deliveredOrder(h.platform, carrier);
  });
  afterAll(() => h?.stop());

  const patch = (id: string, body: unknown, key = carrier.key) =>
    h.platform.request('PATCH', `${base}/${id}`, { key, json: body });
  const ticketCount = () => statement(h.platform.db, 'select count(*) from tickets').pluck<number>().get();

  it('raises a ticket on a delivered tail, the carrier pulls and resolves it, and the buyer closes it', async () => {
    const raised = await raiseTicket(h.platform, ticketInput(delivered.id));
    expect(raised).toMatchObject({ status: 'acknowledged', orderId: delivered.id, partnerId: carrier.id });
    await waitFor(async () => (await fetchTicket(h.platform, raised.id)).submission === 'awaitingPartnerPull', {
      what: 'awaiting pull',
    });

    const pulled = (await (await h.platform.request('GET', base, { key: carrier.key })).json()) as Record<
      string,
      unknown
    >[];
    expect(pulled.map((t) => t.id)).toContain(raised.id);
    for (const tt of pulled) spec.assertValid('TroubleTicket', tt);

    expect(
      (
        await patch(raised.id, {
          status: 'inProgress',
          externalId: 'NF-TT-1',
          expectedResolutionDate: '2099-01-10T17:00:00Z',
        })
      ).status,
    ).toBe(200);
    expect((await patch(raised.id, { status: 'pending', statusChangeReason: 'Site access hours needed' })).status).toBe(
      200,
    );
    expect((await patch(raised.id, { status: 'inProgress' })).status).toBe(200);
    // The carrier's own time for the resolution (after the ticket was raised, before it told us) is taken.
    const resolvedAt = new Date(Date.parse((raised as unknown as { createdAt: string }).createdAt) + 1).toISOString();
    const resolved = await patch(raised.id, {
      status: 'resolved',
      resolutionDate: resolvedAt,
      statusChangeReason: 'Fibre spliced',
    });
    expect(resolved.status).toBe(200);
    spec.assertValid('TroubleTicket', await resolved.json());

    const close = await h.platform.request('POST', `/api/v1/tickets/${raised.id}/close`, {
      key: h.platform.keys.desk,
      json: { reason: 'Site confirms service' },
    });
    expect(close.status).toBe(202);
    const closed = await waitFor(
      async () => {
        const t = await fetchTicket(h.platform, raised.id);
        return t.status === 'closed' ? t : undefined;
      },
      { what: 'ticket closed' },
    );
    expect(closed).toMatchObject({
      partnerTicketId: 'NF-TT-1',
      dates: { expectedResolution: '2099-01-10T17:00:00.000Z', resolved: resolvedAt },
    });
    expect(closed.timeline.map((e) => `${e.source}:${e.type}:${e.toState ?? '-'}:${e.outcome}`)).toEqual([
      'desk:ticketRaised:acknowledged:applied',
      'workflow:availableToCarrier:-:recorded',
      'partner-pull:troubleTicketPatch:inProgress:applied',
      'partner-pull:troubleTicketPatch:pending:applied',
      'partner-pull:troubleTicketPatch:inProgress:applied',
      'partner-pull:troubleTicketPatch:resolved:applied',
      expect.stringMatching(/^desk:(closeRequested:-:recorded|closedByBuyer:closed:applied)$/),
      expect.stringMatching(/^desk:(closeRequested:-:recorded|closedByBuyer:closed:applied)$/),
    ]);
    expect(await h.client.workflow.getHandle(`trouble-ticket-${raised.id}`).result()).toBe('closed');
  });

  it('refuses a ticket on an order that is not delivered, an unknown order, and bad fields, writing nothing', async () => {
    const undelivered = await placeOrder(
      h.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const before = await ticketCount();
    const cases: [Record<string, unknown>, string][] = [
      [ticketInput(undelivered.id), 'orderId'],
      [ticketInput('ord_nope'), 'orderId'],
      [ticketInput(delivered.id, { severity: 'apocalyptic' }), 'severity'],
      [ticketInput(delivered.id, { priority: 5 }), 'priority'],
      [ticketInput(delivered.id, { impact: '' }), 'impact'],
      [ticketInput(delivered.id, { contact: { name: 'Ann' } }), 'contact.email'],
    ];
    for (const [body, path] of cases) {
      const res = await h.platform.request('POST', '/api/v1/tickets', {
        key: h.platform.keys.desk,
        json: body,
        headers: { 'idempotency-key': `bad-${Math.random()}` },
      });
      expect(res.status, path).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path);
    }
    expect(await ticketCount()).toBe(before);
  });

  it('records and refuses an invalid transition and an early close, leaving the ticket as it was', async () => {
    const raised = await raiseTicket(h.platform, ticketInput(delivered.id));
    await waitForTicket(h, raised.id, (t) => t.timeline.some((e) => e.type === 'availableToCarrier'), 'available');
    const res = await patch(raised.id, { status: 'closed' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain('status');
    const ticket = await fetchTicket(h.platform, raised.id);
    expect(ticket.status).toBe('acknowledged');
    expect(ticket.timeline.at(-1)).toMatchObject({ source: 'partner-pull', toState: 'closed', outcome: 'refused' });
    expect(
      (await h.platform.request('POST', `/api/v1/tickets/${raised.id}/close`, { key: h.platform.keys.desk, json: {} }))
        .status,
    ).toBe(409);
    // Not a TMF621 status at all: the schema refuses it, 400 as TMF630 says.
    expect((await patch(raised.id, { status: 'orbiting' })).status).toBe(400);
    expect((await fetchTicket(h.platform, raised.id)).status).toBe('acknowledged');
  });

  it('cancels an open ticket for the carrier that pulls it', async () => {
    const raised = await raiseTicket(h.platform, ticketInput(delivered.id));
    const res = await h.platform.request('POST', `/api/v1/tickets/${raised.id}/cancel`, {
      key: h.platform.keys.desk,
      json: { reason: 'Customer LAN fault' },
    });
    expect(res.status).toBe(202);
    await waitFor(async () => (await fetchTicket(h.platform, raised.id)).status === 'cancelled', { what: 'cancelled' });
    expect(await h.client.workflow.getHandle(`trouble-ticket-${raised.id}`).result()).toBe('cancelled');
    expect(
      (
        await h.platform.request('POST', `/api/v1/tickets/${raised.id}/cancel`, {
          key: h.platform.keys.desk,
          json: { reason: 'again' },
        })
      ).status,
    ).toBe(409);
  });

  it("never lets a carrier see or change another carrier's ticket", async () => {
    const raised = await raiseTicket(h.platform, ticketInput(delivered.id));
    // Its workflow makes it available to its own carrier first (an event of its own), then nothing may change it.
    await waitForTicket(h, raised.id, (t) => t.timeline.some((e) => e.type === 'availableToCarrier'), 'available');
    expect((await h.platform.request('GET', `/api/v1/tickets/${raised.id}`, { key: carrier.key })).status).toBe(200);
    expect((await h.platform.request('GET', `/api/v1/tickets/${raised.id}`, { key: other.key })).status).toBe(404);
    expect((await h.platform.request('GET', `/api/v1/tickets/${raised.id}/sla`, { key: other.key })).status).toBe(404);
    expect((await h.platform.request('GET', `${base}/${raised.id}`, { key: other.key })).status).toBe(404);
    expect((await patch(raised.id, { status: 'inProgress' }, other.key)).status).toBe(404);
    const event = {
      eventId: `x-${raised.id}`,
      eventTime: new Date().toISOString(),
      event: { troubleTicket: { id: 'OT-1', externalId: raised.id, status: 'inProgress' } },
    };
    expect(
      (
        await h.platform.request('POST', '/tmf-api/troubleTicket/v4/listener/troubleTicketStatusChangeEvent', {
          key: other.key,
          json: event,
        })
      ).status,
    ).toBe(404);
    const pulled = (await (await h.platform.request('GET', base, { key: other.key })).json()) as { id: string }[];
    expect(pulled.map((t) => t.id)).not.toContain(raised.id);
    const listed = (await (
      await h.platform.request('GET', '/api/v1/tickets?limit=500', { key: other.key })
    ).json()) as { items: { id: string }[] };
    expect(listed.items.map((t) => t.id)).not.toContain(raised.id);
    const ticket = await fetchTicket(h.platform, raised.id);
    expect(ticket.status).toBe('acknowledged');
    expect(ticket.timeline.map((e) => e.type)).toEqual(['ticketRaised', 'availableToCarrier']);
  });

  it('replays the first response for a repeated Idempotency-Key, refuses a changed body, and raises one ticket', async () => {
    const body = ticketInput(delivered.id);
    const send = (json: unknown) =>
      h.platform.request('POST', '/api/v1/tickets', {
        key: h.platform.keys.desk,
        json,
        headers: { 'idempotency-key': 'ticket-key-1' },
      });
    const first = await send(body);
    const again = await send({ ...body, contact: { ...body.contact } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect((await send({ ...body, priority: 2 })).status).toBe(422);
    const mine = (await (
      await h.platform.request('GET', `/api/v1/tickets?orderId=${delivered.id}&limit=500`)
    ).json()) as { items: { deskReference: string }[] };
    expect(mine.items.filter((t) => t.deskReference === body.deskReference)).toHaveLength(1);
    expect(
      (
        await h.platform.request('POST', '/api/v1/tickets', {
          key: h.platform.keys.desk,
          json: ticketInput(delivered.id),
        })
      ).status,
    ).toBe(400);
  });

  it('lists with filters and cursor pagination, a partner key seeing only its own', async () => {
    const theirs = await deliveredOrder(h.platform, other);
    for (let i = 0; i < 3; i++) await raiseTicket(h.platform, ticketInput(theirs.id));
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tickets?partnerId=${other.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await h.platform.request('GET', url)).json()) as {
        items: { id: string; partnerId: string }[];
        nextCursor: string | null;
      };
      expect(page.items.every((t) => t.partnerId === other.id)).toBe(true);
      ids.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(3);
    const asPartner = (await (
      await h.platform.request('GET', '/api/v1/tickets?limit=500', { key: carrier.key })
    ).json()) as { items: { partnerId: string }[] };
    expect(asPartner.items.length).toBeGreaterThan(0);
    expect(asPartner.items.every((t) => t.partnerId === carrier.id)).toBe(true);
    const closed = (await (await h.platform.request('GET', '/api/v1/tickets?status=closed&limit=500')).json()) as {
      items: { status: string }[];
    };
    expect(closed.items.length).toBeGreaterThan(0);
    expect(closed.items.every((t) => t.status === 'closed')).toBe(true);
    expect((await h.platform.request('GET', '/api/v1/tickets?status=sleeping')).status).toBe(422);
  });
});
