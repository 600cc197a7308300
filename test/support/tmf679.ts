import { queryAll } from '../../db/execute.js';
import { qualifications } from '../../db/schema.js';
import { seedCoverage } from './coverage.js';
import type { TestPlatform } from './platform.js';
import { loadTmfSpec } from './tmf-spec.js';

/** What the TMF679 tests share: the resource path, the official file, requests, and two covering carriers. */
export const url = '/tmf-api/productOfferingQualification/v4/productOfferingQualification';
export const spec = loadTmfSpec('TMF679-ProductOfferingQualification-v4.0.0.swagger.json');

export const storedCount = async (platform: TestPlatform) =>
  (await queryAll(platform.db.select().from(qualifications))).length;

export const site = (overrides: Record<string, unknown> = {}) => ({
  role: 'installationAddress',
  '@type': 'GeographicAddress',
  streetNr: '1',
  streetName: 'The Mall',
  city: 'London',
  postcode: 'sw1a1aa',
  country: 'GB',
  ...overrides,
});

export const poqRequest = (item: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  instantSyncQualification: true,
  provideAlternative: true,
  '@type': 'ProductOfferingQualification',
  productOfferingQualificationItem: [
    {
      id: 'item-1',
      action: 'add',
      productOffering: { id: 'ETH-100', '@referredType': 'ProductOffering' },
      product: { '@type': 'Product', place: [site()] },
      '@type': 'ProductOfferingQualificationItem',
      ...item,
    },
  ],
  ...extra,
});

/** Posts a request that must itself be spec-valid; the 201 answer is checked against the spec too. */
export async function postQualification(platform: TestPlatform, request: object, key = platform.keys.desk) {
  spec.assertValid('ProductOfferingQualification_Create', request);
  const res = await platform.request('POST', url, { json: request, key });
  if (res.status === 201) spec.assertValid('ProductOfferingQualification', await res.clone().json());
  return res;
}

/** Alpha Fibre (on-net at SW1A 1AA, and ETH-1G across SW) and Bravo Net (near-net across SW1A); answers Alpha's id. */
export async function seedTwoCarriers(platform: TestPlatform): Promise<string> {
  const alpha = await platform.createPartner({ name: 'Alpha Fibre' });
  const bravo = await platform.createPartner({ name: 'Bravo Net' });
  await seedCoverage(platform.db, alpha.id, [
    { location: 'SW1A 1AA', installChargeMinor: 120_050, monthlyChargeMinor: 40_000, leadTimeDays: 20 },
    { location: 'SW', productCode: 'ETH-1G', bandwidthMbps: 1000, monthlyChargeMinor: 90_000 },
  ]);
  await seedCoverage(platform.db, bravo.id, [{ location: 'SW1A', accessType: 'nearNet', monthlyChargeMinor: 20_000 }]);
  return alpha.id;
}
