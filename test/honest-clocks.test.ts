import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertHeartbeat, renewHeartbeat } from '../db/repositories/heartbeats.js';
import { outcomesForEntity } from '../db/repositories/clock-outcomes.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { fetchOrder, orderInput, placeOrder } from './support/orders.js';
import { startTimeSkippingPlatform, type TimeSkippingPlatform } from './support/time-skipping.js';
import { waitFor } from './support/wait.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Carriers are charged only for their own time (time-skipping Temporal): clocks start when the carrier had the order,
 * a stop counts at the carrier's claimed time when Tailgate's own downtime explains the delay (else at most 5 minutes
 * before receipt), and claimed times Tailgate cannot believe are kept with a note and never freeze an order.
 */
describe('honest clocks (time-skipping Temporal)', () => {
  let ts: TimeSkippingPlatform;
  let carrier: { id: string; key: string };
  const db = () => ts.platform.db;
  const notify = (orderId: string, eventId: string, eventTime: string, productOrder: Record<string, unknown>) =>
    ts.platform.request('POST', '/tmf-api/productOrderingManagement/v4/listener/productOrderStateChangeEvent', {
      key: carrier.key,
      json: {
        eventId,
        eventTime,
        eventType: 'ProductOrderStateChangeEvent',
        event: { productOrder: { id: `C-${orderId}`, externalId: orderId, ...productOrder } },
      },
    });
  const outcome = (orderId: string) =>
    waitFor(async () => (await outcomesForEntity(db(), 'order', orderId))[0], {
      timeoutMs: 20_000,
      what: 'the clock outcome',
    });
  const breaches = async () =>
    (
      (await (
        await ts.platform.request('GET', '/api/v1/breaches?limit=50', { key: ts.platform.keys.desk })
      ).json()) as {
        items: { entityId: string; standing: boolean; explanation: string | null }[];
      }
    ).items;
  const input = (deskReference: string) =>
    orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100, deskReference });

  beforeAll(async () => {
    ts = await startTimeSkippingPlatform();
    carrier = await ts.platform.createPartner({ adapter: { orderingApi: 'none' } });
    await givePolicy(db(), carrier.id, {
      ...policyDocument([
        {
          id: 'deliver-5h',
          metric: 'deliveryLeadTime',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          target: { kind: 'clockDuration', hours: 5 },
          jeopardy: [50],
          penalty: { clause: 'late-flat' },
        },
      ]),
      penaltyClauses: { 'late-flat': { kind: 'flatPerBreach', amount: { amountMinor: 5000, currency: 'GBP' } } },
    } as unknown as ReturnType<typeof policyDocument>);
  }, 120_000);
  afterAll(() => ts?.stop());

  it('a carrier that completed while Tailgate was down is not charged: the breach recorded meanwhile is withdrawn', async () => {
    await ts.skipTo('2027-04-05T09:00:00.000Z');
    const t0 = ts.now().getTime();
    // Tailgate's API beat until t0+4h, then nothing beat until a new process started at t0+6h.
    await insertHeartbeat(db(), 'hbt_a', iso(t0 - HOUR));
    await renewHeartbeat(db(), 'hbt_a', iso(t0 + 4 * HOUR));
    await insertHeartbeat(db(), 'hbt_b', iso(t0 + 6 * HOUR));
    await renewHeartbeat(db(), 'hbt_b', iso(t0 + 30 * HOUR));

    const order = await placeOrder(ts.platform, input('HONEST-MET-WHILE-DOWN'));
    await ts.skip(HOUR);
    expect((await notify(order.id, 'work-1', iso(t0 + HOUR), { state: 'inProgress' })).status).toBe(201);
    await ts.skip(5 * HOUR);
    // The breach was recorded at its due instant, before anything said otherwise.
    expect((await breaches()).find((b) => b.entityId === order.id)).toMatchObject({ standing: true });

    const completedAt = iso(t0 + 4.5 * HOUR);
    expect(
      (await notify(order.id, 'done-1', completedAt, { state: 'completed', completionDate: completedAt })).status,
    ).toBe(201);
    await ts.skip(1_000);

    const met = await waitFor(
      async () => (await outcomesForEntity(db(), 'order', order.id)).find((o) => o.state === 'met'),
      {
        timeoutMs: 20_000,
        what: 'the clock met after all',
      },
    );
    expect(met).toMatchObject({ startedAt: iso(t0), dueAt: iso(t0 + 5 * HOUR), finalAt: completedAt });
    const stored = await fetchOrder(ts.platform, order.id);
    expect(stored.timeline.at(-1)).toMatchObject({ ownDelayMs: 1.5 * HOUR, claimNote: null });
    const breach = (await breaches()).find((b) => b.entityId === order.id)!;
    expect(breach.standing).toBe(false);
    expect(breach.explanation).toBe(
      `deliver-5h: started ${iso(t0)} when the carrier accepted it; due ${iso(t0 + 5 * HOUR)}; stopped ${completedAt}, ` +
        `the sender's own time (received ${iso(t0 + 6 * HOUR)}, 1 h 30 min of the delay Tailgate's own); met.`,
    );
  }, 120_000);

  it('a carrier cannot back-date its way out of a breach: at most 5 minutes before receipt without Tailgate downtime', async () => {
    await ts.skipTo('2027-04-12T09:00:00.000Z');
    const t0 = ts.now().getTime();
    await insertHeartbeat(db(), 'hbt_c', iso(t0 - HOUR));
    await renewHeartbeat(db(), 'hbt_c', iso(t0 + 30 * HOUR));
    const order = await placeOrder(ts.platform, input('HONEST-BACKDATED'));
    await ts.skip(HOUR);
    expect((await notify(order.id, 'work-2', iso(t0 + HOUR), { state: 'inProgress' })).status).toBe(201);
    await ts.skip(5 * HOUR);
    const claimed = iso(t0 + 4.5 * HOUR);
    expect((await notify(order.id, 'done-2', claimed, { state: 'completed', completionDate: claimed })).status).toBe(
      201,
    );
    await ts.skip(1_000);

    expect(await outcome(order.id)).toMatchObject({ state: 'breached', finalAt: iso(t0 + 6 * HOUR - 5 * 60_000) });
    const breach = (await breaches()).find((b) => b.entityId === order.id)!;
    expect(breach.standing).toBe(true);
    expect(breach.explanation).toContain(`the sender's time ${claimed} is earlier than allowed`);

    // The month's report bills the back-dated one only, and says why in its line.
    expect(
      (await ts.platform.request('POST', '/api/v1/reports/penalties/2027-04', { key: ts.platform.keys.finance }))
        .status,
    ).toBe(201);
    const csv = await (
      await ts.platform.request('GET', '/api/v1/reports/penalties/2027-04.csv', { key: ts.platform.keys.finance })
    ).text();
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.our_reference)).toEqual(['HONEST-BACKDATED']);
    expect(rows[0]!.amount_after_caps_minor).toBe('5000');
    expect(rows[0]!.explanation).toContain(`deliver-5h: started ${iso(t0)} when the carrier accepted it`);
    expect(rows[0]!.explanation).toContain('is earlier than allowed');
  }, 120_000);

  it('a carrier clock running ahead never freezes an order, and a completion dated before the order existed lands at its receipt', async () => {
    await ts.skipTo('2027-05-03T09:00:00.000Z');
    const t0 = ts.now().getTime();
    const order = await placeOrder(
      ts.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await ts.skip(HOUR);
    expect((await notify(order.id, 'ahead-1', '2031-01-01T00:00:00.000Z', { state: 'inProgress' })).status).toBe(201);
    await ts.skip(HOUR);
    const before = '2020-01-01T00:00:00.000Z';
    expect((await notify(order.id, 'done-3', before, { state: 'completed', completionDate: before })).status).toBe(201);

    const stored = await fetchOrder(ts.platform, order.id);
    expect(stored.state).toBe('completed');
    expect((stored as unknown as { dates: { completed: string } }).dates.completed).toBe(iso(t0 + 2 * HOUR));
    const [ahead, done] = stored.timeline.slice(-2) as unknown as {
      occurredAt: string;
      claimNote: string | null;
      outcome: string;
    }[];
    expect(ahead).toMatchObject({ outcome: 'applied', occurredAt: iso(t0 + HOUR) });
    expect(ahead!.claimNote).toContain('claimed 2031-01-01T00:00:00.000Z: later than its receipt');
    expect(done).toMatchObject({ outcome: 'applied', occurredAt: iso(t0 + 2 * HOUR) });
    expect(done!.claimNote).toContain(`claimed ${before}: before it existed`);
    await ts.skip(1_000);
    expect(await outcome(order.id)).toMatchObject({ state: 'met', finalAt: iso(t0 + 2 * HOUR) });
  }, 120_000);
});
