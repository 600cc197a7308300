import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { PoolClient } from 'pg';
import { withConnection, writeTransaction } from '../access.js';
import type { Db } from '../client.js';
import { isPostgres } from '../execute.js';
import * as schema from '../schema.js';
import { transactionConnection } from './client.js';
import { copyRows } from './copy.js';

/*
 * Moving an installation from the embedded SQLite file to PostgreSQL: every table of the schema (db/schema.ts, which
 * both stores share column for column: scripts/generate-pg-schema.ts) copied as stored, in one PostgreSQL transaction.
 */

type TableCopy = { name: string; columns: string[]; parents: string[]; identity: string | undefined };

/** The schema's tables, each after the tables its foreign keys refer to. */
export function tablesInCopyOrder(): TableCopy[] {
  const tables = (Object.values(schema) as unknown[])
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .map((table): TableCopy => {
      const config = getTableConfig(table);
      const singleIntegerKey = config.columns.find((c) => c.primary && c.columnType === 'SQLiteInteger');
      return {
        name: config.name,
        columns: config.columns.map((c) => c.name),
        parents: config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name),
        // An integer primary key SQLite assigns is an identity on PostgreSQL (scripts/generate-pg-schema.ts).
        identity: config.primaryKeys.length === 0 ? singleIntegerKey?.name : undefined,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableCopy[] = [];
  const placed = new Set<string>();
  const place = (table: TableCopy, path: string[]) => {
    if (placed.has(table.name)) return;
    if (path.includes(table.name)) throw new Error(`foreign keys form a cycle: ${[...path, table.name].join(' → ')}`);
    for (const parent of table.parents) {
      if (parent !== table.name) place(byName.get(parent)!, [...path, table.name]);
    }
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of tables) place(table, []);
  return ordered;
}

/** Tables that hold what people made (not what migrations put in): a database with a row in one is in use. */
const IN_USE_TABLES = ['api_keys', 'partners', 'orders', 'tickets', 'qualifications', 'coverage_entries'];

/** Rows per read from SQLite and per COPY: bounded memory whatever the table's size. */
const BATCH_ROWS = 5_000;

export class TargetInUse extends Error {}

/**
 * Copies every row of the SQLite store `source` into the PostgreSQL store `target`, which must be migrated and
 * unused (no API key, partner, order, ticket, qualification or coverage: TargetInUse otherwise, nothing changed). In
 * one transaction: the rows the target's migrations seeded are replaced by the source's; triggers are off meanwhile
 * (the copied rows already hold what they recorded), foreign keys are checked; identities continue after the highest
 * copied key. Returns the rows copied per table, in copy order.
 */
export async function copySqliteToPostgres(
  source: Db,
  target: Db,
  onTable: (table: string, rows: number) => void = () => undefined,
): Promise<{ table: string; rows: number }[]> {
  if (isPostgres(source) || !isPostgres(target)) throw new Error('copies a SQLite store into a PostgreSQL one');
  const tables = tablesInCopyOrder();
  const copied: { table: string; rows: number }[] = [];
  await writeTransaction(target, async () => {
    const client = transactionConnection(target);
    const used: string[] = [];
    for (const table of IN_USE_TABLES) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      const count = Number(rows[0]!.n);
      if (count > 0) used.push(`${count.toLocaleString('en-GB')} in ${table}`);
    }
    if (used.length > 0) {
      throw new TargetInUse(
        `the PostgreSQL database is in use already (${used.join(', ')}): copy into a new database, before any Tailgate process starts on it`,
      );
    }
    for (const { name } of tables) await client.query(`ALTER TABLE ${name} DISABLE TRIGGER USER`);
    for (const { name } of [...tables].reverse()) await client.query(`DELETE FROM ${name}`);
    // The source's connection held throughout, in one read transaction: every table as of one instant, even if
    // another process still writes to the file.
    await withConnection(source, async () => {
      source.$client.exec('BEGIN');
      try {
        for (const table of tables) {
          const rows = await copyTable(source, client, table);
          copied.push({ table: table.name, rows });
          onTable(table.name, rows);
        }
      } finally {
        source.$client.exec('COMMIT');
      }
    });
    for (const { name } of tables) await client.query(`ALTER TABLE ${name} ENABLE TRIGGER USER`);
  });
  return copied;
}

async function copyTable(source: Db, client: PoolClient, table: TableCopy): Promise<number> {
  const columns = table.columns.map((c) => `"${c}"`);
  const withoutRowid = Boolean((source.$client.pragma(`table_list("${table.name}")`) as { wr: number }[])[0]?.wr);
  // In the order SQLite stored them (rowid; a table without one, by its key), so a row referring to another row of
  // its table follows it.
  const rows = source.$client
    .prepare(`SELECT ${columns.join(', ')} FROM "${table.name}"${withoutRowid ? '' : ' ORDER BY rowid'}`)
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  let total = 0;
  let batch: unknown[][] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length < BATCH_ROWS) continue;
    await copyRows(client, `"${table.name}"`, columns, batch);
    total += batch.length;
    batch = [];
  }
  await copyRows(client, `"${table.name}"`, columns, batch);
  total += batch.length;
  if (table.identity) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max("${table.identity}") FROM "${table.name}"), 1), (SELECT count(*) > 0 FROM "${table.name}"))`,
      [`"${table.name}"`, table.identity],
    );
  }
  return total;
}
