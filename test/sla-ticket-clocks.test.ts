import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsForEntity } from '../db/repositories/sla-facts.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { deliveredOrder, raiseTicket, ticketInput } from './support/tickets.js';
import { startTimeSkippingPlatform, type TimeSkippingPlatform } from './support/time-skipping.js';

const HOUR = 3_600_000;

/** Restoration clocks driven by troubleTicketWorkflow on Temporal's time-skipping test server. */
describe('OLA clocks in the trouble ticket workflow (time-skipping Temporal)', () => {
  let ts: TimeSkippingPlatform;
  let carrier: { id: string; key: string };
  let order: { id: string };
  const facts = async (ticketId: string) => await factsForEntity(ts.platform.db, 'ticket', ticketId);
  const patch = async (ticketId: string, body: unknown) => {
    const res = await ts.platform.request('PATCH', `/tmf-api/troubleTicket/v4/troubleTicket/${ticketId}`, {
      key: carrier.key,
      json: body,
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };
  const raise = (overrides: Record<string, unknown> = {}) => raiseTicket(ts.platform, ticketInput(order.id, overrides));
  const sla = async (ticketId: string) =>
    (await (await ts.platform.request('GET', `/api/v1/tickets/${ticketId}/sla`)).json()) as {
      policy: { version: number } | null;
      clocks: { olaId: string; state: string; dueAt: string; breachedAt: string | null; pausedMs: number }[];
    };
  const restoration5h = {
    id: 'restore-p1-5h',
    metric: 'faultRestoration',
    appliesTo: { entity: 'ticket', priorities: ['P1'] },
    stop: { state: ['resolved', 'closed'] },
    reopen: { state: 'inProgress' },
    pause: { state: 'pending' },
    target: { kind: 'clockDuration', hours: 5 },
    jeopardy: [50, 75, 90],
  };

  beforeAll(async () => {
    ts = await startTimeSkippingPlatform();
    carrier = await ts.platform.createPartner({ adapter: { orderingApi: 'none', troubleTicketApi: 'none' } });
    order = await deliveredOrder(ts.platform, carrier);
  }, 120_000);
  afterAll(() => ts?.stop());

  it('a 5-hour 24x7 restoration OLA with a 2-hour buyer pause breaches 2 hours later than without; held does not pause', async () => {
    await givePolicy(ts.platform.db, carrier.id, policyDocument([restoration5h]));
    const plain = await raise();
    const paused = await raise();
    const held = await raise();
    for (const t of [plain, paused, held]) await patch(t.id, { status: 'inProgress' });

    await ts.skip(1 * HOUR);
    await patch(paused.id, { status: 'pending', statusChangeReason: 'Waiting for the customer to give site access' });
    await patch(held.id, { status: 'held', statusChangeReason: 'Waiting for a third-party wayleave' });
    await ts.skip(2 * HOUR);
    await patch(paused.id, { status: 'inProgress' });
    await patch(held.id, { status: 'inProgress' });
    await ts.skip(5 * HOUR);

    // All three were raised at t0 (the API's clock stands still between skips): exact instants throughout.
    const t0 = Date.parse(plain.timeline[0]!.receivedAt);
    const breachOf = async (id: string) => Date.parse((await facts(id)).find((f) => f.kind === 'breach')!.at);
    expect(await breachOf(plain.id)).toBe(t0 + 5 * HOUR);
    expect(await breachOf(paused.id)).toBe(t0 + 7 * HOUR);
    expect(await breachOf(held.id)).toBe(t0 + 5 * HOUR);
    const view = await sla(paused.id);
    expect(view.clocks[0]).toMatchObject({ olaId: 'restore-p1-5h', state: 'breached', pausedMs: 2 * HOUR });
    expect((await sla(held.id)).clocks[0]!.pausedMs).toBe(0);
  }, 120_000);

  it('records jeopardy at 50/75/90% and the breach once each, at their instants, and shows the ticket on the jeopardy board', async () => {
    await givePolicy(ts.platform.db, carrier.id, policyDocument([restoration5h]));
    const ticket = await raise();
    const raisedAt = Date.parse(ticket.timeline[0]!.receivedAt);
    await ts.skip(2 * HOUR);
    expect(await facts(ticket.id)).toEqual([]);
    await patch(ticket.id, { status: 'inProgress' }); // an event in between re-evaluates the clock; nothing twice

    await ts.skip(1 * HOUR); // 3 h: past 50%
    const board = (await (
      await ts.platform.request('GET', '/api/v1/jeopardy', { key: ts.platform.keys.desk })
    ).json()) as {
      items: { entityType: string; entityId: string; thresholdsReached: number[] }[];
    };
    expect(board.items.find((i) => i.entityId === ticket.id)).toMatchObject({
      entityType: 'ticket',
      thresholdsReached: [50],
    });

    await patch(ticket.id, { status: 'held' });
    await ts.skip(3 * HOUR);
    const recorded = await facts(ticket.id);
    expect(recorded.map((f) => `${f.kind}:${f.threshold}`)).toEqual([
      'jeopardy:50',
      'jeopardy:75',
      'jeopardy:90',
      'breach:100',
    ]);
    expect(recorded.map((f) => Date.parse(f.at) - raisedAt)).toEqual([2.5 * HOUR, 3.75 * HOUR, 4.5 * HOUR, 5 * HOUR]);
    // Each noticed at or after its instant, never early.
    for (const f of recorded) expect(Date.parse(f.detectedAt)).toBeGreaterThanOrEqual(Date.parse(f.at));

    await patch(ticket.id, { status: 'resolved' });
    await ts.skip(HOUR);
    expect(await facts(ticket.id)).toHaveLength(4);
  }, 120_000);

  it('measures a ticket under the OLAs for its priority only', async () => {
    await givePolicy(ts.platform.db, carrier.id, policyDocument([restoration5h]));
    const p3 = await raise({ priority: 3, severity: 'minor' });
    const view = await sla(p3.id);
    expect(view.policy?.version).toBeGreaterThan(0);
    expect(view.clocks).toEqual([]);
    await ts.skip(6 * HOUR);
    expect(await facts(p3.id)).toEqual([]);
  }, 120_000);
});
