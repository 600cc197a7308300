import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Qualification } from '../openapi/qualification.js';
import { loadTmfSpec as loadSpec } from '../partners/certification/tmf-spec.js';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { seedCoverage } from './support/coverage.js';
import { createTestPlatform, uncertified, type TestPlatform } from './support/platform.js';
import { tmfSpecsDir } from './support/tmf-spec.js';

/**
 * Live qualification through MEF LSO Sonata (Product Offering Qualification v7) over real HTTP: the carrier is asked
 * to confirm the offers its coverage prices at the site, with the Access E-Line OVC configuration of MEF 106's
 * use case 2 as the product's template.
 */
const mefDir = path.resolve(tmfSpecsDir, '../mef');
const useCase2 = JSON.parse(fs.readFileSync(path.join(mefDir, 'examples/mef106/UseCase2Request.json'), 'utf8')) as {
  productOfferingQualificationItem: { product: { productConfiguration: Record<string, unknown> } }[];
};
const golden = useCase2.productOfferingQualificationItem[0]!.product.productConfiguration;
/** The golden configuration with every committed rate (CIR) a placeholder for the offer's bandwidth. */
const withCir = (node: unknown, value: unknown): unknown => {
  if (Array.isArray(node)) return node.map((n) => withCir(n, value));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      k === 'cir' && v && typeof v === 'object' ? { ...v, irValue: value } : withCir(v, value),
    ]),
  );
};
const template = withCir(golden, '{{bandwidthMbps}}') as Record<string, unknown>;

let sim: RunningSimulator;
let platform: TestPlatform;
let sonata: { id: string };

