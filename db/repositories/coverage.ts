import type { Statement } from 'better-sqlite3';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { CoverageEntry, CoverageVersion } from '../../openapi/coverage.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { coverageVersions, partners } from '../schema.js';

/**
 * A version's entry ids are `rowBase + CSV row number`, rowBase being the version's rowid times 2^32. Ids stay
 * unique across versions, and the duplicate check after staging can name the CSV rows straight from the ids
 * instead of holding every key of a million-row file in memory. 2^21 versions fit below 2^53.
 */
const ROWS_PER_VERSION = 2 ** 32;

export type StagingVersion = { id: string; partnerId: string; rowBase: number };
export type StagedRow = { row: number; entry: CoverageEntry };
export type DuplicateRow = { row: number; duplicateOf: number };

type VersionRow = typeof coverageVersions.$inferSelect;
const toCoverageVersion = (row: VersionRow): CoverageVersion => row;

export function beginCoverageVersion(db: Db, input: { partnerId: string; source: string; now: Date }): StagingVersion {
  const id = newId('cov');
  db.insert(coverageVersions)
    .values({ id, partnerId: input.partnerId, status: 'importing', source: input.source, createdAt: input.now.toISOString() })
    .run();
  const rowid = db.$client.prepare('SELECT rowid FROM coverage_versions WHERE id = ?').pluck().get(id) as number;
  const rowBase = rowid * ROWS_PER_VERSION;
  if (!Number.isSafeInteger(rowBase + ROWS_PER_VERSION)) throw new Error('coverage version ids exhausted the entry id space');
  return { id, partnerId: input.partnerId, rowBase };
}

