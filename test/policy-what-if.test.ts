import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPolicyWhatIf } from '../cli/policy-what-if.js';
import { outcomesForEntity } from '../db/repositories/clock-outcomes.js';
import { orderTimeline } from '../db/repositories/orders.js';
import { factsForEntity } from '../db/repositories/sla-facts.js';
import { ticketTimeline } from '../db/repositories/tickets.js';
import { givePolicy } from './support/policies.js';
import { orderInput, placeOrder } from './support/orders.js';
import { raiseTicket, ticketInput } from './support/tickets.js';
import { startTimeSkippingPlatform, type TimeSkippingPlatform } from './support/time-skipping.js';
import { waitFor } from './support/wait.js';
import { asWhatIf, contract, type WhatIf } from './support/what-if.js';

const HOUR = 3_600_000;

/**
 * Policy what-if on Temporal's time-skipping server: an order and a ticket run through their workflows against a
 * carrier that moves them by PATCH, then the same timelines are asked about. The what-if gives exactly the instants
 * and outcomes the clock watch recorded and the amounts the month's report priced; history months measured again
 * under the stored version equal the report, and a draft shows what it would have changed.
 */
describe('policy what-if (time-skipping Temporal)', () => {
  let ts: TimeSkippingPlatform;
  let carrier: { id: string; key: string };
  const whatIf = (body: unknown, key = ts.platform.keys.finance, partnerId = carrier.id) =>
    ts.platform.request('POST', `/api/v1/partners/${partnerId}/policy-what-if`, { key, json: body });
  const patch = async (path: string, body: unknown) =>
    expect((await ts.platform.request('PATCH', path, { key: carrier.key, json: body })).status).toBe(200);

  beforeAll(async () => {
    ts = await startTimeSkippingPlatform();
    carrier = await ts.platform.createPartner({ adapter: { orderingApi: 'none', troubleTicketApi: 'none' } });
    await givePolicy(ts.platform.db, carrier.id, contract);
  }, 120_000);
  afterAll(() => ts?.stop());

  it('answers what the workflows recorded and the report priced, for the same timelines and months', async () => {
    await ts.skipTo('2027-03-01T09:00:00.000Z'); // a Monday
    const order = await placeOrder(
      ts.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const orderPath = `/tmf-api/productOrderingManagement/v4/productOrder/${order.id}`;
    await patch(orderPath, { state: 'inProgress' });
    await ts.skipTo('2027-03-03T10:00:00.000Z');
    await patch(orderPath, { state: 'pending' }); // waiting on us: the delivery clock pauses
    await ts.skipTo('2027-03-04T15:00:00.000Z');
    await patch(orderPath, { state: 'inProgress' });
    await ts.skipTo('2027-03-12T11:00:00.000Z');
    await patch(orderPath, { state: 'completed' });
    const delivered = await waitFor(async () => (await outcomesForEntity(ts.platform.db, 'order', order.id))[0], {
      timeoutMs: 20_000,
      what: 'the delivery outcome',
    });

    const ticket = await raiseTicket(ts.platform, ticketInput(order.id));
    const ticketPath = `/tmf-api/troubleTicket/v4/troubleTicket/${ticket.id}`;
    await patch(ticketPath, { status: 'inProgress' });
    await ts.skip(2 * HOUR);
    await patch(ticketPath, { status: 'pending' });
    await ts.skip(1 * HOUR);
    await patch(ticketPath, { status: 'inProgress' });
    await ts.skip(3.5 * HOUR);
    await patch(ticketPath, { status: 'resolved' });
    const restored = await waitFor(async () => (await outcomesForEntity(ts.platform.db, 'ticket', ticket.id))[0], {
      timeoutMs: 20_000,
      what: 'the repair outcome',
    });
    expect([delivered.state, restored.state]).toEqual(['breached', 'breached']);
    expect(
      (await ts.platform.request('POST', '/api/v1/reports/penalties/2027-03', { key: ts.platform.keys.finance }))
        .status,
    ).toBe(201);
    const report = (await (
      await ts.platform.request('GET', '/api/v1/reports/penalties/2027-03', { key: ts.platform.keys.finance })
    ).json()) as { lines: { entityId: string; olaId: string; amountAfterCapsMinor: number }[] };

    for (const [entity, id, recorded, rows, placedType, extra] of [
      [
        'order',
        order.id,
        delivered,
        await orderTimeline(ts.platform.db, order.id),
        'orderPlaced',
        { product: 'ETH-100' },
      ],
      [
        'ticket',
        ticket.id,
        restored,
        await ticketTimeline(ts.platform.db, ticket.id),
        'ticketRaised',
        { priority: 'P1' },
      ],
    ] as const) {
      const res = await whatIf({
        policy: { version: 1 },
        timeline: { entity, ...extra, events: asWhatIf(rows, placedType) },
      });
      expect(res.status).toBe(200);
      const answer = ((await res.json()) as WhatIf).timeline;
      const facts = await factsForEntity(ts.platform.db, entity, id);
      expect(answer.facts.map((f) => [f.kind, f.threshold, f.at])).toEqual(
        facts.map((f) => [f.kind, f.threshold, f.at]),
      );
      expect(answer.outcomes).toEqual([
        expect.objectContaining({
          olaId: recorded.olaId,
          state: recorded.state,
          dueAt: recorded.dueAt,
          finalAt: recorded.finalAt,
          overrunMs: recorded.overrunMs,
          pausedMs: recorded.pausedMs,
        }),
      ]);
      const line = report.lines.find((l) => l.entityId === id)!;
      expect(answer.months.flatMap((m) => m.lines.map((l) => l.amountAfterCapsMinor))).toEqual([
        line.amountAfterCapsMinor,
      ]);
    }
    // Due on the 5th working day from Mon 1 Mar (Mon 8 Mar 17:30), pushed by the 13.5 business hours paused (Wed
    // 10:00 to Thu 15:00): Wed 10 Mar 14:00.
    expect(delivered.dueAt).toBe('2027-03-10T14:00:00.000Z');
    const reportTotal = report.lines.reduce((sum, l) => sum + l.amountAfterCapsMinor, 0);

    const history = await whatIf({ policy: { version: 1 }, months: ['2027-02', '2027-03'] });
    expect(history.status).toBe(200);
    const replayed = ((await history.json()) as WhatIf).history;
    expect(replayed).toMatchObject({ ordersMeasured: 1, ticketsMeasured: 1 });
    expect(replayed.months.map((m) => [m.month, m.draft.breached, m.draft.totals, m.report?.state ?? null])).toEqual([
      ['2027-02', 0, [], null],
      [
        '2027-03',
        2,
        [expect.objectContaining({ currency: 'GBP', lines: 2, amountAfterCapsMinor: reportTotal })],
        'draft',
      ],
    ]);
    expect(replayed.months[1]!.report!.totals).toEqual([
      expect.objectContaining({ currency: 'GBP', lines: 2, amountAfterCapsMinor: reportTotal }),
    ]);

    // A draft that doubles the delivery rate and caps the month at 50.00 GBP: unsaved, it changes nothing stored.
    const draft = {
      ...contract,
      penaltyClauses: {
        ...contract.penaltyClauses,
        'late-delivery': { kind: 'perUnitLate', unit: 'workingDay', rate: { amountMinor: 5000, currency: 'GBP' } },
      },
      penaltyCaps: { monthly: { maxMinor: { GBP: 5000 } } },
    };
    const proposed = await whatIf({ policy: { document: JSON.stringify(draft) }, months: ['2027-03'] });
    expect(proposed.status).toBe(200);
    const answer = (await proposed.json()) as WhatIf;
    expect(answer.policy.source).toBe('draft');
    expect(answer.history.months[0]!.draft.totals).toEqual([
      expect.objectContaining({ currency: 'GBP', lines: 2, amountAfterCapsMinor: 5000 }),
    ]);
    expect(answer.history.lines.some((l) => l.cappedBy === 'monthly')).toBe(true);
    const versions = (await (
      await ts.platform.request('GET', `/api/v1/partners/${carrier.id}/ola-policies`, { key: ts.platform.keys.admin })
    ).json()) as { items: unknown[] };
    expect(versions.items).toHaveLength(1);
  }, 180_000);

  it('refuses what it cannot answer: the wrong role, another partner, a bad draft or timeline, an unknown version', async () => {
    const timeline = { entity: 'order', events: [{ at: '2027-03-01T09:00:00Z', event: 'placed' }] };
    expect((await whatIf({ policy: { version: 1 }, timeline }, ts.platform.keys.desk)).status).toBe(403);
    const other = await ts.platform.createPartner();
    expect((await whatIf({ policy: { version: 1 }, timeline }, other.key)).status).toBe(403);
    expect((await whatIf({ policy: { version: 9 }, timeline })).status).toBe(404);

    const badDraft = await whatIf({ policy: { document: 'id: x\nversion: 1\nolas: []\n' }, timeline });
    expect(badDraft.status).toBe(422);
    const draftErrors = ((await badDraft.json()) as { errors: { path: string }[] }).errors;
    expect(draftErrors.every((e) => e.path.startsWith('policy.document'))).toBe(true);

    const badTimeline = await whatIf({
      policy: { version: 1 },
      timeline: {
        ...timeline,
        events: [...timeline.events, { at: '2027-03-01T10:00:00Z', event: 'state', state: 'resolved' }],
      },
    });
    expect(badTimeline.status).toBe(422);
    const problem = (await badTimeline.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ path: expect.stringContaining('timeline.events') })]);
    expect(problem.errors[0]!.path).toMatch(/1.*state/);
    expect((await whatIf({ policy: { version: 1 } })).status).toBe(422);
    const notAnInstant = await whatIf({
      policy: { version: 1 },
      timeline: { ...timeline, events: [{ at: 'yesterday', event: 'placed' }] },
    });
    expect(notAnInstant.status).toBe(422);
    expect(((await notAnInstant.json()) as { errors: { path: string }[] }).errors[0]!.path).toMatch(
      /timeline.*events.*0.*at/,
    );
  });

  it("the CLI gives the API's answer for a draft file and a timeline file, and names what is wrong in a bad draft", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-what-if-'));
    const file = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name));
    const timeline = {
      entity: 'order',
      asOf: '2027-04-20T09:00:00Z',
      events: [
        { at: '2027-04-01T09:00:00Z', event: 'placed' },
        { at: '2027-04-01T09:05:00Z', event: 'state', state: 'inProgress' },
        { at: '2027-04-16T12:00:00Z', event: 'state', state: 'completed' },
      ],
    };
    let out = '';
    let err = '';
    const io = {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t) },
      now: () => ts.now(),
      clock: () => performance.now(),
    };
    const args = ['--partner', carrier.id, '--draft', file('draft.json', JSON.stringify(contract))];
    const code = await runPolicyWhatIf(
      [...args, '--timeline', file('timeline.json', JSON.stringify(timeline)), '--months', '2027-03'],
      () => ts.platform.db,
      io,
      'Europe/London',
    );
    expect([code, err]).toEqual([0, '']);
    const api = await whatIf({
      policy: { document: JSON.stringify(contract), format: 'json' },
      timeline,
      months: ['2027-03'],
    });
    expect(JSON.parse(out)).toEqual(await api.json());
    expect((JSON.parse(out) as WhatIf).timeline.outcomes).toEqual([expect.objectContaining({ state: 'breached' })]);

    err = '';
    const bad = file('bad.yaml', 'id: x\nversion: 1\neffectiveFrom: 2026-01-01\nolas:\n  - id: a\n    metric: b\n');
    expect(
      await runPolicyWhatIf(
        ['--partner', carrier.id, '--draft', bad, '--months', '2027-03'],
        () => ts.platform.db,
        io,
        'Europe/London',
      ),
    ).toBe(2);
    expect(err).toMatch(/^policy\.document\.olas\[0\]/m);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
