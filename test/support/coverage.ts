import { eq } from 'drizzle-orm';
import { writeTransaction } from '../../db/access.js';
import type { Db } from '../../db/client.js';
import { queryRun } from '../../db/execute.js';
import { newId } from '../../db/ids.js';
import { coverageEntries, coverageVersions, partners } from '../../db/schema.js';
import { parseLocationKey } from '../../partners/directory/location-keys.js';

/** One coverage row as a carrier would write it; the location is raw (`sw1a 1aa`, `SW1A 1`, `SW`, `10001`). */
export type TestCoverageRow = {
  location: string;
  productCode?: string;
  bandwidthMbps?: number;
  accessType?: 'onNet' | 'nearNet';
  installChargeMinor?: number;
  monthlyChargeMinor?: number;
  currency?: string;
  leadTimeDays?: number;
};

/**
 * Writes a coverage version with these rows straight into the tables and makes it the partner's live set, as the CSV
 * import will once it activates a version. Test-only: it skips every check the import makes.
 */
export async function seedCoverage(
  db: Db,
  partnerId: string,
  rows: TestCoverageRow[],
  opts: { activate?: boolean } = {},
): Promise<string> {
  const versionId = newId('cov');
  await writeTransaction(db, async () => {
    await queryRun(
      db
        .insert(coverageVersions)
        .values({ id: versionId, partnerId, status: 'active', source: 'test', rowCount: rows.length }),
    );
    for (const row of rows) {
      const key = parseLocationKey(row.location);
      if (!key) throw new Error(`not a coverage location: ${row.location}`);
      await queryRun(
        db.insert(coverageEntries).values({
          versionId,
          partnerId,
          locationKey: key.key,
          matchLevel: key.level,
          productCode: row.productCode ?? 'ETH-100',
          bandwidthMbps: row.bandwidthMbps ?? 100,
          accessType: row.accessType ?? 'onNet',
          installChargeMinor: row.installChargeMinor ?? 100_000,
          monthlyChargeMinor: row.monthlyChargeMinor ?? 30_000,
          currency: row.currency ?? 'GBP',
          leadTimeDays: row.leadTimeDays ?? 30,
        } as typeof coverageEntries.$inferInsert),
      );
    }
    if (opts.activate !== false)
      await queryRun(
        db.update(partners).set({ currentCoverageVersionId: versionId }).where(eq(partners.id, partnerId)),
      );
  });
  return versionId;
}
