import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { CoverageEntry, CoverageVersion } from '../../openapi/coverage.js';
import { withConnection, writeTransaction } from '../access.js';
import { isPostgres, queryAll, queryFirst, queryRun, statement } from '../execute.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { copyRows } from '../pg/copy.js';
import { transactionConnection } from '../pg/client.js';
import { keepPlannerStatistics } from './coverage-statistics.js';
import { directoryWritten } from './offers-lookup.js';
import { coverageVersions, partners } from '../schema.js';
import { lockRow } from '../row-locks.js';

/**
 * A version's entry ids are `rowBase + CSV row number`, rowBase being the version's rowid times 2^32. Ids stay
 * unique across versions, the import's duplicate check can fetch an earlier CSV row by primary key, and a
 * version's entries are one primary-key range. 2^21 versions fit below 2^53.
 */
const ROWS_PER_VERSION = 2 ** 32;

export type StagingVersion = { id: string; partnerId: string; rowBase: number };
export type StagedRow = { row: number; entry: CoverageEntry };
/** What makes two coverage rows of a file the same thing (two prices for one thing). */
export type CoverageIdentity = { locationKey: string; productCode: string; bandwidthMbps: number };

type VersionRow = typeof coverageVersions.$inferSelect;
const toCoverageVersion = (row: VersionRow): CoverageVersion => row;

export function beginCoverageVersion(
  db: Db,
  input: { partnerId: string; source: string; now: Date },
): Promise<StagingVersion> {
  return withConnection(db, async () => {
    const id = newId('cov');
    await queryRun(
      db.insert(coverageVersions).values({
        id,
        partnerId: input.partnerId,
        status: 'importing',
        source: input.source,
        createdAt: input.now.toISOString(),
      }),
    );
    const rowid = (await statement(db, 'SELECT rowid FROM coverage_versions WHERE id = ?').pluck().get(id)) as number;
    const rowBase = rowid * ROWS_PER_VERSION;
    if (!Number.isSafeInteger(rowBase + ROWS_PER_VERSION))
      throw new Error('coverage version ids exhausted the entry id space');
    return { id, partnerId: input.partnerId, rowBase };
  });
}

/** A coverage entry's columns, in the order entryValues gives them. */
export const entryColumns = [
  'id',
  'version_id',
  'partner_id',
  'location_key',
  'match_level',
  'product_code',
  'bandwidth_mbps',
  'access_type',
  'install_charge_minor',
  'monthly_charge_minor',
  'currency',
  'lead_time_days',
];
const insertEntrySql = `INSERT INTO coverage_entries (${entryColumns.join(', ')}) VALUES (${entryColumns.map(() => '?').join(', ')})`;

/** A staged row's values, in entryColumns order: its id is the version's row base plus its CSV row number. */
export const entryValues = (version: StagingVersion, { row, entry: e }: StagedRow) => [
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
];

/**
 * Writes one batch of validated rows under a version that readers cannot see yet, in one transaction: one prepared
 * insert per row on SQLite (in-process, no round trip), one COPY on PostgreSQL (its bulk path).
 */
export function stageCoverageEntries(db: Db, version: StagingVersion, rows: StagedRow[]): Promise<void> {
  return writeTransaction(db, async () => {
    if (isPostgres(db)) {
      const values = rows.map((row) => entryValues(version, row));
      await copyRows(transactionConnection(db), 'coverage_entries', entryColumns, values);
      return;
    }
    const insert = statement(db, insertEntrySql);
    for (const row of rows) await insert.run(...entryValues(version, row));
  });
}

/** The location, product and bandwidth staged for a CSV row of the version, for the import's duplicate check. */
export function stagedCoverageIdentity(
  db: Db,
  version: StagingVersion,
  row: number,
): Promise<CoverageIdentity | undefined> {
  return withConnection(
    db,
    async () =>
      await statement<CoverageIdentity>(
        db,
        'SELECT location_key AS locationKey, product_code AS productCode, bandwidth_mbps AS bandwidthMbps FROM coverage_entries WHERE id = ?',
      ).get(version.rowBase + row),
  );
}

/**
 * The switch readers see: in one transaction the staged version becomes current and the one it replaces is
 * superseded. Whatever was current at this moment is replaced, so with two concurrent uploads the last one wins.
 */
export function activateCoverageVersion(
  db: Db,
  input: { version: StagingVersion; rowCount: number; rejectedCount: number; now: Date },
): Promise<{ version: CoverageVersion; supersededId: string | null }> {
  return withConnection(db, async () => {
    const at = input.now.toISOString();
    const activated = await writeTransaction(db, async () => {
      const partnerId = input.version.partnerId;
      // Two uploads for one partner take turns here: the second supersedes the first, never the same version twice.
      await lockRow(db, 'partners', partnerId);
      const partner = await queryFirst(
        db.select({ current: partners.currentCoverageVersionId }).from(partners).where(eq(partners.id, partnerId)),
      );
      if (!partner) throw new Error(`partner ${partnerId} disappeared during a coverage import`);
      const version = await queryFirst(
        db
          .update(coverageVersions)
          .set({ status: 'active', rowCount: input.rowCount, rejectedCount: input.rejectedCount, activatedAt: at })
          .where(and(eq(coverageVersions.id, input.version.id), eq(coverageVersions.status, 'importing')))
          .returning(),
      );
      if (!version) throw new Error(`coverage version ${input.version.id} is no longer importing`);
      if (partner.current)
        await queryRun(
          db.update(coverageVersions).set({ status: 'superseded' }).where(eq(coverageVersions.id, partner.current)),
        );
      await queryRun(
        db
          .update(partners)
          .set({ currentCoverageVersionId: input.version.id, updatedAt: at })
          .where(eq(partners.id, partnerId)),
      );
      return { version: toCoverageVersion(version), supersededId: partner.current };
    });
    await directoryWritten(db);
    await keepPlannerStatistics(db, input.rowCount);
    return activated;
  });
}

