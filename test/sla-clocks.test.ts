import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsForEntity } from '../db/repositories/sla-facts.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { orderInput, placeOrder } from './support/orders.js';
import { startTimeSkippingPlatform, type TimeSkippingPlatform } from './support/time-skipping.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** OLA clocks driven by the order workflow on Temporal's time-skipping test server: weeks pass in seconds. */
describe('OLA clocks in the order workflow (time-skipping Temporal)', () => {
  let ts: TimeSkippingPlatform;
  let carrier: { id: string; key: string };
  const order = () => orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 });
  const facts = async (orderId: string) => await factsForEntity(ts.platform.db, 'order', orderId);
  const patch = (orderId: string, body: unknown) =>
    ts.platform.request('PATCH', `/tmf-api/productOrderingManagement/v4/productOrder/${orderId}`, {
      key: carrier.key,
      json: body,
    });
  const sla = async (orderId: string) =>
    (await (await ts.platform.request('GET', `/api/v1/orders/${orderId}/sla`)).json()) as {
      policy: { version: number } | null;
      clocks: {
        olaId: string;
        state: string;
        dueAt: string;
        breachedAt: string | null;
        pausedMs: number;
        pauses: { from: string; claimedAt: string }[];
      }[];
    };

  beforeAll(async () => {
    ts = await startTimeSkippingPlatform();
    carrier = await ts.platform.createPartner({ adapter: { orderingApi: 'none' } });
  }, 120_000);
  afterAll(() => ts?.stop());

  it('a 30-working-day delivery OLA over Christmas, New Year and weekends breaches at the exact instant, jeopardy 50/75/90% once each', async () => {
    await givePolicy(
      ts.platform.db,
      carrier.id,
      policyDocument([
        {
          id: 'delivery-30wd',
          metric: 'deliveryLeadTime',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          pause: { state: 'pending' },
          target: { kind: 'workingDays', days: 30 },
          calendar: 'uk-office',
          jeopardy: [50, 75, 90],
          penalty: { clause: 'late-delivery' },
        },
      ]),
    );
    await ts.skipTo('2026-12-14T10:00:00.000Z'); // a Monday
    const placed = await placeOrder(ts.platform, order());

    // Day 0 is Mon 14 Dec; 25 Dec, 28 Dec (Boxing Day substitute) and 1 Jan are bank holidays in England:
    // the 30th working day is Thu 28 Jan 2027, due at close of business, 17:30 GMT.
    await ts.skipTo('2027-01-29T09:00:00.000Z');
    const recorded = await facts(placed.id);
    const breach = recorded.find((f) => f.kind === 'breach');
    expect(breach?.at).toBe('2027-01-28T17:30:00.000Z');
    const jeopardy = recorded.filter((f) => f.kind === 'jeopardy');
    expect(jeopardy.map((f) => f.threshold)).toEqual([50, 75, 90]);
    // Each noticed at or after its instant (never early), in the order they fell due.
    const noticed = [...jeopardy, breach!];
    for (const f of noticed) expect(Date.parse(f.detectedAt)).toBeGreaterThanOrEqual(Date.parse(f.at));
    expect(noticed.map((f) => f.at)).toEqual(noticed.map((f) => f.at).sort());
    const view = await sla(placed.id);
    expect(view.policy?.version).toBe(1);
    expect(view.clocks[0]).toMatchObject({
      olaId: 'delivery-30wd',
      state: 'breached',
      breachedAt: '2027-01-28T17:30:00.000Z',
    });
  }, 120_000);

  it('a 5-hour 24x7 OLA breaches 2 hours later after a 2-hour buyer pause; a back-dated pause claim changes nothing', async () => {
    await givePolicy(
      ts.platform.db,
      carrier.id,
      policyDocument([
        {
          id: 'restore-5h',
          metric: 'restoration',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          pause: { state: 'pending' },
          target: { kind: 'clockDuration', hours: 5 },
          jeopardy: [50, 75, 90],
        },
      ]),
    );
    const t0 = Date.parse(ts.now().toISOString());
    const plain = await placeOrder(ts.platform, order());
    const paused = await placeOrder(ts.platform, order());
    const backdated = await placeOrder(ts.platform, order());

    await ts.skip(1 * HOUR);
    expect((await patch(paused.id, { state: 'pending' })).status).toBe(200);
    const claimed = iso(t0); // the carrier claims the buyer was holding things up from the start
    const listener = await ts.platform.request(
      'POST',
      '/tmf-api/productOrderingManagement/v4/listener/productOrderStateChangeEvent',
      {
        key: carrier.key,
        json: {
          eventId: `backdated-${backdated.id}`,
          eventTime: claimed,
          eventType: 'ProductOrderStateChangeEvent',
          event: { productOrder: { id: 'C-1', externalId: backdated.id, state: 'pending' } },
        },
      },
    );
    expect(listener.status).toBe(201);
    await ts.skip(2 * HOUR);
    expect((await patch(paused.id, { state: 'inProgress' })).status).toBe(200);
    expect((await patch(backdated.id, { state: 'inProgress' })).status).toBe(200);
    await ts.skip(5 * HOUR);

    // All three clocks started at t0 (the API's clock stands still between skips): exact instants throughout.
    const breachOf = async (id: string) => (await facts(id)).find((f) => f.kind === 'breach')!.at;
    expect(await breachOf(plain.id)).toBe(iso(t0 + 5 * HOUR));
    expect(await breachOf(paused.id)).toBe(iso(t0 + 7 * HOUR));
    expect(await breachOf(backdated.id)).toBe(iso(t0 + 7 * HOUR));
    const view = await sla(backdated.id);
    expect(view.clocks[0]!.pauses[0]).toMatchObject({ from: iso(t0 + HOUR), claimedAt: claimed });
  }, 120_000);

  it('a committed-date change moves the committed-date clock and no other', async () => {
    await givePolicy(
      ts.platform.db,
      carrier.id,
      policyDocument([
        {
          id: 'delivery-committed',
          metric: 'deliveryCommittedDate',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          target: { kind: 'committedDate', use: 'latest' },
          calendar: 'uk-office',
          jeopardy: [50, 75, 90],
        },
        {
          id: 'delivery-30wd',
          metric: 'deliveryLeadTime',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          target: { kind: 'workingDays', days: 30 },
          calendar: 'uk-office',
          jeopardy: [50, 75, 90],
        },
      ]),
    );
    const placed = await placeOrder(ts.platform, order());
    expect(
      (await patch(placed.id, { state: 'inProgress', expectedCompletionDate: '2027-04-01T12:00:00Z' })).status,
    ).toBe(200);
    const before = await sla(placed.id);
    const due = (v: typeof before, id: string) => v.clocks.find((c) => c.olaId === id)!.dueAt;
    expect(due(before, 'delivery-committed')).toBe('2027-04-01T12:00:00.000Z');

    await ts.skip(HOUR);
    expect((await patch(placed.id, { expectedCompletionDate: '2027-04-08T12:00:00Z' })).status).toBe(200);
    const after = await sla(placed.id);
    expect(due(after, 'delivery-committed')).toBe('2027-04-08T12:00:00.000Z');
    expect(due(after, 'delivery-30wd')).toBe(due(before, 'delivery-30wd'));
  }, 120_000);
});