async function qualify(address: Record<string, unknown>) {
  const res = await platform.request('POST', '/api/v1/qualifications', {
    key: platform.keys.desk,
    json: { address: { countryCode: 'GB', ...address }, productNeeds: { minBandwidthMbps: 100 } },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Qualification;
}
const summary = (q: Qualification) =>
  q.offers.map((o) => [o.productCode, o.source, o.matchLevel, o.confidence, o.leadTimeDays]);

beforeAll(async () => {
  sim = await startSimulator({ profile: { ...fastProfile, unservedPostcodePrefixes: ['SW1A 9'] } });
  platform = await createTestPlatform({ liveQualificationDeadlineMs: 3_000 });
  sonata = await platform.createPartner({
    name: 'Sonata Co',
    adapter: {
      orderingApi: 'none',
      qualificationApi: 'sonata-poq-v7',
      qualificationBaseUrl: sim.sonataRoot,
      buyerContact: { name: 'Tailgate Desk', emailAddress: 'desk@tailgate.example', number: '+44 20 7946 0000' },
      productCodeMap: { 'ETH-100': '000073' },
      productSpecifications: { 'ETH-100': { id: 'AccessEline', productConfiguration: template } },
    },
  });
  await seedCoverage(platform.db, sonata.id, [
    { location: 'SW', monthlyChargeMinor: 30_000, leadTimeDays: 45, accessType: 'nearNet' },
    { location: 'SW', productCode: 'ETH-1000', bandwidthMbps: 1000, monthlyChargeMinor: 80_000 },
  ]);
});
afterAll(async () => {
  await platform?.close();
  await sim?.close();
});

describe('live qualification through MEF LSO Sonata', () => {
  it("confirms the coverage offer it is configured for: the carrier's confidence and interval, coverage's price", async () => {
    const q = await qualify({ postcode: 'SW1A 1AA', line1: '10 Downing Street', city: 'London' });
    // The simulator's catalogue does not name offering 000073: its installation interval is the profile's 10 days.
    expect(summary(q)).toEqual([
      ['ETH-100', 'live', 'address', 'green', 10],
      ['ETH-1000', 'coverage', 'area', 'red', 30],
    ]);
    expect(q.offers[0]).toMatchObject({ monthlyCharge: { amountMinor: 30_000, currency: 'GBP' } });
    expect(q.liveChecks).toEqual([
      {
        partnerId: sonata.id,
        partnerName: 'Sonata Co',
        outcome: 'answered',
        offers: 1,
        detail: 'ETH-1000: no productConfiguration in productSpecifications',
      },
    ]);
    const [asked] = sim.qualifications();
    const spec = loadSpec('productOfferingQualificationManagement.api.yaml', mefDir);
    spec.assertValid('ProductOfferingQualification_Create', asked!.request);
    spec.assertValid('ProductOfferingQualification', asked!.answer);
    const item = (asked!.request as typeof useCase2).productOfferingQualificationItem[0]!;
    // MEF 106 use case 2's OVC, with the offer's 100 Mbps as its committed rate.
    expect(item.product.productConfiguration).toEqual(withCir(golden, 100));
    expect(item.product).toMatchObject({
      productOffering: { id: '000073' },
      place: [{ '@type': 'FieldedAddress', role: 'INSTALL_LOCATION', postcode: 'SW1A 1AA', country: 'United Kingdom' }],
    });
  });

  it('removes an offer the carrier says it cannot deliver (red), saying why', async () => {
    const q = await qualify({ postcode: 'SW1A 9ZZ', line1: '1 Far Lane', city: 'London' });
    expect(summary(q).map(([code, source]) => [code, source])).toEqual([['ETH-1000', 'coverage']]);
    expect(q.liveChecks[0]).toMatchObject({ outcome: 'answered', offers: 0 });
    expect(q.liveChecks[0]?.detail).toContain('ETH-100 100 Mbps: No network at this site');
  });

  it("with address validation, asks about the seller's own address: served green, unserved red", async () => {
    const partner = (await (
      await platform.request('GET', `/api/v1/partners/${sonata.id}`, { key: platform.keys.admin })
    ).json()) as { adapter: Record<string, unknown> };
    const res = await platform.request('PATCH', `/api/v1/partners/${sonata.id}`, {
      key: platform.keys.admin,
      json: { adapter: { ...partner.adapter, addressValidationApi: 'sonata-gav-v7' }, ...uncertified },
    });
    expect(res.status).toBe(200);
    try {
      const served = await qualify({ postcode: 'SW1A 1AA', line1: '11 Downing Street', city: 'London' });
      expect(summary(served)[0]).toEqual(['ETH-100', 'live', 'address', 'green', 10]);
      const asked = sim.qualifications().at(-1)!.request as {
        productOfferingQualificationItem: { product: { place: unknown } }[];
      };
      expect(asked.productOfferingQualificationItem[0]!.product.place).toEqual([
        { '@type': 'GeographicAddressRef', id: expect.stringMatching(/^GEO-/), role: 'INSTALL_LOCATION' },
      ]);
      const unserved = await qualify({ postcode: 'SW1A 9ZY', line1: '2 Far Lane', city: 'London' });
      expect(summary(unserved).map(([code, source]) => [code, source])).toEqual([['ETH-1000', 'coverage']]);
    } finally {
      const back = await platform.request('PATCH', `/api/v1/partners/${sonata.id}`, {
        key: platform.keys.admin,
        json: { adapter: partner.adapter, ...uncertified },
      });
      expect(back.status).toBe(200);
    }
  });

  it('cannot ask for a site without a street and a city: its coverage offers stand', async () => {
    const before = sim.qualifications().length;
    const q = await qualify({ postcode: 'SW1A 2AA' });
    expect(sim.qualifications()).toHaveLength(before);
    expect(q.liveChecks[0]).toMatchObject({ outcome: 'failed', offers: 0 });
    expect(q.liveChecks[0]?.detail).toContain('FieldedAddress');
    expect(summary(q).map(([code, source]) => [code, source])).toEqual([
      ['ETH-100', 'coverage'],
      ['ETH-1000', 'coverage'],
    ]);
  });
});
