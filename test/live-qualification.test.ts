import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Qualification } from '../openapi/qualification.js';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { seedCoverage } from './support/coverage.js';
import { orderInput } from './support/orders.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';
import { loadTmfSpec } from './support/tmf-spec.js';
import { tmf679v4SpecFile } from '../partners/certification/tmf-spec.js';

/**
 * Live qualification over real HTTP: the platform asks a simulated carrier's TMF679 API (which demands credentials)
 * beside the coverage of another partner. The deadline is generous so a loaded machine's fast answer is never late;
 * the slow carrier takes a minute.
 */
const DEADLINE_MS = 3_000;
let clock = new Date();
let sim: RunningSimulator;
let platform: TestPlatform;
let coverageOnly: { id: string };
let live: { id: string; name: string };

const site = (postcode: string) => ({ countryCode: 'GB', postcode, line1: '1 Test Street', city: 'London' });
async function qualify(postcode: string, productNeeds: Record<string, unknown> = { productCode: 'ETH-100' }) {
  const res = await platform.request('POST', '/api/v1/qualifications', {
    key: platform.keys.desk,
    json: { address: site(postcode), productNeeds },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Qualification;
}
const offersOf = (q: Qualification) =>
  q.offers.map((o) => [o.partnerId === live.id ? 'live-co' : 'coverage-co', o.source, o.matchLevel, o.productCode]);

beforeAll(async () => {
  sim = await startSimulator({ profile: fastProfile, requireAuth: 'Bearer live-secret' });
  platform = await createTestPlatform({
    now: () => clock,
    partnerSecrets: new Map([['LIVE_CO', 'live-secret']]),
    liveQualificationDeadlineMs: DEADLINE_MS,
  });
  coverageOnly = await platform.createPartner({ name: 'Coverage Co' });
  live = await platform.createPartner({
    name: 'Live Co',
    adapter: {
      orderingApi: 'tmf622-v4',
      qualificationApi: 'tmf679-v4',
      baseUrl: sim.apiRoot,
      credentialsRef: 'live-co',
    },
  });
  await seedCoverage(platform.db, coverageOnly.id, [{ location: 'SW', monthlyChargeMinor: 10_000 }]);
  // Live Co's uploaded coverage: what stands whenever it does not answer.
  await seedCoverage(platform.db, live.id, [{ location: 'SW', monthlyChargeMinor: 5_000 }]);
});
afterAll(async () => {
  await platform?.close();
  await sim?.close();
});

describe('live qualification (TMF679 to the carrier)', () => {
  it('asks the carrier and ranks its answer for the site, marked live, in place of its coverage', async () => {
    const q = await qualify('SW1A 1AA');
    expect(offersOf(q)).toEqual([
      ['live-co', 'live', 'address', 'ETH-100'],
      ['coverage-co', 'coverage', 'area', 'ETH-100'],
    ]);
    const [asked] = sim.qualifications();
    expect(sim.qualifications()).toHaveLength(1);
    expect(q.offers[0]).toMatchObject({
      partnerId: live.id,
      confidence: 'green',
      installCharge: { amountMinor: 80_000, currency: 'GBP' },
      monthlyCharge: { amountMinor: 30_000, currency: 'GBP' },
      leadTimeDays: 20,
      validUntil: new Date(Date.parse(asked!.answer.expirationDate as string)).toISOString(),
    });
    expect(q.offers[1]?.validUntil).toBeNull();
    expect(q.liveChecks).toEqual([
      { partnerId: live.id, partnerName: 'Live Co', outcome: 'answered', offers: 1, detail: null },
    ]);
    // Both directions are TMF679 v4 as the official file defines it.
    const spec = loadTmfSpec(tmf679v4SpecFile);
    spec.assertValid('ProductOfferingQualification_Create', asked!.request);
    spec.assertValid('ProductOfferingQualification', asked!.answer);
    expect(asked!.request).toMatchObject({
      place: [{ postcode: 'SW1A 1AA', country: 'GB', role: 'installationAddress' }],
      productOfferingQualificationItem: [{ productOffering: { id: 'ETH-100' } }],
    });
  });

  it('reuses a kept answer for the same site and needs, and shows the checks when read back', async () => {
    const q = await qualify('SW1A 1AA');
    expect(sim.qualifications()).toHaveLength(1);
    expect(q.liveChecks.map((c) => c.outcome)).toEqual(['cached']);
    const read = await platform.request('GET', `/api/v1/qualifications/${q.id}`, { key: platform.keys.desk });
    const stored = (await read.json()) as Qualification;
    expect(stored.liveChecks).toEqual(q.liveChecks);
    expect(stored.offers).toEqual(q.offers);
  });

  it("an unqualified answer removes the carrier's coverage offers at that site", async () => {
    sim.setProfile({ ...fastProfile, unservedPostcodePrefixes: ['SW1A 2'] });
    const q = await qualify('SW1A 2AA');
    expect(offersOf(q)).toEqual([['coverage-co', 'coverage', 'area', 'ETH-100']]);
    expect(q.liveChecks).toMatchObject([{ outcome: 'answered', offers: 0 }]);
  });

  it('a carrier that fails or misses the deadline is reported so, and its coverage offers stand', async () => {
    sim.setProfile({ ...fastProfile, errorRate: 1 });
    const failed = await qualify('SW1A 3AA');
    expect(failed.liveChecks).toMatchObject([{ outcome: 'failed', offers: 0 }]);
    expect(failed.liveChecks[0]?.detail).toContain('503');
    expect(offersOf(failed)).toEqual([
      ['live-co', 'coverage', 'area', 'ETH-100'],
      ['coverage-co', 'coverage', 'area', 'ETH-100'],
    ]);

    sim.setProfile({ ...fastProfile, qualifyDelayMs: 60_000 });
    const late = await qualify('SW1A 4AA');
    expect(late.liveChecks).toEqual([
      {
        partnerId: live.id,
        partnerName: 'Live Co',
        outcome: 'timedOut',
        offers: 0,
        detail: `no answer within ${DEADLINE_MS} ms`,
      },
    ]);
    expect(offersOf(late).map(([who, source]) => [who, source])).toEqual([
      ['live-co', 'coverage'],
      ['coverage-co', 'coverage'],
    ]);
  });

  it('refuses an order from a live offer once the carrier no longer stands by it', async () => {
    sim.setProfile({ ...fastProfile, qualificationValidityMs: 60 * 60 * 1000 });
    const q = await qualify('SW1A 5AA');
    const offer = q.offers.find((o) => o.source === 'live')!;
    const expiration = sim.qualifications().at(-1)?.answer.expirationDate as string;
    expect(offer.validUntil).toBe(new Date(Date.parse(expiration)).toISOString());
    clock = new Date(Date.parse(offer.validUntil!) + 1_000);
    const res = await platform.request('POST', '/api/v1/orders', {
      key: platform.keys.desk,
      json: orderInput({ offerId: offer.id, site: site('SW1A 5AA') }),
      headers: { 'idempotency-key': 'live-expired' },
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain(`the offer expired at ${offer.validUntil}`);
  });

  it("maps product codes both ways and applies the desk's other needs to the carrier's offers", async () => {
    sim.setProfile({
      ...fastProfile,
      qualificationCatalogue: [
        ...fastProfile.qualificationCatalogue.map((e) => ({ ...e, productOfferingId: `SIM-${e.productOfferingId}` })),
        { ...fastProfile.qualificationCatalogue[0]!, productOfferingId: 'SIM-UNMAPPED', bandwidthMbps: 500 },
      ],
    });
    const patched = await platform.request('PATCH', `/api/v1/partners/${live.id}`, {
      json: {
        adapter: {
          orderingApi: 'tmf622-v4',
          qualificationApi: 'tmf679-v4',
          baseUrl: sim.apiRoot,
          credentialsRef: 'live-co',
          productCodeMap: { 'ETH-100': 'SIM-ETH-100', 'ETH-1000': 'SIM-ETH-1000' },
        },
      },
    });
    expect(patched.status).toBe(200);
    const before = sim.qualifications().length;
    // Any product of at least 100 Mbps, delivered within 25 days: ETH-1000 (30 days) is offered but filtered out.
    const q = await qualify('SW1A 1AA', { minBandwidthMbps: 100, maxLeadTimeDays: 25 });
    expect(sim.qualifications()).toHaveLength(before + 1); // the adapter change dropped the kept answers
    expect(q.offers.filter((o) => o.source === 'live').map((o) => o.productCode)).toEqual(['ETH-100']);
    expect(q.liveChecks[0]).toMatchObject({ outcome: 'answered', offers: 1 });
    expect(q.liveChecks[0]?.detail).toContain('SIM-UNMAPPED');
    expect(sim.qualifications().at(-1)?.request).toMatchObject({
      productOfferingQualificationItem: [
        { product: { productCharacteristic: [{ name: 'bandwidthMbps', value: 100 }] } },
      ],
    });
  });

  it('the dashboard shows which offers are live and what each carrier asked did', async () => {
    sim.setProfile({
      ...fastProfile,
      qualificationCatalogue: [{ ...fastProfile.qualificationCatalogue[0]!, productOfferingId: 'SIM-ETH-100' }],
    });
    const cookie = await platform.sessionCookie(platform.keys.desk);
    const posted = await platform.app.request('/qualify', {
      method: 'POST',
      body: new URLSearchParams({ countryCode: 'GB', postcode: 'SW1A 7AA', productCode: 'ETH-100' }).toString(),
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.status).toBe(303);
    const page = await (await platform.app.request(posted.headers.get('location')!, { headers: { cookie } })).text();
    expect(page).toContain('Live Co (asked live): answered, 1 offer');
    expect(page).toMatch(
      /address <span class="badge confidence-green">green<\/span>\s*<span class="badge" title="The carrier&#39;s own answer, valid until /,
    );
  });

  it('asks nobody, and adds nothing, when no active partner qualifies live', async () => {
    await platform.request('PATCH', `/api/v1/partners/${live.id}`, { json: { status: 'suspended' } });
    const before = sim.qualifications().length;
    const q = await qualify('SW1A 6AA');
    expect(q.liveChecks).toEqual([]);
    expect(offersOf(q)).toEqual([['coverage-co', 'coverage', 'area', 'ETH-100']]);
    expect(sim.qualifications()).toHaveLength(before);
  });
});
