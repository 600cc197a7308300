import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomesForEntity } from '../db/repositories/clock-outcomes.js';
import { factsForEntity } from '../db/repositories/sla-facts.js';
import { screenshot, signIn } from './support/browser.js';
import { startDashboardInChromium, type DashboardInChromium } from './support/dashboard-browser.js';
import { orderInput, placeOrder } from './support/orders.js';
import { waitFor } from './support/wait.js';

const HOUR = 3_600_000;

/**
 * Later steps in real headless Chromium against the real platform on Temporal's time-skipping server: finance
 * finalizes a month with a late delivery in it, claims the line, disputes and settles it by importing the carrier's
 * credit note; the desk amends an open order. Every page is saved as a screenshot under test-artifacts/screenshots.
 */
describe('finance claims and desk amendments in Chromium (time-skipping Temporal)', () => {
  let dashboard: DashboardInChromium | undefined;
  beforeAll(async () => {
    dashboard = await startDashboardInChromium();
  }, 120_000);
  afterAll(() => dashboard?.close());

  it('finance finalizes the month, claims its line and settles it by importing the carrier’s credit note', async () => {
    const { ts, site, carrier, newPage, patchOrder } = dashboard!;
    // Northwind Fibre delivers an order late in 2027-03: 5 hours against its 4-hour OLA.
    await ts.skipTo('2027-03-01T09:00:00.000Z');
    const late = await placeOrder(
      ts.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100, deskReference: 'DESK-LATE-4H' }),
    );
    await patchOrder(late.id, { state: 'inProgress' });
    await ts.skip(5 * HOUR);
    await waitFor(
      async () => (await factsForEntity(ts.platform.db, 'order', late.id)).some((f) => f.kind === 'breach'),
      { timeoutMs: 20_000, what: 'the breach' },
    );
    await patchOrder(late.id, { state: 'completed' });
    await waitFor(async () => (await outcomesForEntity(ts.platform.db, 'order', late.id))[0], {
      timeoutMs: 20_000,
      what: 'the delivery outcome',
    });
    // A month is finalized from a draft generated after it ended.
    await ts.skipTo('2027-04-02T09:00:00.000Z');
    const finance = await newPage();
    await signIn(finance, site.url, ts.platform.keys.finance);
    await finance.goto(`${site.url}/finance`);
    await finance.getByLabel('Month (YYYY-MM)').fill('2027-03');
    await finance.getByRole('button', { name: 'Generate draft' }).click();
    await finance.getByRole('button', { name: 'Finalize 2027-03' }).click();
    await finance.getByRole('heading', { name: /2027-03 final/ }).waitFor();
    await finance.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credits' }).click();
    await finance.getByLabel('Month', { exact: true }).selectOption('2027-03');
    await finance.getByLabel('Partner', { exact: true }).selectOption({ label: 'Northwind Fibre' });
    await finance.getByRole('button', { name: 'Show lines' }).click();
    const line = finance
      .getByRole('table', { name: /month's lines and where their claims stand/ })
      .getByRole('row', { name: /DESK-LATE-4H/ });
    expect(await line.textContent()).toMatch(/owed$/);
    await finance.getByLabel('Claim reference').fill('CLM-NW-2027-03');
    await finance.getByRole('button', { name: 'Claim every owed line' }).click();
    expect(await line.textContent()).toMatch(/claimed$/);
    const owed = await finance.getByRole('table', { name: /Owed, claimed/ }).getByRole('row', { name: /Northwind/ });
    const [, owedText, unclaimed, claimed] = await owed.getByRole('cell').allTextContents();
    expect([unclaimed, claimed]).toEqual(['0.00 GBP', owedText]);
    await screenshot(finance, 'credits-claimed');

    await line.getByRole('link', { name: 'claimed' }).click();
    await finance.getByRole('heading', { name: /Claim CLM-NW-2027-03: DESK-LATE-4H/ }).waitFor();
    expect(await finance.getByRole('region', { name: 'Evidence' }).textContent()).toMatch(/delivery-4h: started/);
    await finance.getByLabel('Reason').first().fill('Carrier says the site was closed');
    await finance.locator('#dispute-on').fill('2027-04-03');
    await finance.getByRole('button', { name: 'Disputed' }).click();
    await finance.getByText('Carrier says the site was closed').waitFor();
    await screenshot(finance, 'credit-claim-disputed');

    await finance.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credits' }).click();
    await finance.getByLabel('Credit note from').selectOption({ label: 'Northwind Fibre' });
    const amount = owedText!.replace(' GBP', '');
    await finance.getByLabel('File').setInputFiles({
      name: 'northwind-credit-notes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `credit_note_reference,claim_reference,amount,currency,date\r\nCN-77,CLM-NW-2027-03,${amount},GBP,2027-04-20\r\n`,
      ),
    });
    await finance.getByRole('button', { name: 'Import and match' }).click();
    await finance.getByRole('heading', { name: 'Credit notes matched' }).waitFor();
    expect(await finance.getByRole('region', { name: 'Credit notes matched' }).textContent()).toMatch(
      /1 claim\(s\) settled in full/,
    );
    const received = await finance
      .getByRole('table', { name: /Owed, claimed/ })
      .getByRole('row', { name: /Northwind/ });
    expect((await received.getByRole('cell').allTextContents())[5]).toBe(owedText);
    await screenshot(finance, 'credits-settled');
  }, 120_000);

  it('the desk amends an open order from its page; the request and the carrier’s answer show beside it', async () => {
    const { ts, site, carrier, newPage } = dashboard!;
    const open = await placeOrder(
      ts.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100, deskReference: 'DESK-AMEND' }),
    );
    const desk = await newPage();
    await signIn(desk, site.url, ts.platform.keys.desk);
    await desk.goto(`${site.url}/orders/${open.id}`);
    await desk.getByLabel('Requested completion').fill('2099-06-30');
    await desk.getByLabel('Bandwidth (Mb/s)').fill('1000');
    await desk.getByRole('button', { name: 'Amend order' }).click();
    const request = desk.getByRole('table', { name: 'Requests to the carrier and its answers' }).getByRole('row', {
      name: /amend: requested completion date 2099-06-30; bandwidth 1000 Mbps/,
    });
    // The order's workflow sends it; a carrier that pulls its orders reads it on our TMF622 server. The page reads the
    // order and its requests in two statements (on PostgreSQL a reload can fall between the commit's two effects), so
    // it waits for both: the request published and the order's new date.
    const newDate = desk.getByRole('definition').filter({ hasText: '2099-06-30' });
    await waitFor(
      async () => {
        await desk.reload();
        return (await request.textContent())?.includes('published') && (await newDate.count()) > 0 ? true : undefined;
      },
      { what: 'the amendment published and applied' },
    );
    expect(await newDate.count()).toBe(1);
    expect(await desk.locator('dd', { hasText: '1000 Mb/s' }).count()).toBe(1);
    await screenshot(desk, 'order-amended');
    const finance = await newPage();
    await signIn(finance, site.url, ts.platform.keys.finance);
    await finance.goto(`${site.url}/orders/${open.id}`);
    expect(await finance.getByRole('button', { name: 'Amend order' }).count()).toBe(0);
  }, 120_000);
});