describe('OLA clocks across a worker restart (time-skipping Temporal)', () => {
  let ts: TimeSkippingPlatform;
  let carrier: { id: string; key: string };
  const facts = async (orderId: string) => await factsForEntity(ts.platform.db, 'order', orderId);

  beforeAll(async () => {
    ts = await startTimeSkippingPlatform({ workflowCache: false });
    carrier = await ts.platform.createPartner({ adapter: { orderingApi: 'none' } });
  }, 120_000);
  afterAll(() => ts?.stop());

  it('a worker restart in the middle of a long clock loses no timer', async () => {
    await givePolicy(
      ts.platform.db,
      carrier.id,
      policyDocument([
        {
          id: 'restore-5h',
          metric: 'restoration',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          target: { kind: 'clockDuration', hours: 5 },
          jeopardy: [50, 75, 90],
        },
      ]),
    );
    const placed = await placeOrder(
      ts.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await ts.skip(2 * HOUR);
    expect((await facts(placed.id)).map((f) => f.threshold)).toEqual([]);
    await ts.restartWorker();
    await ts.skip(4 * HOUR);
    const recorded = await facts(placed.id);
    expect(recorded.map((f) => `${f.kind}:${f.threshold}`)).toEqual([
      'jeopardy:50',
      'jeopardy:75',
      'jeopardy:90',
      'breach:100',
    ]);
  }, 120_000);
});
