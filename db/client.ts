import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { cacheSessionStatements } from './statement-cache.js';
import { closePostgres, isPostgres, openPostgres } from './pg/client.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

const checkpointers = new WeakMap<Database.Database, Checkpointer>();

/**
 * Opens (creating on first run) the SQLite file in WAL mode and applies pending migrations. A file database is
 * checkpointed from a worker thread (db/checkpointer.ts) instead of inside whichever commit crosses the threshold.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  cacheSessionStatements(db, sqlite);
  migrateCheckingForeignKeys(db);
  if (file !== ':memory:') {
    sqlite.pragma('wal_autocheckpoint = 0');
    const checkpointer = startCheckpointer(file, {
      // Without the thread nothing would ever checkpoint: fall back to SQLite's own (in-commit) checkpoints.
      onFailure: (err) => {
        process.emitWarning(`WAL checkpointer stopped (${err.message}); using SQLite's automatic checkpoints`);
        if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
      },
    });
    checkpointers.set(sqlite, checkpointer);
  }
  return db;
}

/**
 * Applies pending migrations with foreign keys off, as SQLite's table rebuilds need (a migration runs inside a
 * transaction, where `PRAGMA foreign_keys` does nothing), then, if any was applied, checks every foreign key before
 * turning them on: a migration that left a dangling reference stops the start instead of going unnoticed.
 */
function migrateCheckingForeignKeys(db: Db): void {
  db.$client.pragma('foreign_keys = OFF');
  const appliedBefore = appliedMigrations(db);
  migrate(db, { migrationsFolder });
  const dangling =
    appliedMigrations(db) === appliedBefore
      ? []
      : (db.$client.pragma('foreign_key_check') as { table: string; parent: string }[]);
  if (dangling.length > 0) {
    const first = dangling[0] as { table: string; parent: string };
    throw new Error(
      `after migrating, ${dangling.length} rows break foreign keys (first: ${first.table} -> ${first.parent})`,
    );
  }
  db.$client.pragma('foreign_keys = ON');
}

function appliedMigrations(db: Db): number {
  const table = db.$client.prepare("SELECT 1 FROM sqlite_master WHERE name = '__drizzle_migrations'").get();
  return table ? (db.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number) : 0;
}

/** Stops the checkpointer first, so this connection is the last one and SQLite checkpoints and removes the WAL. */
export function closeDatabase(db: Db): void {
  checkpointers.get(db.$client)?.stop();
  checkpointers.delete(db.$client);
  db.$client.close();
}

/**
 * The store a process works on: PostgreSQL at `databaseUrl` when given (several processes on several machines),
 * otherwise the SQLite file at `databasePath`. Migrated either way. Repositories take it as a Db: on PostgreSQL it is a
 * drizzle PostgreSQL instance that db/execute.ts and db/access.ts run the same queries on.
 */
export async function openStore(where: { databaseUrl?: string | undefined; databasePath: string }): Promise<Db> {
  if (where.databaseUrl) return (await openPostgres(where.databaseUrl)) as unknown as Db;
  return openDatabase(where.databasePath);
}

/** Closes what openStore opened. */
export async function closeStore(db: Db): Promise<void> {
  if (isPostgres(db)) await closePostgres(db);
  else closeDatabase(db);
}

/** Where a store is, for logs (never a password). */
export function storeLocation(where: { databaseUrl?: string | undefined; databasePath: string }): string {
  if (!where.databaseUrl) return where.databasePath;
  const url = new URL(where.databaseUrl);
  url.password = '';
  return url.toString();
}
