import { queryAll } from '../db/execute.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qualificationAnswers, qualifications } from '../db/schema.js';
import type { Qualification } from '../openapi/qualification.js';
import { seedCoverage } from './support/coverage.js';
import { createTestPlatform } from './support/platform.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());

const site = { countryCode: 'GB', postcode: 'sw1a1aa', line1: 'Buckingham Palace', city: 'London' };
const qualify = (json: unknown, key?: string | null) =>
  platform.request('POST', '/api/v1/qualifications', { json, key });
const offersOf = async (res: Response) => ((await res.json()) as Qualification).offers;
const storedCount = async () => ({
  qualifications: (await queryAll(platform.db.select().from(qualifications))).length,
  answers: (await queryAll(platform.db.select().from(qualificationAnswers))).length,
});

let alpha: { id: string; name: string; key: string };
let bravo: { id: string; name: string };
let charlie: { id: string; name: string };

beforeAll(async () => {
  alpha = await platform.createPartner({ name: 'Alpha Fibre' });
  bravo = await platform.createPartner({ name: 'Bravo Net' });
  charlie = await platform.createPartner({ name: 'Charlie Comms' });
  await seedCoverage(platform.db, alpha.id, [
    { location: 'SW', monthlyChargeMinor: 10_000 },
    { location: 'SW1A 1AA', monthlyChargeMinor: 40_000 },
    { location: 'SW', productCode: 'ETH-1G', bandwidthMbps: 1000, monthlyChargeMinor: 90_000, leadTimeDays: 60 },
  ]);
  await seedCoverage(platform.db, bravo.id, [
    { location: 'SW1A', accessType: 'nearNet', monthlyChargeMinor: 20_000, leadTimeDays: 10 },
  ]);
  await seedCoverage(platform.db, charlie.id, [
    { location: 'SW1A 1', accessType: 'nearNet', currency: 'EUR', monthlyChargeMinor: 25_000 },
    { location: '10001-1234', monthlyChargeMinor: 50_000, currency: 'USD' },
  ]);
});

describe('POST /api/v1/qualifications', () => {
  it('offers every covering partner, most specific match first, with confidence and prices', async () => {
    const res = await qualify({ address: site, productNeeds: { productCode: 'ETH-100' } }, platform.keys.desk);
    expect(res.status).toBe(201);
    const body = (await res.json()) as Qualification;
    expect(res.headers.get('location')).toBe(`/api/v1/qualifications/${body.id}`);
    expect(body.address).toEqual({
      countryCode: 'GB',
      postcode: 'SW1A 1AA',
      line1: 'Buckingham Palace',
      city: 'London',
    });
    expect(body.offers.map((o) => [o.rank, o.partnerName, o.matchLevel, o.confidence])).toEqual([
      [1, 'Alpha Fibre', 'postcode', 'green'],
      [2, 'Charlie Comms', 'sector', 'yellow'],
      [3, 'Bravo Net', 'district', 'red'],
    ]);
    expect(body.offers[0]).toMatchObject({
      partnerId: alpha.id,
      productCode: 'ETH-100',
      bandwidthMbps: 100,
      accessType: 'onNet',
      installCharge: { amountMinor: 100_000, currency: 'GBP' },
      monthlyCharge: { amountMinor: 40_000, currency: 'GBP' },
      leadTimeDays: 30,
    });
    expect(body.offers[0]?.id).toMatch(/^qof_/);
  });

  it('hides a less specific entry of the same partner and product behind the more specific one', async () => {
    const offers = await offersOf(await qualify({ address: site, productNeeds: { minBandwidthMbps: 1 } }));
    const alphaOffers = offers.filter((o) => o.partnerId === alpha.id);
    expect(alphaOffers.map((o) => [o.productCode, o.matchLevel, o.monthlyCharge.amountMinor])).toEqual([
      ['ETH-100', 'postcode', 40_000],
      ['ETH-1G', 'area', 90_000],
    ]);
  });

  it('falls back to the area entry at another postcode of the area', async () => {
    const offers = await offersOf(
      await qualify({ address: { countryCode: 'GB', postcode: 'SW7 2AZ' }, productNeeds: { productCode: 'ETH-100' } }),
    );
    expect(offers.map((o) => [o.partnerName, o.matchLevel, o.confidence, o.monthlyCharge.amountMinor])).toEqual([
      ['Alpha Fibre', 'area', 'red', 10_000],
    ]);
  });

  it('applies the bandwidth, lead time and budget filters', async () => {
    const names = async (productNeeds: object) =>
      (await offersOf(await qualify({ address: site, productNeeds }))).map((o) => o.partnerName);
    expect(await names({ minBandwidthMbps: 1000 })).toEqual(['Alpha Fibre']);
    expect(await names({ minBandwidthMbps: 100, maxLeadTimeDays: 10 })).toEqual(['Bravo Net']);
    expect(await names({ productCode: 'ETH-100', budget: { currency: 'GBP', monthlyMinor: 30_000 } })).toEqual([
      'Bravo Net',
    ]);
    // No currency conversion: a GBP budget excludes the EUR offer whatever its price.
    expect(await names({ productCode: 'ETH-100', budget: { currency: 'GBP' } })).toEqual(['Alpha Fibre', 'Bravo Net']);
    expect(await names({ productCode: 'ETH-100', budget: { currency: 'EUR', installMinor: 100_000 } })).toEqual([
      'Charlie Comms',
    ]);
  });

  it('qualifies a US ZIP+4 address', async () => {
    const res = await qualify({
      address: { countryCode: 'US', postcode: '100011234' },
      productNeeds: { productCode: 'ETH-100' },
    });
    const body = (await res.json()) as Qualification;
    expect(body.address.postcode).toBe('10001-1234');
    expect(body.offers.map((o) => [o.partnerName, o.matchLevel, o.confidence])).toEqual([
      ['Charlie Comms', 'postcode', 'green'],
    ]);
  });

  it('leaves out suspended and onboarding partners, and coverage that is not the live version', async () => {
    const suspended = await platform.createPartner({ name: 'Delta' });
    await seedCoverage(platform.db, suspended.id, [{ location: 'SW1A 1AA' }]);
    expect((await platform.request('POST', `/api/v1/partners/${suspended.id}/suspend`)).status).toBe(200);
    const onboarding = await platform.createPartner({ name: 'Echo', status: 'onboarding' });
    await seedCoverage(platform.db, onboarding.id, [{ location: 'SW1A 1AA' }]);
    const superseded = await platform.createPartner({ name: 'Foxtrot' });
    await seedCoverage(platform.db, superseded.id, [{ location: 'SW1A 1AA' }]);
    await seedCoverage(platform.db, superseded.id, [{ location: 'M1 1AE' }]);
    const staged = await platform.createPartner({ name: 'Golf' });
    await seedCoverage(platform.db, staged.id, [{ location: 'SW1A 1AA' }], { activate: false });

    const offers = await offersOf(await qualify({ address: site, productNeeds: { productCode: 'ETH-100' } }));
    expect(offers.map((o) => o.partnerName)).toEqual(['Alpha Fibre', 'Charlie Comms', 'Bravo Net']);
  });

  it('answers an empty list when nobody covers the address', async () => {
    const res = await qualify({
      address: { countryCode: 'GB', postcode: 'EH1 1YZ' },
      productNeeds: { productCode: 'ETH-100' },
    });
    expect(res.status).toBe(201);
    expect(await offersOf(res)).toEqual([]);
  });
});