const insertStatements = new WeakMap<object, Statement>();
function insertEntryStatement(db: Db): Statement {
  let statement = insertStatements.get(db.$client);
  if (!statement) {
    statement = db.$client.prepare(
      `INSERT INTO coverage_entries (id, version_id, partner_id, location_key, match_level, product_code, bandwidth_mbps,
         access_type, install_charge_minor, monthly_charge_minor, currency, lead_time_days)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insertStatements.set(db.$client, statement);
  }
  return statement;
}

/** Writes one batch of validated rows under a version that readers cannot see yet, in one transaction. */
export function stageCoverageEntries(db: Db, version: StagingVersion, rows: StagedRow[]): void {
  const insert = insertEntryStatement(db);
  db.$client.transaction(() => {
    for (const { row, entry: e } of rows) {
      insert.run(
        version.rowBase + row,
        version.id,
        version.partnerId,
        e.locationKey,
        e.matchLevel,
        e.productCode,
        e.bandwidthMbps,
        e.accessType,
        e.installChargeMinor,
        e.monthlyChargeMinor,
        e.currency,
        e.leadTimeDays,
      );
    }
  })();
}

/** Later rows repeating an earlier row's location, product and bandwidth: two prices for one thing. */
const laterDuplicates = `
  SELECT id, first_id FROM (
    SELECT id, MIN(id) OVER (PARTITION BY location_key, product_code, bandwidth_mbps) AS first_id
    FROM coverage_entries WHERE version_id = ?
  ) WHERE id <> first_id`;

export function findDuplicateCoverageRows(db: Db, version: StagingVersion, sampleSize: number) {
  const sample: DuplicateRow[] = [];
  let count = 0;
  const rows = db.$client.prepare(`${laterDuplicates} ORDER BY id`).raw().iterate(version.id) as Iterable<[number, number]>;
  for (const [id, firstId] of rows) {
    count += 1;
    if (sample.length < sampleSize) sample.push({ row: id - version.rowBase, duplicateOf: firstId - version.rowBase });
  }
  return { count, sample };
}

export function deleteDuplicateCoverageRows(db: Db, version: StagingVersion): number {
  return db.$client.prepare(`DELETE FROM coverage_entries WHERE id IN (SELECT id FROM (${laterDuplicates}))`).run(version.id).changes;
}

/**
 * The switch readers see: in one transaction the staged version becomes current and the one it replaces is
 * superseded. Whatever was current at this moment is replaced, so with two concurrent uploads the last one wins.
 */
export function activateCoverageVersion(
  db: Db,
  input: { version: StagingVersion; rowCount: number; rejectedCount: number; now: Date },
): { version: CoverageVersion; supersededId: string | null } {
  const at = input.now.toISOString();
  // IMMEDIATE: this reads then writes, and a deferred read lock cannot wait its way up past another process's write.
  const immediate = { behavior: 'immediate' } as const;
  return db.transaction((tx) => {
    const partnerId = input.version.partnerId;
    const partner = tx.select({ current: partners.currentCoverageVersionId }).from(partners).where(eq(partners.id, partnerId)).get();
    if (!partner) throw new Error(`partner ${partnerId} disappeared during a coverage import`);
    const version = tx
      .update(coverageVersions)
      .set({ status: 'active', rowCount: input.rowCount, rejectedCount: input.rejectedCount, activatedAt: at })
      .where(and(eq(coverageVersions.id, input.version.id), eq(coverageVersions.status, 'importing')))
      .returning()
      .get();
    if (!version) throw new Error(`coverage version ${input.version.id} is no longer importing`);
    if (partner.current) tx.update(coverageVersions).set({ status: 'superseded' }).where(eq(coverageVersions.id, partner.current)).run();
    tx.update(partners).set({ currentCoverageVersionId: input.version.id, updatedAt: at }).where(eq(partners.id, partnerId)).run();
    return { version: toCoverageVersion(version), supersededId: partner.current };
  }, immediate);
}

/** Kept as a record of the attempt; its staged entries are purged separately. */
export function failCoverageVersion(db: Db, input: { versionId: string; rowCount: number; rejectedCount: number }): CoverageVersion {
  const row = db
    .update(coverageVersions)
    .set({ status: 'failed', rowCount: input.rowCount, rejectedCount: input.rejectedCount })
    .where(eq(coverageVersions.id, input.versionId))
    .returning()
    .get();
  if (!row) throw new Error(`no coverage version ${input.versionId}`);
  return toCoverageVersion(row);
}

/**
 * Deletes a version's entries a batch per transaction, yielding between batches so a million-row purge never
 * holds the write lock (or the event loop) for long. Only ever called for versions no reader points at.
 */
export async function purgeCoverageEntries(db: Db, versionId: string, batchSize = 5_000): Promise<number> {
  const deleteBatch = db.$client.prepare(
    'DELETE FROM coverage_entries WHERE id IN (SELECT id FROM coverage_entries WHERE version_id = ? LIMIT ?)',
  );
  let total = 0;
  for (;;) {
    const { changes } = deleteBatch.run(versionId, batchSize);
    total += changes;
    if (changes < batchSize) return total;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export function countCoverageEntries(db: Db, versionId: string): number {
  return db.$client.prepare('SELECT count(*) FROM coverage_entries WHERE version_id = ?').pluck().get(versionId) as number;
}

export function getCoverageVersion(db: Db, id: string): CoverageVersion | undefined {
  const row = db.select().from(coverageVersions).where(eq(coverageVersions.id, id)).get();
  return row && toCoverageVersion(row);
}

/** Newest first; `before` is the id of the last version of the previous page. */
export function listCoverageVersions(db: Db, partnerId: string, opts: { limit: number; before?: string }): CoverageVersion[] {
  const after = opts.before
    ? sql`(${coverageVersions.createdAt}, rowid) < (SELECT created_at, rowid FROM coverage_versions WHERE id = ${opts.before})`
    : undefined;
  return db
    .select()
    .from(coverageVersions)
    .where(and(eq(coverageVersions.partnerId, partnerId), after))
    .orderBy(desc(coverageVersions.createdAt), desc(sql`rowid`))
    .limit(opts.limit)
    .all()
    .map(toCoverageVersion);
}
