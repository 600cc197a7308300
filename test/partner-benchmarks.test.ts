import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartnerBenchmarks } from '../openapi/benchmarks.js';
import { measuredHistory } from './support/measured-history.js';
import { createTestPlatform } from './support/platform.js';

/** Partners side by side (API, CSV, dashboard), from orders, tickets and clock outcomes written as rows. */
const now = new Date('2026-10-01T00:00:00.000Z');
const platform = await createTestPlatform({ now: () => now });
afterAll(() => platform.close());

let alpha: { id: string; key: string };
let bravo: { id: string; key: string };
beforeAll(async () => {
  alpha = await platform.createPartner({ name: 'Alpha Tails' });
  bravo = await platform.createPartner({ name: 'Bravo Tails' });
  const history = measuredHistory(platform.db);
  // Alpha, ETH-100 at SW1A 1AA (region GB:SW): delivered after 2, 4 and 10 working days.
  const orders = [];
  for (const days of [2, 4, 10])
    orders.push(await history.deliveredOrder(alpha.id, 'ETH-100', '2026-09-07T09:00:00.000Z', days));
  // Its delivery clocks: 3 met and 1 breached in the window; 1 and 1 in the 90 days before it.
  const clock = async (state: 'met' | 'breached', finalAt: string) =>
    await history.outcome({
      partnerId: alpha.id,
      entityType: 'order',
      entityId: await history.order(alpha.id, 'ETH-100'),
      metric: 'orderDelivery',
      state,
      finalAt,
    });
  for (const state of ['met', 'met', 'met', 'breached'] as const) await clock(state, '2026-09-20T12:00:00.000Z');
  await clock('met', '2026-05-20T12:00:00.000Z');
  await clock('breached', '2026-05-21T12:00:00.000Z');
  // Bravo: one fault on its order, restored after 5 hours.
  const bravoOrder = await history.order(bravo.id, 'ETH-1G');
  await history.ticket(bravo.id, bravoOrder, '2026-09-10T08:00:00.000Z', '2026-09-10T13:00:00.000Z');
});

const get = async (query: string, key: string | null = platform.keys.desk) =>
  await platform.request('GET', `/api/v1/partner-benchmarks${query}`, { key });

describe('partner benchmarks', () => {
  it('puts partners side by side per product and region over the window, with the trend against the one before', async () => {
    const res = await get('?windowDays=90');
    expect(res.status).toBe(200);
    const body = (await res.json()) as PartnerBenchmarks;
    expect(body.window).toEqual({ from: '2026-07-03T00:00:00.000Z', to: now.toISOString(), days: 90 });
    expect(body.items).toEqual([
      {
        partnerId: alpha.id,
        partnerName: 'Alpha Tails',
        productCode: 'ETH-100',
        region: 'GB:SW',
        ordersCompleted: 3,
        provideWorkingDays: { mean: 5.3, p80: 10 },
        ticketsResolved: 0,
        restoreHours: { mean: null, p80: null },
        conformance: {
          met: 3,
          breached: 1,
          share: 0.75,
          byMetric: [{ metric: 'orderDelivery', met: 3, breached: 1, share: 0.75 }],
        },
        previousShare: 0.5,
        trend: 0.25,
        breaches: 1,
        penaltiesBilled: [],
      },
      expect.objectContaining({
        partnerName: 'Bravo Tails',
        productCode: 'ETH-1G',
        region: 'GB:SW',
        ordersCompleted: 0,
        ticketsResolved: 1,
        restoreHours: { mean: 5, p80: 5 },
        conformance: { met: 0, breached: 0, share: null, byMetric: [] },
        trend: null,
      }),
    ]);
  });

  it('shows a partner only its own rows, and refuses a bad window with the field that is wrong', async () => {
    const own = (await (await get('', alpha.key)).json()) as PartnerBenchmarks;
    expect(own.items.map((r) => r.partnerId)).toEqual([alpha.id]);
    const bad = await get('?windowDays=0');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('windowDays');
    expect((await get('', null)).status).toBe(401);
  });

  it('downloads as CSV and shows on the dashboard', async () => {
    const csv = await get('?format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'partner_id,partner_name,product_code,region,orders_completed,provide_working_days_mean,' +
        'provide_working_days_p80,tickets_resolved,restore_hours_mean,restore_hours_p80,clocks_met,clocks_breached,' +
        'conformance_share,previous_share,trend,by_metric,breaches,penalties_billed_minor',
    );
    expect(lines[1]).toBe(
      `${alpha.id},Alpha Tails,ETH-100,GB:SW,3,5.3,10,0,,,3,1,0.75,0.5,0.25,orderDelivery=0.75 (3/4),1,`,
    );
    expect(lines).toHaveLength(3);

    const cookie = await platform.sessionCookie(platform.keys.finance);
    const page = await (await platform.app.request('/benchmarks?days=90', { headers: { cookie } })).text();
    expect(page).toContain('Partners per product and region, last 90 days');
    expect(page).toMatch(/75\.0%\s*<span class="muted">\(3\/4\)<\/span>/);
    expect(page).toContain('+25.0 pts');
    expect(page).toContain('5.3 wd / 10 wd');
  });
});
