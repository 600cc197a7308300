import { afterAll, describe, expect, it } from 'vitest';
import { updatePartner } from '../../db/repositories/partners.js';
import { coverageRow, uploadCoverage } from '../../test/support/coverage-files.js';
import { createTestPlatform } from '../../test/support/platform.js';
import { coverageCacheStats, findLiveCoverage } from './coverage-cache.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());
const { db } = platform;

const upload = (partnerId: string, rows: string[]) => uploadCoverage(db, partnerId, rows);
// coverageRow(0) is ZIP+4 10000-0000, ETH-FTTP at 1000 Mbps.
const KEY = 'US:10000-0000';
const lookup = async (extra: { productCode?: string; minBandwidthMbps?: number } = {}) =>
  (await findLiveCoverage(db, { locationKeys: [KEY], ...extra })).map((r) => [
    r.partnerName,
    r.productCode,
    r.monthlyChargeMinor,
  ]);

describe('findLiveCoverage (cached per location key)', () => {
  it('answers repeats from memory and follows every change to what is live', async () => {
    const { id } = await platform.createPartner({ name: 'Cache Carrier' });
    await upload(id, [coverageRow(0)]);
    expect(await lookup()).toEqual([['Cache Carrier', 'ETH-FTTP', 21050]]);

    const before = coverageCacheStats(db);
    expect(await lookup()).toEqual([['Cache Carrier', 'ETH-FTTP', 21050]]);
    expect(coverageCacheStats(db).hits).toBe(before.hits + 1);

    // Needs filter the cached entries without another query.
    expect(await lookup({ productCode: 'ETH-EFM' })).toEqual([]);
    expect(await lookup({ minBandwidthMbps: 10_000 })).toEqual([]);
    expect(coverageCacheStats(db).misses).toBe(before.misses);

    await upload(id, [coverageRow(0, { monthly_charge: '300.00' })]);
    expect(await lookup()).toEqual([['Cache Carrier', 'ETH-FTTP', 30000]]);

    await updatePartner(db, id, { name: 'Renamed Carrier' }, new Date());
    expect(await lookup()).toEqual([['Renamed Carrier', 'ETH-FTTP', 30000]]);

    await updatePartner(db, id, { status: 'suspended' }, new Date());
    expect(await lookup()).toEqual([]);
  });
});
