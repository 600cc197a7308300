import Database from 'better-sqlite3';
import { writeTransaction } from '../../db/access.js';
import type { Db } from '../../db/client.js';
import { statement } from '../../db/execute.js';
import { transactionConnection, type PgDb } from '../../db/pg/client.js';
import { copyRows } from '../../db/pg/copy.js';
import { entryColumns, entryValues } from '../../db/repositories/coverage.js';
import { newId } from '../../db/ids.js';
import type { CoverageRowData } from './coverage-data.js';

/** Rows per transaction of the baseline: large enough that commits cost nothing worth mentioning. */
export const RAW_BATCH_ROWS = 10_000;
const ROWS_PER_VERSION = 2 ** 32;

export const rawSqliteDescription =
  'plain better-sqlite3: one prepared INSERT of already-typed values, 10,000 rows per transaction, into a fresh ' +
  "SQLite file with the real connection's pragmas (WAL, synchronous, cache_size...) and a coverage_entries table created from the real " +
  'schema (same columns, primary key and indexes, copied from sqlite_master); same rows, same id scheme, same ' +
  'per-partner split, interleaved partner by partner with the import; generating the rows is not timed';

/**
 * The baseline: a table copied from the real database's DDL in its own file, so the comparison stays fair whatever
 * indexes the schema gains or loses.
 */
export function openRawSqliteTable(real: Db, file: string): RawTable {
  const ddl = real.$client
    .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'coverage_entries' AND sql IS NOT NULL ORDER BY type DESC")
    .pluck()
    .all() as string[];
  const sqlite = new Database(file);
  // The real connection's settings, whatever openDatabase sets now or later.
  for (const name of ['journal_mode', 'synchronous', 'cache_size', 'foreign_keys', 'busy_timeout']) {
    sqlite.pragma(`${name} = ${real.$client.pragma(name, { simple: true }) as string | number}`);
  }
  for (const create of ddl) sqlite.exec(create);
  const insert = sqlite.prepare(
    `INSERT INTO coverage_entries (${entryColumns.join(', ')}) VALUES (${entryColumns.map(() => '?').join(', ')})`,
  );
  const insertBatch = sqlite.transaction((rows: CoverageRowData[], from: number, to: number, version: RawVersion) => {
    for (let i = from; i < to; i += 1) insert.run(...rawValues(version, rows, i));
  });
  let versions = 0;
  return {
    /** Inserts one partner's rows in RAW_BATCH_ROWS transactions; returns the milliseconds spent inserting. */
    async insertPartner(partnerId: string, rows: CoverageRowData[]) {
      versions += 1;
      const version = { id: newId('cov'), partnerId, rowBase: versions * ROWS_PER_VERSION };
      const started = performance.now();
      for (let from = 0; from < rows.length; from += RAW_BATCH_ROWS) {
        insertBatch(rows, from, Math.min(from + RAW_BATCH_ROWS, rows.length), version);
      }
      return performance.now() - started;
    },
    count: async () => sqlite.prepare('SELECT count(*) FROM coverage_entries').pluck().get() as number,
    close: async () => void sqlite.close(),
  };
}
type RawVersion = { id: string; partnerId: string; rowBase: number };

/** Row i's values as the import writes them; CSV row numbers start at 2 (the header is row 1), as its ids do. */
const rawValues = (version: RawVersion, rows: CoverageRowData[], i: number) =>
  entryValues(version, { row: i + 2, entry: rows[i] as CoverageRowData });

/** A baseline table: one partner's typed rows in, the milliseconds it took out. */
export type RawTable = {
  insertPartner(partnerId: string, rows: CoverageRowData[]): Promise<number>;
  count(): Promise<number>;
  close(): Promise<void>;
};

export const rawCopyDescription =
  'raw COPY FROM STDIN (pg-copy-streams, text format) of already-typed values, 10,000 rows per transaction, into ' +
  'coverage_entries_raw, created LIKE coverage_entries INCLUDING ALL (same columns, primary key and indexes) in the ' +
  'same database; same rows, same id scheme, same per-partner split, interleaved partner by partner with the import; ' +
  'generating the rows is not timed';

/** The PostgreSQL baseline: COPY into a table made like the real one, on the same server and database. */
export async function openRawCopyTable(real: PgDb): Promise<RawTable> {
  const db = real as unknown as Db;
  await statement(db, 'CREATE TABLE coverage_entries_raw (LIKE coverage_entries INCLUDING ALL)').run();
  let versions = 0;
  return {
    async insertPartner(partnerId, rows) {
      versions += 1;
      const version = { id: newId('cov'), partnerId, rowBase: versions * ROWS_PER_VERSION };
      const values = rows.map((_, i) => rawValues(version, rows, i));
      const started = performance.now();
      for (let from = 0; from < values.length; from += RAW_BATCH_ROWS) {
        const batch = values.slice(from, from + RAW_BATCH_ROWS);
        await writeTransaction(db, () =>
          copyRows(transactionConnection(real), 'coverage_entries_raw', entryColumns, batch),
        );
      }
      return performance.now() - started;
    },
    count: async () => (await statement(db, 'SELECT count(*) FROM coverage_entries_raw').pluck<number>().get()) ?? 0,
    close: async () => void (await statement(db, 'DROP TABLE coverage_entries_raw').run()),
  };
}
