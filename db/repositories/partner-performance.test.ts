import { describe, expect, it } from 'vitest';
import { measuredHistory } from '../../test/support/measured-history.js';
import { storeForTests } from '../../test/support/store.js';
import { directoryGeneration } from './offers-lookup.js';
import { partnerOutcomeCounts, replaceConformance, storedConformance } from './partner-performance.js';
import { insertPartner } from './partners.js';

const store = storeForTests();
const window = { from: '2026-09-01T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z', days: 30, minimumSample: 20 };

const newPartner = async (name: string) =>
  (
    await insertPartner(
      store.db,
      {
        name,
        country: 'GB',
        status: 'active',
        defaultCurrency: 'GBP',
        adapter: { orderingApi: 'none' },
        escalation: [],
        calendar: { timeZone: 'Europe/London', holidayRegion: 'GB-ENG' },
      } as never,
      new Date('2026-09-01T00:00:00Z'),
    )
  ).id;

describe("a partner's outcome counts", () => {
  it('counts met and breached clocks final in the window, per product (a ticket under its order) and metric', async () => {
    const history = measuredHistory(store.db);
    const alpha = await newPartner('Alpha Counts');
    const other = await newPartner('Other Counts');
    const eth100 = await history.order(alpha, 'ETH-100');
    const eth1g = await history.order(alpha, 'ETH-1G');
    const fault = await history.ticket(alpha, eth100);
    const clock = (entityType: 'order' | 'ticket', entityId: string, metric: string) => ({
      partnerId: alpha,
      entityType,
      entityId,
      metric,
    });
    await history.outcome({
      ...clock('order', eth100, 'orderDelivery'),
      state: 'met',
      finalAt: '2026-09-10T10:00:00Z',
    });
    await history.outcome({
      ...clock('order', eth100, 'orderAcknowledgement'),
      state: 'breached',
      finalAt: '2026-09-01T00:00:00.000Z', // the window's first instant counts
    });
    await history.outcome({
      ...clock('ticket', fault, 'faultRestoration'),
      state: 'breached',
      finalAt: '2026-09-12T10:00:00Z',
    });
    await history.outcome({ ...clock('order', eth1g, 'orderDelivery'), state: 'met', finalAt: '2026-09-20T10:00:00Z' });
    // Not counted: a cancelled clock, one final at the window's end, and another partner's.
    const cancelled = await history.order(alpha, 'ETH-1G');
    await history.outcome({
      ...clock('order', cancelled, 'orderDelivery'),
      state: 'cancelled',
      finalAt: '2026-09-21T10:00:00Z',
    });
    const late = await history.order(alpha, 'ETH-1G');
    await history.outcome({ ...clock('order', late, 'orderDelivery'), state: 'breached', finalAt: window.to });
    const theirs = await history.order(other, 'ETH-100');
    await history.outcome({
      partnerId: other,
      entityType: 'order',
      entityId: theirs,
      metric: 'orderDelivery',
      state: 'breached',
      finalAt: '2026-09-10T10:00:00Z',
    });

    expect(await partnerOutcomeCounts(store.db, alpha, window.from, window.to)).toEqual([
      { partnerId: alpha, productCode: 'ETH-100', metric: 'faultRestoration', met: 0, breached: 1 },
      { partnerId: alpha, productCode: 'ETH-100', metric: 'orderAcknowledgement', met: 0, breached: 1 },
      { partnerId: alpha, productCode: 'ETH-100', metric: 'orderDelivery', met: 1, breached: 0 },
      { partnerId: alpha, productCode: 'ETH-1G', metric: 'orderDelivery', met: 1, breached: 0 },
    ]);
  });
});

describe('stored conformance', () => {
  it('is replaced (and moves the directory generation) only when a count or the rule moves', async () => {
    const counts = [
      { partnerId: 'ptn_b', productCode: 'ETH-100', metric: 'orderDelivery', met: 18, breached: 2 },
      { partnerId: 'ptn_a', productCode: 'ETH-100', metric: 'orderDelivery', met: 5, breached: 1 },
    ];
    const generation = await directoryGeneration(store.db);
    expect(await replaceConformance(store.db, window, counts)).toBe(true);
    const moved = await directoryGeneration(store.db);
    expect(moved).toBeGreaterThan(generation);
    expect(await storedConformance(store.db)).toEqual({ window, counts: [counts[1], counts[0]] });

    // The same counts over a later window: nothing written, the generation stays.
    const later = { ...window, from: '2026-09-02T00:00:00.000Z', to: '2026-10-02T00:00:00.000Z' };
    expect(await replaceConformance(store.db, later, [...counts].reverse())).toBe(false);
    expect(await directoryGeneration(store.db)).toBe(moved);
    expect((await storedConformance(store.db)).window).toEqual(window);

    // One more breach, or another minimum sample: written.
    const more = [{ ...counts[0]!, breached: 3 }, counts[1]!];
    expect(await replaceConformance(store.db, later, more)).toBe(true);
    expect(await directoryGeneration(store.db)).toBeGreaterThan(moved);
    expect(await storedConformance(store.db)).toEqual({ window: later, counts: [more[1], more[0]] });
    expect(await replaceConformance(store.db, { ...later, minimumSample: 10 }, more)).toBe(true);
    expect(await replaceConformance(store.db, { ...later, minimumSample: 10 }, [])).toBe(true);
    expect((await storedConformance(store.db)).counts).toEqual([]);
  });
});
