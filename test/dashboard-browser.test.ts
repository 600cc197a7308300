import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomesForEntity } from '../db/repositories/clock-outcomes.js';
import { openManualTask } from '../db/repositories/manual-tasks.js';
import { listOrders } from '../db/repositories/orders.js';
import { factsForEntity } from '../db/repositories/sla-facts.js';
import { screenshot, signIn } from './support/browser.js';
import { startDashboardInChromium, type DashboardInChromium } from './support/dashboard-browser.js';
import { orderInput, placeOrder } from './support/orders.js';
import { waitFor } from './support/wait.js';

const HOUR = 3_600_000;

/**
 * The dashboard in real headless Chromium (Debian's, via playwright-core) against the real platform on Temporal's
 * time-skipping server: an order breaches its 4-hour OLA while still open and shows on the jeopardy board, its SLA
 * time line draws the breach, an order placed from a qualification is placed once however often its form is sent, a
 * ticket's time line shows a buyer pause, finance downloads the month's CSV, and another partner's key cannot see the
 * order. Every page is saved as a screenshot under test-artifacts/screenshots.
 */
describe('operations dashboard in Chromium (time-skipping Temporal)', () => {
  let dashboard: DashboardInChromium | undefined;
  beforeAll(async () => {
    dashboard = await startDashboardInChromium();
  }, 120_000);
  afterAll(() => dashboard?.close());

  it('desk sees a breached order on the board and its SLA time line; finance downloads the CSV; another partner gets 404', async () => {
    const { ts, site, carrier, other, newPage, patchOrder, patchTicket } = dashboard!;
    await ts.skipTo('2027-03-01T09:00:00.000Z');
    const order = (ref: string, partnerId = carrier.id) =>
      placeOrder(
        ts.platform,
        orderInput({ partnerId, productCode: 'ETH-100', bandwidthMbps: 100, deskReference: ref }),
      );
    const late = await order('DESK-LATE-4H');
    await patchOrder(late.id, { state: 'inProgress' });
    await ts.skip(2 * HOUR);
    const atRisk = await order('DESK-AT-RISK');
    const theirs = await order('DESK-SOUTHGATE', other.id);
    await ts.skip(3 * HOUR); // late: 5 h of 4 (breached); at risk: 3 h of 4 (75 %)
    await waitFor(
      async () => (await factsForEntity(ts.platform.db, 'order', late.id)).some((f) => f.kind === 'breach'),
      {
        timeoutMs: 20_000,
        what: 'the breach',
      },
    );
    await waitFor(
      async () => (await factsForEntity(ts.platform.db, 'order', atRisk.id)).some((f) => f.threshold === 75),
      {
        timeoutMs: 20_000,
        what: 'the 75% jeopardy',
      },
    );

    const desk = await newPage();
    await desk.goto(`${site.url}/`);
    expect(new URL(desk.url()).pathname).toBe('/sign-in');
    await screenshot(desk, 'sign-in');
    await signIn(desk, site.url, ts.platform.keys.desk);
    const breachedRow = desk
      .locator('section', { has: desk.getByRole('heading', { name: /Breached and still open/ }) })
      .getByRole('row', { name: /DESK-LATE-4H/ });
    await breachedRow.waitFor();
    expect(await breachedRow.textContent()).toMatch(/delivery-4h.*2027-03-01 13:00 UTC/);
    const riskRow = desk.getByRole('row', { name: /DESK-AT-RISK/ });
    expect(await riskRow.textContent()).toMatch(/(59 min \d+ s|1 h 0 min 0 s) left.*50%, 75%/);
    // The countdown ticks in the browser (the script runs under the page's CSP), from the server's clock.
    const countdown = riskRow.locator('.countdown');
    await countdown.filter({ hasNotText: (await countdown.textContent())! }).waitFor();
    expect(await desk.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'Jeopardy',
      'Orders',
      'Tickets',
      'Qualify and order',
      'Desk queue',
      'Outbox',
      'Scorecards',
      'Benchmarks',
    ]);
    await screenshot(desk, 'jeopardy-board');
    await desk.getByRole('link', { name: 'risk (chance of delivery on time)' }).click();
    await desk.getByRole('heading', { name: 'At risk, least likely on time first' }).waitFor();
    await screenshot(desk, 'jeopardy-board-by-risk');
    await desk.goto(`${site.url}/`);

    await breachedRow.getByRole('link').click();
    await desk.getByRole('heading', { name: 'Order DESK-LATE-4H' }).waitFor();
    const timeLine = desk.getByRole('img', { name: 'Time line of OLA delivery-4h' });
    await timeLine.waitFor();
    expect(await timeLine.locator('.breach').count()).toBe(1);
    expect(await timeLine.locator('.threshold.reached').count()).toBe(3);
    expect(await desk.locator('svg desc').first().textContent()).toContain('breached 2027-03-01 13:00 UTC');
    await screenshot(desk, 'order-sla-time-line');

    await desk.goto(`${site.url}/orders`);
    await desk.getByLabel('Reference').fill('DESK-AT-RISK');
    await desk.getByRole('button', { name: 'Search' }).click();
    await desk.waitForURL(/q=DESK-AT-RISK/);
    expect(await desk.locator('tbody tr').count()).toBe(1);
    await screenshot(desk, 'orders');

    await desk.goto(`${site.url}/qualify`);
    await desk.getByLabel('Postcode or ZIP').fill('SW1A 1AA');
    await desk.getByLabel('Minimum bandwidth (Mb/s)').fill('100');
    await desk.getByRole('button', { name: 'Find offers' }).click();
    await desk.getByRole('table', { name: /Offers for SW1A 1AA/ }).waitFor();
    expect(await desk.locator('thead th').allTextContents()).toEqual(
      expect.arrayContaining(['OLAs met', 'Delivered (80%)']),
    );
    await screenshot(desk, 'qualification-offers');
    await desk.getByLabel('Desk reference').fill('DESK-FROM-DASHBOARD');
    await desk.getByLabel('Requested completion date').fill('2027-06-30');
    await desk.getByLabel('Site address line').fill('10 Downing Street');
    await desk.getByLabel('City').fill('London');
    await desk.getByLabel('Site contact name').fill('Sam Patel');
    await desk.getByLabel('Site contact e-mail').fill('sam@customer.example');
    const orderForm = desk.locator('form', { has: desk.getByRole('button', { name: 'Place order' }) });
    const action = (await orderForm.getAttribute('action'))!;
    const sent = {
      idempotencyKey: await desk.locator('input[name=idempotencyKey]').inputValue(),
      offerId: await desk.locator('input[name=offerId]:checked').inputValue(),
      deskReference: 'DESK-FROM-DASHBOARD',
      requestedCompletionDate: '2027-06-30',
      line1: '10 Downing Street',
      city: 'London',
      contactName: 'Sam Patel',
      contactEmail: 'sam@customer.example',
    };
    await desk.getByRole('button', { name: 'Place order' }).click();
    await desk.getByRole('heading', { name: 'Order DESK-FROM-DASHBOARD' }).waitFor();
    await screenshot(desk, 'order-placed');
    // The same form sent again (a double submit, a reload) replays the first placement: one order.
    const again = await desk.request.post(`${site.url}${action}`, { headers: { origin: site.url }, form: sent });
    expect(again.url()).toBe(desk.url());
    expect(await listOrders(ts.platform.db, { reference: 'DESK-FROM-DASHBOARD', limit: 5 })).toHaveLength(1);

    await patchOrder(late.id, { state: 'completed' });
    await waitFor(async () => (await outcomesForEntity(ts.platform.db, 'order', late.id))[0], {
      timeoutMs: 20_000,
      what: 'the delivery outcome',
    });
    // The desk raises the fault from the delivered order's page.
    await desk.goto(`${site.url}/orders/${late.id}`);
    const form = desk.getByRole('region', { name: 'A fault on this tail' });
    await form.getByLabel('Desk reference').fill('INC-PAUSED');
    await form.getByLabel('Severity').selectOption('critical');
    await form.getByLabel('Priority').selectOption('1');
    await form.getByLabel('Impact').fill('Site down');
    await form.getByLabel('Description').fill('No light on the NTE');
    await form.getByLabel('Contact name').fill('Ann Example');
    await form.getByLabel('Contact e-mail').fill('ann@customer.example');
    await form.getByRole('button', { name: 'Raise ticket' }).click();
    await desk.waitForURL(/\/tickets\/tkt_/);
    const fault = { id: decodeURIComponent(new URL(desk.url()).pathname.split('/').pop()!) };
    await patchTicket(fault.id, { status: 'inProgress' });
    await ts.skip(HOUR);
    await patchTicket(fault.id, { status: 'pending' });
    await ts.skip(HOUR / 2);
    await patchTicket(fault.id, { status: 'inProgress' });
    await desk.goto(`${site.url}/tickets`);
    await desk.getByRole('link', { name: 'INC-PAUSED' }).click();
    const ticketLine = desk.getByRole('img', { name: 'Time line of OLA restore-4h' });
    await ticketLine.waitFor();
    expect(await ticketLine.locator('.span.paused').count()).toBe(1);
    await screenshot(desk, 'ticket-sla-time-line');
    await desk.goto(`${site.url}/tickets`);
    await screenshot(desk, 'tickets');

    // The desk's queue: a task the carrier's silence opened, claimed and resolved with a note.
    await openManualTask(ts.platform.db, {
      orderId: late.id,
      ticketId: fault.id,
      kind: 'ticket_partner_unreachable',
      reason: 'the carrier did not answer 5 attempts to send the fault',
      now: ts.now(),
    });
    await desk.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Desk queue' }).click();
    const task = desk.getByRole('table', { name: 'Open tasks' }).getByRole('row', { name: /INC-PAUSED/ });
    await task.getByRole('button', { name: 'Claim' }).click();
    await task.getByText('Claimed by you').waitFor();
    await task.getByLabel('Resolution note').fill('Phoned their NOC; the fault is with them now');
    await screenshot(desk, 'desk-queue');
    await task.getByRole('button', { name: 'Resolve' }).click();
    await desk
      .getByRole('table', { name: 'Resolved tasks' })
      .getByText('Phoned their NOC; the fault is with them now')
      .waitFor();
    expect(await desk.getByRole('table', { name: 'Open tasks' }).count()).toBe(0);
    // The desk cancels an order from its page: the same cancellation the API asks for, in its timeline.
    await desk.goto(`${site.url}/orders/${atRisk.id}`);
    await desk.getByLabel('Reason to cancel').fill('Customer withdrew the request');
    await desk.getByRole('button', { name: 'Cancel order' }).click();
    await desk.waitForURL(new RegExp(`/orders/${atRisk.id}$`));
    await desk.getByText('Customer withdrew the request').first().waitFor();
    await screenshot(desk, 'order-cancel-requested');
    await desk.getByRole('button', { name: 'Sign out' }).click();
    await desk.waitForURL(/\/sign-in$/);
    await desk.goto(`${site.url}/orders`);
    expect(new URL(desk.url()).pathname).toBe('/sign-in');
    const finance = await newPage();
    await signIn(finance, site.url, ts.platform.keys.finance);
    expect(new URL(finance.url()).pathname).toBe('/orders');
    await finance.goto(`${site.url}/finance`);
    await finance.getByLabel('Month (YYYY-MM)').fill('2027-03');
    await finance.getByRole('button', { name: 'Generate draft' }).click();
    await finance.getByRole('heading', { name: /2027-03 draft/ }).waitFor();
    await screenshot(finance, 'finance');
    const [download] = await Promise.all([
      finance.waitForEvent('download'),
      finance.getByRole('link', { name: 'Download 2027-03 CSV (all partners)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('penalties-2027-03.csv');
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^\uFEFFline_id,kind,/);
    expect(csv).toContain('DESK-LATE-4H');
    await finance.goto(`${site.url}/scorecards?partner=${carrier.id}&month=2027-03`);
    await finance.getByRole('img', { name: /OLA conformance of Northwind Fibre/ }).waitFor();
    expect(await finance.getByRole('row', { name: /delivery-4h/ }).textContent()).toMatch(/01\s*0 %/);
    await screenshot(finance, 'scorecard');
    await finance.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Benchmarks' }).click();
    await finance.getByRole('table', { name: /Partners per product and region, last 90 days/ }).waitFor();
    expect(
      await finance
        .getByRole('row', { name: /Northwind Fibre/ })
        .first()
        .textContent(),
    ).toMatch(/ETH-100/);
    await screenshot(finance, 'partner-benchmarks');
    const [benchmarks] = await Promise.all([
      finance.waitForEvent('download'),
      finance.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(benchmarks.suggestedFilename()).toBe('partner-benchmarks-90d.csv');
    expect(fs.readFileSync((await benchmarks.path())!, 'utf8')).toMatch(
      /^partner_id,partner_name,.*\r\n.*Northwind Fibre,ETH-100,GB:SW,/s,
    );

    await finance.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policy what-if' }).click();
    await finance.getByLabel('Partner').selectOption({ label: 'Northwind Fibre' });
    await finance.getByLabel('Recorded months').fill('2027-03');
    await finance
      .getByLabel('Events')
      .fill(
        [
          '2027-02-01T09:00:00Z placed',
          '2027-02-01T09:05:00Z state inProgress',
          '2027-02-01T15:00:00Z state completed',
        ].join('\n'),
      );
    await finance.getByRole('button', { name: 'Evaluate' }).click();
    // The 4-hour delivery clock from the carrier's first word (09:05) is due 13:05; done at 15:00: 2 started hours.
    const clock = finance.getByRole('table', { name: 'Clocks' }).getByRole('row', { name: /delivery-4h/ });
    expect(await clock.textContent()).toMatch(/breached.*2027-02-01 13:05 UTC/s);
    expect(await finance.getByRole('table', { name: 'Penalty lines of the timeline' }).textContent()).toMatch(
      /2 startedHour30\.00 GBP/,
    );
    const month = finance.getByRole('table', { name: /this policy beside the month's report/ }).getByRole('row', {
      name: /2027-03/,
    });
    const cells = await month.getByRole('cell').allTextContents();
    expect(cells[4]).toBe(`${cells[3]} (draft)`);
    await screenshot(finance, 'policy-what-if');

    const partner = await newPage();
    await signIn(partner, site.url, other.key);
    expect(await partner.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'Jeopardy',
      'Orders',
      'Tickets',
    ]);
    const refused = await partner.goto(`${site.url}/orders/${late.id}`);
    expect(refused?.status()).toBe(404);
    await partner.getByRole('heading', { name: 'Not found' }).waitFor();
    await screenshot(partner, 'partner-other-order-404');
    await partner.goto(`${site.url}/orders`);
    expect(await partner.locator('tbody').textContent()).toContain('DESK-SOUTHGATE');
    expect(await partner.locator('tbody').textContent()).not.toContain('DESK-LATE-4H');
    expect((await partner.goto(`${site.url}/finance`))?.status()).toBe(403);
    void theirs;
  }, 240_000);
});
