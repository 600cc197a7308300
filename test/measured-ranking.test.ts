import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Qualification } from '../openapi/qualification.js';
import type { Tmf679Qualification } from '../openapi/tmf679.js';
import { refreshPerformance } from '../partners/performance/performance-refresh.js';
import { seedCoverage } from './support/coverage.js';
import { measuredHistory } from './support/measured-history.js';
import { createTestPlatform } from './support/platform.js';

/**
 * Ranking by measured OLA conformance, over HTTP: offers carry their partner's figure (API, TMF679, dashboard), the
 * figure ranks ahead of cost once measured, and answers already cached move when a refresh moves it.
 */
const platform = await createTestPlatform();
afterAll(() => platform.close());

const settings = { windowDays: 90, minimumSample: 20 };
const now = new Date('2026-10-01T00:00:00Z');
const site = { countryCode: 'GB', postcode: 'SW1A 1AA' };
const qualify = async () => {
  const res = await platform.request('POST', '/api/v1/qualifications', {
    json: { address: site, productNeeds: { productCode: 'ETH-100' } },
    key: platform.keys.desk,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Qualification;
};
const ranking = (q: Qualification) =>
  q.offers.map((o) => [o.partnerName, o.measuredConformance?.status, o.measuredConformance?.share]);

let cheap = '';
let reliable = '';
beforeAll(async () => {
  cheap = (await platform.createPartner({ name: 'Cheap Tails' })).id;
  reliable = (await platform.createPartner({ name: 'Reliable Tails' })).id;
  await seedCoverage(platform.db, cheap, [{ location: 'SW1A 1AA', monthlyChargeMinor: 20_000 }]);
  await seedCoverage(platform.db, reliable, [{ location: 'SW1A 1AA', monthlyChargeMinor: 40_000 }]);
});

describe('offers ranked by measured OLA conformance', () => {
  it('ranks the cheaper partner first while neither is measured, and says so on each offer', async () => {
    const q = await qualify();
    expect(ranking(q)).toEqual([
      ['Cheap Tails', 'notYetMeasured', null],
      ['Reliable Tails', 'notYetMeasured', null],
    ]);
    expect(q.offers[0]!.measuredConformance).toMatchObject({ met: 0, breached: 0, windowDays: 90, minimumSample: 20 });
  });

  it('puts the partner that meets its OLAs first once measured, in answers cached before the refresh too', async () => {
    const history = measuredHistory(platform.db);
    const finalAt = '2026-09-15T12:00:00.000Z';
    // Cheap: 10 of 20 delivery clocks met; Reliable: 19 of 20, plus an acknowledgement clock met on ETH-100.
    await history.orderClocks(cheap, 'ETH-100', 'orderDelivery', { met: 10, breached: 10 }, finalAt);
    await history.orderClocks(reliable, 'ETH-100', 'orderDelivery', { met: 19, breached: 1 }, finalAt);
    await history.orderClocks(reliable, 'ETH-100', 'orderAcknowledgement', { met: 1, breached: 0 }, finalAt);

    // Reliable delivered 10 on-net ETH-100 orders, after 1 to 10 working days: 80% within 8.
    for (let days = 1; days <= 10; days++)
      await history.deliveredOrder(reliable, 'ETH-100', '2026-09-07T09:00:00.000Z', days);

    // Recorded but not yet refreshed: the cached answer stands.
    expect(ranking(await qualify())[0]).toEqual(['Cheap Tails', 'notYetMeasured', null]);

    expect(await refreshPerformance(platform.db, now, settings)).toEqual({ conformance: true, delivery: true });
    const q = await qualify();
    expect(ranking(q)).toEqual([
      ['Reliable Tails', 'measured', 0.9524],
      ['Cheap Tails', 'measured', 0.5],
    ]);
    expect(q.offers[0]!.measuredConformance).toEqual({
      status: 'measured',
      scope: 'product',
      share: 0.9524,
      met: 20,
      breached: 1,
      byMetric: [
        { metric: 'orderAcknowledgement', met: 1, breached: 0, share: 1 },
        { metric: 'orderDelivery', met: 19, breached: 1, share: 0.95 },
      ],
      windowDays: 90,
      minimumSample: 20,
    });

    expect(q.offers[0]!.deliveryEstimate).toEqual({
      status: 'estimated',
      share: 0.8,
      withinWorkingDays: 8,
      scope: 'partnerProductAccess',
      completions: 10,
      observations: 10,
      minimumCompletions: 10,
    });
    // Cheap delivered nothing yet: every partner's ETH-100 orders (Reliable's 10 deliveries, 41 orders still open
    // after 22 working days) never reach 80% delivered.
    expect(q.offers[1]!.deliveryEstimate).toMatchObject({
      status: 'estimated',
      scope: 'product',
      withinWorkingDays: null,
      completions: 10,
      observations: 51,
    });

    // A refresh that finds nothing new writes nothing; a stored qualification keeps the figures it was given.
    expect(await refreshPerformance(platform.db, now, settings)).toEqual({ conformance: false, delivery: false });
    const stored = await platform.request('GET', `/api/v1/qualifications/${q.id}`, { key: platform.keys.desk });
    expect(ranking((await stored.json()) as Qualification)).toEqual(ranking(q));
  });

  it('shows the figure on TMF679 proposals and on the dashboard', async () => {
    const res = await platform.request(
      'POST',
      '/tmf-api/productOfferingQualification/v4/productOfferingQualification',
      {
        key: platform.keys.desk,
        json: {
          instantSyncQualification: true,
          provideAlternative: true,
          productOfferingQualificationItem: [
            {
              id: 'item-1',
              action: 'add',
              productOffering: { id: 'ETH-100' },
              product: {
                place: [
                  { role: 'installationAddress', '@type': 'GeographicAddress', postcode: 'SW1A 1AA', country: 'GB' },
                ],
              },
            },
          ],
        },
      },
    );
    expect(res.status).toBe(201);
    const proposals = ((await res.json()) as Tmf679Qualification).productOfferingQualificationItem[0]!
      .alternateProductOfferingProposal;
    const measured = (i: number) =>
      proposals[i]!.alternateProduct.productCharacteristic.filter((c) => c.name.startsWith('measuredOla'));
    expect(measured(0)).toEqual([
      { name: 'measuredOlaConformance', value: 0.9524, valueType: 'number' },
      { name: 'measuredOlaClocks', value: 21, valueType: 'integer' },
      { name: 'measuredOlaScope', value: 'product', valueType: 'string' },
    ]);
    expect(proposals[0]!.alternateProduct.productCharacteristic).toContainEqual({
      name: 'deliveredWithinWorkingDays80',
      value: 8,
      valueType: 'integer',
    });
    expect(proposals[0]!.alternateProduct.relatedParty[0]!.name).toBe('Reliable Tails');

    const q = await qualify();
    const cookie = await platform.sessionCookie(platform.keys.desk);
    const page = await (await platform.app.request(`/qualify/${q.id}`, { headers: { cookie } })).text();
    expect(page).toContain('OLAs met');
    expect(page).toMatch(/95\.2%\s*<span class="muted">of 21 clocks, 90 days<\/span>/);
    expect(page).toMatch(/50\.0%\s*<span class="muted">of 20 clocks, 90 days<\/span>/);
    expect(page).toContain('Delivered (80%)');
    expect(page).toMatch(/within 8 working days\s*<span class="muted">\(10 of 10 orders, this product and access\)/);
    expect(page).toContain('80% not yet delivered (10 of 51 orders, all partners, this product)');
  });
});