describe('a stored qualification', () => {
  it('is retrievable with the same offers and expires 30 days after it was made', async () => {
    const created = (await (
      await qualify({ address: site, productNeeds: { productCode: 'ETH-100' } })
    ).json()) as Qualification;
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBe(30 * 24 * 60 * 60 * 1000);
    const res = await platform.request('GET', `/api/v1/qualifications/${created.id}`, { key: platform.keys.desk });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(created);
    const stored = (await queryAll(platform.db.select().from(qualifications))).find((q) => q.id === created.id);
    expect(stored?.requestedBy).toMatch(/^key_/);
  });

  it('is 404 when unknown', async () => {
    const res = await platform.request('GET', '/api/v1/qualifications/qlf_nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('bad input', () => {
  it.each([
    [{ address: { ...site, postcode: 'SW1A 1AAA' }, productNeeds: { productCode: 'ETH-100' } }, 'address.postcode'],
    [
      { address: { countryCode: 'US', postcode: 'SW1A 1AA' }, productNeeds: { productCode: 'ETH-100' } },
      'address.postcode',
    ],
    [{ address: { ...site, countryCode: 'FR' }, productNeeds: { productCode: 'ETH-100' } }, 'address.countryCode'],
    [{ address: { ...site, addressId: 'house 4' }, productNeeds: { productCode: 'ETH-100' } }, 'address.addressId'],
    [{ address: site, productNeeds: {} }, 'productNeeds.productCode'],
    [{ address: site, productNeeds: { minBandwidthMbps: -5 } }, 'productNeeds.minBandwidthMbps'],
    [
      { address: site, productNeeds: { productCode: 'X', budget: { currency: 'pounds' } } },
      'productNeeds.budget.currency',
    ],
  ])('%j is a 422 naming %s and stores nothing', async (json, path) => {
    const before = await storedCount();
    const res = await qualify(json);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.path)).toContain(path);
    expect(await storedCount()).toEqual(before);
  });
});

describe('who may qualify', () => {
  it('refuses partner and finance keys (403) and anonymous callers (401)', async () => {
    const json = { address: site, productNeeds: { productCode: 'ETH-100' } };
    const created = (await (await qualify(json)).json()) as Qualification;
    const before = await storedCount();
    for (const key of [alpha.key, platform.keys.finance]) {
      expect((await qualify(json, key)).status).toBe(403);
      expect((await platform.request('GET', `/api/v1/qualifications/${created.id}`, { key })).status).toBe(403);
    }
    expect((await qualify(json, null)).status).toBe(401);
    expect((await platform.request('GET', `/api/v1/qualifications/${created.id}`, { key: null })).status).toBe(401);
    expect(await storedCount()).toEqual(before);
  });
});
