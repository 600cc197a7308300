import type { Browser, BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium, serveApp } from './browser.js';
import { seedCoverage } from './coverage.js';
import { givePolicy, policyDocument } from './policies.js';
import { startTimeSkippingPlatform } from './time-skipping.js';

/**
 * The dashboard served to real headless Chromium (Debian's, via playwright-core) from the real platform on Temporal's
 * time-skipping server, with two carriers that take no API calls: Northwind Fibre (4-hour delivery and restoration
 * OLAs, a late-delivery penalty, coverage at SW1A 1AA) and Southgate Tails.
 */
export async function startDashboardInChromium() {
  const ts = await startTimeSkippingPlatform();
  const carrier = await ts.platform.createPartner({
    name: 'Northwind Fibre',
    adapter: { orderingApi: 'none', troubleTicketApi: 'none' },
  });
  const other = await ts.platform.createPartner({
    name: 'Southgate Tails',
    adapter: { orderingApi: 'none', troubleTicketApi: 'none' },
  });
  await givePolicy(ts.platform.db, carrier.id, {
    ...policyDocument([
      {
        id: 'delivery-4h',
        metric: 'deliveryLeadTime',
        appliesTo: { entity: 'order' },
        stop: { state: 'completed' },
        target: { kind: 'clockDuration', hours: 4 },
        jeopardy: [50, 75, 90],
        penalty: { clause: 'late-delivery' },
      },
      {
        id: 'restore-4h',
        metric: 'faultRestoration',
        appliesTo: { entity: 'ticket' },
        stop: { state: ['resolved', 'closed'] },
        pause: { state: 'pending' },
        target: { kind: 'clockDuration', hours: 4 },
        jeopardy: [50, 75, 90],
      },
    ]),
    penaltyClauses: {
      'late-delivery': { kind: 'perUnitLate', unit: 'startedHour', rate: { amountMinor: 1500, currency: 'GBP' } },
    },
  });
  await seedCoverage(ts.platform.db, carrier.id, [
    { location: 'SW1A 1AA', productCode: 'ETH-100', bandwidthMbps: 100 },
  ]);
  const site = await serveApp(ts.platform.app);
  const browser: Browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const carrierPatch = async (path: string, body: unknown) =>
    expect((await ts.platform.request('PATCH', path, { key: carrier.key, json: body })).status).toBe(200);
  return {
    ts,
    site,
    carrier,
    other,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      return context.newPage();
    },
    /** The carrier updates a ticket or an order through our TMF621/TMF622 server. */
    patchTicket: (id: string, body: unknown) => carrierPatch(`/tmf-api/troubleTicket/v4/troubleTicket/${id}`, body),
    patchOrder: (id: string, body: unknown) =>
      carrierPatch(`/tmf-api/productOrderingManagement/v4/productOrder/${id}`, body),
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await site.close();
      await ts.stop();
    },
  };
}
export type DashboardInChromium = Awaited<ReturnType<typeof startDashboardInChromium>>;
