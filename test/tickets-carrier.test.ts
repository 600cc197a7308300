import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistoryIfAsked } from './support/histories.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { startTicketCarrier, waitForTicket, type TicketCarrier } from './support/ticket-carrier.js';
import { deliveredOrder, raiseTicket, ticketInput } from './support/tickets.js';
import { statement } from '../db/execute.js';

describe('trouble tickets with simulated carriers over real HTTP (TMF621 v4 and v5, real Temporal)', () => {
  let h: OrderHarness;
  const carriers: TicketCarrier[] = [];
  beforeAll(async () => {
    h = await startOrderHarness({ timings: { unreachableAfterMs: 15_000 } });
  });
  afterAll(async () => {
    await Promise.all(carriers.map((c) => c.sim.close()));
    await h?.stop();
  });
  const carrier = async (...args: Parameters<typeof startTicketCarrier> extends [unknown, ...infer R] ? R : never) => {
    const c = await startTicketCarrier(h, ...args);
    carriers.push(c);
    return c;
  };
  const ticketsAtCarrier = (c: TicketCarrier, ourId: string) =>
    c.sim.tickets().filter((t) => t.externalIds.includes(ourId));
  const raiseWith = async (c: TicketCarrier) =>
    raiseTicket(
      h.platform,
      ticketInput((await deliveredOrder(h.platform, { id: c.partner.id, key: c.partner.key })).id),
    );
  const desk = (path: string, json: unknown) => h.platform.request('POST', path, { key: h.platform.keys.desk, json });

  it.each(['tmf621-v4', 'tmf621-v5'] as const)(
    '%s: the carrier repairs the fault, the buyer closes the ticket at the carrier',
    async (api) => {
      const c = await carrier(api);
      const raised = await raiseWith(c);
      const resolved = await waitForTicket(h, raised.id, (t) => t.status === 'resolved', 'resolved');
      const atCarrier = ticketsAtCarrier(c, raised.id);
      expect(atCarrier).toHaveLength(1);
      expect(resolved).toMatchObject({ partnerTicketId: atCarrier[0]!.id, submission: 'submitted' });
      expect(resolved.dates.expectedResolution).not.toBeNull();
      expect(resolved.dates.resolved).not.toBeNull();
      expect(new Set(resolved.timeline.map((e) => e.source))).toEqual(new Set(['desk', 'adapter', 'listener']));
      expect(resolved.timeline.filter((e) => e.outcome === 'refused' || e.outcome === 'stale')).toEqual([]);
      expect(c.sim.hubs().filter((hub) => hub.apiName === 'troubleTicket')).toHaveLength(1);

      expect((await desk(`/api/v1/tickets/${raised.id}/close`, { reason: 'Site confirms service' })).status).toBe(202);
      const closed = await waitForTicket(h, raised.id, (t) => t.status === 'closed', 'closed');
      expect(ticketsAtCarrier(c, raised.id)[0]!.status).toBe('closed');
      expect(
        closed.timeline.some((e) => e.source === 'adapter' && e.type === 'closedByBuyer' && e.toState === 'closed'),
      ).toBe(true);
      const handle = h.client.workflow.getHandle(`trouble-ticket-${raised.id}`);
      expect(await handle.result()).toBe('closed');
      recordHistoryIfAsked(`trouble-ticket-${api}-closed`, handle.workflowId, h.address);
    },
  );

  it('a carrier answering 503 after creating the ticket, and timing out, still holds it exactly once', async () => {
    const c = await carrier('tmf621-v5', { failFirstTicketCreates: 2, timeoutRate: 0.3, hangMs: 1_500, seed: 7 });
    const raised = await raiseWith(c);
    await waitForTicket(h, raised.id, (t) => t.status === 'resolved', 'resolved despite faults', 60_000);
    expect(ticketsAtCarrier(c, raised.id)).toHaveLength(1);
    expect(c.sim.tickets()).toHaveLength(1);
  }, 90_000);

  it('duplicate and out-of-order notifications are stored once and still end resolved', async () => {
    const c = await carrier('tmf621-v4', { duplicateNotifications: 1, outOfOrderNotifications: 1, seed: 3 });
    const raised = await raiseWith(c);
    const done = await waitForTicket(h, raised.id, (t) => t.status === 'resolved', 'resolved');
    const eventIds = done.timeline.filter((e) => e.source === 'listener').map((e) => e.externalEventId);
    expect(eventIds.length).toBeGreaterThan(0);
    expect(new Set(eventIds).size).toBe(eventIds.length);
    // Counted in one read: a late duplicate may still arrive after the ticket was fetched, but never stores twice.
    const stored = await statement<{ rows: number; ids: number }>(
      h.platform.db,
      'select count(*) as rows, count(distinct external_event_id) as ids from ticket_events where ticket_id = ? and source = ?',
    ).get(raised.id, 'listener');
    expect(stored?.ids).toBe(stored?.rows);
    expect(stored?.rows).toBeGreaterThanOrEqual(eventIds.length);
    expect(c.sim.deliveries().filter((d) => d.status === 201).length).toBeGreaterThan(eventIds.length);
  });

  it('cancels an open ticket at the carrier', async () => {
    const c = await carrier('tmf621-v5', { ticketResolveDelayMs: 60_000 });
    const raised = await raiseWith(c);
    await waitForTicket(h, raised.id, (t) => t.status === 'inProgress', 'in progress');
    expect(
      (await desk(`/api/v1/tickets/${raised.id}/cancel`, { reason: 'Fault was on the customer LAN' })).status,
    ).toBe(202);
    await waitForTicket(h, raised.id, (t) => t.status === 'cancelled', 'cancelled');
    expect(ticketsAtCarrier(c, raised.id)[0]!.status).toBe('cancelled');
    const handle = h.client.workflow.getHandle(`trouble-ticket-${raised.id}`);
    expect(await handle.result()).toBe('cancelled');
    recordHistoryIfAsked('trouble-ticket-tmf621-v5-cancelled', handle.workflowId, h.address);
  });

  it("a carrier refusing the ticket (4xx) ends it rejected with the carrier's message, without retrying", async () => {
    const c = await carrier('tmf621-v4');
    const order = await deliveredOrder(h.platform, { id: c.partner.id, key: c.partner.key });
    await c.pointAt(`${c.sim.url}/no-trouble-ticket-api-here`);
    const raised = await raiseTicket(h.platform, ticketInput(order.id));
    const rejected = await waitForTicket(h, raised.id, (t) => t.status === 'rejected', 'rejected');
    expect(rejected).toMatchObject({ submission: 'failed' });
    expect(rejected.failureReason).toContain('404');
    expect(c.sim.tickets()).toHaveLength(0);
    expect(await h.client.workflow.getHandle(`trouble-ticket-${raised.id}`).result()).toBe('rejected');
  });

  it('opens a desk task when the carrier stays unreachable, and raises the ticket once the desk retries', async () => {
    const c = await carrier('tmf621-v4');
    const order = await deliveredOrder(h.platform, { id: c.partner.id, key: c.partner.key });
    await c.pointAt('http://127.0.0.1:9/tmf-api');
    const raised = await raiseTicket(h.platform, ticketInput(order.id));
    const manual = await waitForTicket(h, raised.id, (t) => t.submission === 'manual', 'desk task', 40_000);
    expect(manual.timeline.map((e) => e.type)).toContain('manualTaskOpened');
    const tasks = () =>
      statement(h.platform.db, 'select order_id, ticket_id, kind, status from manual_tasks where ticket_id = ?').all(
        raised.id,
      );
    expect(await tasks()).toEqual([
      { order_id: order.id, ticket_id: raised.id, kind: 'ticket_partner_unreachable', status: 'open' },
    ]);

    await c.pointAt(c.sim.apiRoot);
    expect(
      (await h.platform.request('POST', `/api/v1/tickets/${raised.id}/retry-submission`, { key: h.platform.keys.desk }))
        .status,
    ).toBe(202);
    await waitForTicket(h, raised.id, (t) => t.status === 'resolved', 'resolved after retry');
    expect(ticketsAtCarrier(c, raised.id)).toHaveLength(1);
    expect(await tasks()).toEqual([
      { order_id: order.id, ticket_id: raised.id, kind: 'ticket_partner_unreachable', status: 'closed' },
    ]);
  }, 90_000);
});
