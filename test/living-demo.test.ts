import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statement } from '../db/execute.js';
import { getOrder } from '../db/repositories/orders.js';
import { factsForEntity } from '../db/repositories/sla-facts.js';
import { refreshPerformance } from '../partners/performance/performance-refresh.js';
import { addMonths, previousMonth } from '../reports/index.js';
import { startDemoCarriers } from '../scripts/demo/carriers.js';
import { runDemoDesk } from '../scripts/demo/desk.js';
import { launchChromium, screenshot, serveApp, signIn } from './support/browser.js';
import { startTimeSkippingPlatform, type TimeSkippingPlatform } from './support/time-skipping.js';
import { waitFor } from './support/wait.js';

const MINUTE = 60_000;
const log = pino({ level: 'silent' });

type Offer = { partnerName: string; measuredConformance: { status: string; share?: number } };

/**
 * What `npm start` shows on a fresh database (scripts/demo/): the demo carriers with months of history, their
 * penalty reports finalized and in draft with waivers, measured ranking from that history, and a carrier running late
 * under short demo OLAs whose order reaches jeopardy and breach within minutes (on the time-skipping server, the
 * carriers' simulators over real HTTP, the demo desk ordering through the served API).
 */
describe('the living demo (time-skipping Temporal, simulated carriers over HTTP)', () => {
  let ts: TimeSkippingPlatform;
  let demo: Awaited<ReturnType<typeof startDemoCarriers>>;
  let site: Awaited<ReturnType<typeof serveApp>>;
  const count = async (table: string) =>
    Number(((await statement(ts.platform.db, `select count(*) as n from ${table}`).get()) as { n: number }).n);

  beforeAll(async () => {
    ts = await startTimeSkippingPlatform({ carriersOverHttp: true });
    demo = await startDemoCarriers({ db: ts.platform.db, log, financeTimeZone: 'Europe/London' });
    site = await serveApp(ts.platform.app);
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
    await site?.close();
    await ts?.stop();
  });

  it('seeds history once: finalized months, a draft with waivers, and measured figures that rank the late carrier last', async () => {
    const last = previousMonth(new Date(), 'Europe/London');
    const reports = (await (
      await ts.platform.request('GET', '/api/v1/reports/penalties', { key: ts.platform.keys.finance })
    ).json()) as { items: { month: string; state: string; lineCount: number }[] };
    expect(reports.items.map((r) => [r.month, r.state])).toEqual([
      [last, 'draft'],
      ...[1, 2, 3, 4, 5].map((k) => [addMonths(last, -k), 'final']),
    ]);
    expect(reports.items.every((r) => r.lineCount > 0)).toBe(true);
    const draft = (await (
      await ts.platform.request('GET', `/api/v1/reports/penalties/${last}`, { key: ts.platform.keys.finance })
    ).json()) as { lines: { waiverReason: string | null; amountAfterCapsMinor: number }[] };
    const waived = draft.lines.filter((l) => l.waiverReason !== null);
    expect(waived).toHaveLength(2);
    expect(waived.every((l) => l.amountAfterCapsMinor === 0)).toBe(true);
    const orders = await count('orders');
    const outcomes = await count('clock_outcomes');
    expect(orders).toBeGreaterThan(300);
    expect(await count('tickets')).toBeGreaterThan(60);
    expect(await count('breach_waivers')).toBe(3);

    // A second start finds the demo partners and seeds nothing more.
    await demo.close();
    demo = await startDemoCarriers({ db: ts.platform.db, log, financeTimeZone: 'Europe/London' });
    expect([await count('orders'), await count('clock_outcomes')]).toEqual([orders, outcomes]);

    await refreshPerformance(ts.platform.db, ts.now(), { windowDays: 90, minimumSample: 20 });
    const qualification = (await (
      await ts.platform.request('POST', '/api/v1/qualifications', {
        json: { address: { countryCode: 'GB', postcode: 'SW1A 1AA' }, productNeeds: { productCode: 'ETH-100' } },
      })
    ).json()) as { offers: Offer[] };
    const share = (name: string) =>
      qualification.offers.find((o) => o.partnerName.startsWith(name))!.measuredConformance;
    for (const name of ['Northern Fibre', 'Metro Ethernet', 'Slowline Networks'])
      expect(share(name).status).toBe('measured');
    expect(share('Slowline Networks').share!).toBeLessThan(share('Metro Ethernet').share!);
    expect(share('Metro Ethernet').share!).toBeLessThan(share('Northern Fibre').share!);
  });

  it("the demo desk orders from every carrier; the late carrier's order reaches jeopardy and breach in minutes", async () => {
    // The API's clock stands still between skips: move it past the start, where the late carrier's demo OLAs begin.
    await ts.skipTo(new Date(Date.now() + 1_000).toISOString());
    await runDemoDesk({ db: ts.platform.db, log, url: site.url, partnerIds: demo.partnerIds });
    const placed = (await statement(
      ts.platform.db,
      "select id, partner_id as partnerId from orders where created_by <> 'demo history' order by created_at",
    ).all()) as { id: string; partnerId: string }[];
    expect(placed.map((o) => o.partnerId).sort()).toEqual([...demo.partnerIds].sort());
    const late = placed.find((o) => o.partnerId === demo.partnerIds[2])!;
    // Every order accepted by its simulator before time skips: the test server skips cleanly only between activities.
    const accepted = await waitFor(
      async () => {
        const orders = await Promise.all(placed.map((o) => getOrder(ts.platform.db, o.id)));
        return orders.every((o) => o?.submission === 'submitted') ? orders : undefined;
      },
      { timeoutMs: 30_000, what: 'the orders accepted by their simulators' },
    );
    const submitted = accepted.find((o) => o!.id === late.id)!;
    await ts.skip(5 * MINUTE);
    const facts = await waitFor(
      async () => {
        const all = await factsForEntity(ts.platform.db, 'order', late.id);
        return all.some((f) => f.kind === 'breach') ? all : undefined;
      },
      { timeoutMs: 30_000, what: 'the breach of the demo delivery OLA' },
    );
    const start = Date.parse(submitted.carrierContactedAt!);
    const delivery = facts.filter((f) => f.olaId === 'delivery-demo');
    expect(delivery.map((f) => [f.kind, f.threshold])).toEqual([
      ['jeopardy', 50],
      ['jeopardy', 75],
      ['jeopardy', 90],
      ['breach', 100],
    ]);
    // The clock starts when the carrier accepted the order: at most the submission's own few seconds after contact.
    const breachAt = Date.parse(delivery[3]!.at);
    expect(breachAt - start).toBeGreaterThanOrEqual(4 * MINUTE);
    expect(breachAt - start).toBeLessThan(4 * MINUTE + 10_000);
    expect(delivery.map((f) => Date.parse(f.at) - (breachAt - 4 * MINUTE))).toEqual([
      2 * MINUTE,
      3 * MINUTE,
      3.6 * MINUTE,
      4 * MINUTE,
    ]);

    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await signIn(page, site.url, ts.platform.keys.desk);
      await page.goto(`${site.url}/`);
      expect(await page.locator('main').textContent()).toContain('Slowline Networks');
      await screenshot(page, 'living-demo-board');
      await page.goto(`${site.url}/benchmarks`);
      await page.getByRole('table', { name: /Partners per product and region/ }).waitFor();
      await screenshot(page, 'living-demo-benchmarks');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