/** Kept as a record of the attempt; its staged entries are purged separately. */
export function failCoverageVersion(
  db: Db,
  input: { versionId: string; rowCount: number; rejectedCount: number },
): Promise<CoverageVersion> {
  return withConnection(db, async () => {
    const row = await queryFirst(
      db
        .update(coverageVersions)
        .set({ status: 'failed', rowCount: input.rowCount, rejectedCount: input.rejectedCount })
        .where(eq(coverageVersions.id, input.versionId))
        .returning(),
    );
    if (!row) throw new Error(`no coverage version ${input.versionId}`);
    return toCoverageVersion(row);
  });
}

/**
 * Deletes a version's entries a batch per transaction, yielding between batches so a million-row purge never
 * holds the write lock (or the event loop) for long. Only ever called for versions no reader points at.
 * Walks the version's primary-key range (its ids are rowBase + CSV row) rather than its version_id index entries:
 * the rows come in table order, about a third cheaper to delete. Rows outside the range (none the import writes)
 * are swept by version_id at the end.
 */
export async function purgeCoverageEntries(db: Db, versionId: string, batchSize = 10_000): Promise<number> {
  const { rowid, lastId } = await withConnection(db, async () => {
    const rowid = (await statement(db, 'SELECT rowid FROM coverage_versions WHERE id = ?').pluck().get(versionId)) as
      number | undefined;
    if (rowid === undefined) return { rowid, lastId: null };
    const rowBase = rowid * ROWS_PER_VERSION;
    const lastId = (await statement(db, 'SELECT max(id) FROM coverage_entries WHERE id >= ? AND id < ?')
      .pluck()
      .get(rowBase, rowBase + ROWS_PER_VERSION)) as number | null;
    return { rowid, lastId };
  });
  let total = 0;
  if (rowid !== undefined) {
    const rowBase = rowid * ROWS_PER_VERSION;
    const deleteWindow = statement(db, 'DELETE FROM coverage_entries WHERE id >= ? AND id < ? AND version_id = ?');
    for (let from = rowBase; lastId !== null && from <= lastId; from += batchSize) {
      total += await withConnection(
        db,
        async () => (await deleteWindow.run(from, from + batchSize, versionId)).changes,
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const deleteBatch = statement(
    db,
    'DELETE FROM coverage_entries WHERE id IN (SELECT id FROM coverage_entries WHERE version_id = ? LIMIT ?)',
  );
  for (;;) {
    const changes = await withConnection(db, async () => (await deleteBatch.run(versionId, batchSize)).changes);
    total += changes;
    if (changes < batchSize) return total;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Marks versions still `importing` that were begun before `before` as failed: the process importing them is gone
 * (crashed or killed), so they would never finish. Returns their ids; their entries still need purging.
 */
export function failStaleCoverageImports(db: Db, before: Date): Promise<string[]> {
  return withConnection(db, async () => {
    return (
      await queryAll(
        db
          .update(coverageVersions)
          .set({ status: 'failed' })
          .where(and(eq(coverageVersions.status, 'importing'), lt(coverageVersions.createdAt, before.toISOString())))
          .returning({ id: coverageVersions.id }),
      )
    ).map((row) => row.id);
  });
}

/** Failed or superseded versions that still hold entries: their purge was cut short. */
export function coverageVersionsWithLeftovers(db: Db): Promise<string[]> {
  return withConnection(db, async () => {
    const done = (
      await queryAll(
        db
          .select({ id: coverageVersions.id })
          .from(coverageVersions)
          .where(inArray(coverageVersions.status, ['failed', 'superseded'])),
      )
    ).map((row) => row.id);
    const holdsEntries = statement(db, 'SELECT 1 FROM coverage_entries WHERE version_id = ? LIMIT 1').pluck();
    const leftovers: string[] = [];
    for (const id of done) if ((await holdsEntries.get(id)) !== undefined) leftovers.push(id);
    return leftovers;
  });
}

export function countCoverageEntries(db: Db, versionId: string): Promise<number> {
  return withConnection(db, async () => {
    return (await statement(db, 'SELECT count(*) FROM coverage_entries WHERE version_id = ?')
      .pluck()
      .get(versionId)) as number;
  });
}

export function getCoverageVersion(db: Db, id: string): Promise<CoverageVersion | undefined> {
  return withConnection(db, async () => {
    const row = await queryFirst(db.select().from(coverageVersions).where(eq(coverageVersions.id, id)));
    return row && toCoverageVersion(row);
  });
}

/** Newest first; `before` is the id of the last version of the previous page. */
export function listCoverageVersions(
  db: Db,
  partnerId: string,
  opts: { limit: number; before?: string },
): Promise<CoverageVersion[]> {
  return withConnection(db, async () => {
    const after = opts.before
      ? sql`(${coverageVersions.createdAt}, rowid) < (SELECT created_at, rowid FROM coverage_versions WHERE id = ${opts.before})`
      : undefined;
    return (
      await queryAll(
        db
          .select()
          .from(coverageVersions)
          .where(and(eq(coverageVersions.partnerId, partnerId), after))
          .orderBy(desc(coverageVersions.createdAt), desc(sql`rowid`))
          .limit(opts.limit),
      )
    ).map(toCoverageVersion);
  });
}
