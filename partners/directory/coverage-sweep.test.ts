import { afterAll, describe, expect, it } from 'vitest';
import {
  beginCoverageVersion,
  countCoverageEntries,
  getCoverageVersion,
  stageCoverageEntries,
  type StagingVersion,
} from '../../db/repositories/coverage.js';
import { getPartner } from '../../db/repositories/partners.js';
import type { CoverageEntry } from '../../openapi/coverage.js';
import { coverageCsv, coverageRow } from '../../test/support/coverage-files.js';
import { createTestPlatform } from '../../test/support/platform.js';
import { importCoverage } from './coverage-import.js';
import { sweepCoverageImports } from './coverage-sweep.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());
const { db } = platform;

const entry = (i: number): CoverageEntry => ({
  locationKey: `US:${10000 + i}`,
  matchLevel: 'district',
  productCode: 'ETH-FTTP',
  bandwidthMbps: 100,
  accessType: 'onNet',
  installChargeMinor: 45_000,
  monthlyChargeMinor: 21_000,
  currency: 'USD',
  leadTimeDays: 20,
});
/** What a process leaves behind when it dies half-way through an import begun at `at`. */
const abandonedImport = async (partnerId: string, at: Date, rows: number): Promise<StagingVersion> => {
  const version = await beginCoverageVersion(db, { partnerId, source: 'test', now: at });
  await stageCoverageEntries(
    db,
    version,
    Array.from({ length: rows }, (_, i) => ({ row: i + 2, entry: entry(i) })),
  );
  return version;
};
const importFile = (partnerId: string, rows: number, from = 0) =>
  importCoverage({
    db,
    partnerId,
    source: 'test',
    csv: [coverageCsv(Array.from({ length: rows }, (_, i) => coverageRow(from + i)))],
    skipInvalid: false,
    now: () => new Date(),
  });

describe('sweepCoverageImports', () => {
  it('fails imports left behind by a dead process and purges their entries, leaving live ones alone', async () => {
    const { id } = await platform.createPartner();
    const live = await importFile(id, 4);
    const now = new Date();
    const crashed = await abandonedImport(id, new Date(now.getTime() - 2 * 60 * 60_000), 25);
    const running = await abandonedImport(id, new Date(now.getTime() - 60_000), 7);

    const sweep = await sweepCoverageImports(db, { now });

    expect(sweep.failedVersionIds).toEqual([crashed.id]);
    expect(sweep.purgedVersionIds).toContain(crashed.id);
    expect((await getCoverageVersion(db, crashed.id))?.status).toBe('failed');
    expect(await countCoverageEntries(db, crashed.id)).toBe(0);
    // Begun a minute ago: it may still be running (the CLI beside the server), so it is not touched.
    expect((await getCoverageVersion(db, running.id))?.status).toBe('importing');
    expect(await countCoverageEntries(db, running.id)).toBe(7);
    expect((await getPartner(db, id))?.currentCoverageVersionId).toBe(live.version.id);
    expect(await countCoverageEntries(db, live.version.id)).toBe(4);
  });

  it('takes every import for dead when told to (a single server that just started)', async () => {
    const { id } = await platform.createPartner();
    const recent = await abandonedImport(id, new Date(), 3);
    const sweep = await sweepCoverageImports(db, { now: new Date(Date.now() + 1), staleAfterMinutes: 0 });
    expect(sweep.failedVersionIds).toContain(recent.id);
    expect(await countCoverageEntries(db, recent.id)).toBe(0);
  });

  it('finishes a purge that was cut short, and has nothing to do the second time', async () => {
    const { id } = await platform.createPartner();
    const old = await importFile(id, 12);
    await importFile(id, 5, 100);
    // As if the process died before purging the version it superseded: put entries back under it.
    const oldVersion = { id: old.version.id, partnerId: id, rowBase: 0 };
    await stageCoverageEntries(
      db,
      oldVersion,
      Array.from({ length: 6 }, (_, i) => ({ row: 9_000_000_000 + i, entry: entry(i) })),
    );
    expect(await countCoverageEntries(db, old.version.id)).toBe(6);

    const sweep = await sweepCoverageImports(db, { now: new Date() });
    expect(sweep).toMatchObject({ purgedVersionIds: expect.arrayContaining([old.version.id]) });
    expect(sweep.entriesPurged).toBeGreaterThanOrEqual(6);
    expect(await countCoverageEntries(db, old.version.id)).toBe(0);
    expect((await getCoverageVersion(db, old.version.id))?.status).toBe('superseded');

    expect(await sweepCoverageImports(db, { now: new Date() })).toEqual({
      failedVersionIds: [],
      purgedVersionIds: [],
      entriesPurged: 0,
    });
  });
});
