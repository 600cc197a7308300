import path from 'node:path';
import { closeStore, openStore, storeLocation, type Db } from '../../db/client.js';
import { createPostgresDatabase } from '../../test/support/postgres-database.js';
import { postgresServer } from '../../test/support/throwaway-postgres.js';

export type BenchStoreKind = 'sqlite' | 'postgres';
export type BenchStore = {
  db: Db;
  kind: BenchStoreKind;
  databaseUrl?: string;
  location: string;
  close(): Promise<void>;
};

/** `--store sqlite|postgres`, as every benchmark takes it. */
export function benchStoreKind(value: string | undefined): BenchStoreKind {
  if (value === undefined || value === 'sqlite' || value === 'postgres') return value ?? 'sqlite';
  throw new Error(`--store must be sqlite or postgres, not ${value}`);
}

/**
 * The store a benchmark runs on: a SQLite file in `dir` (as `npm start` keeps it), or a new database on the PostgreSQL
 * server DATABASE_URL or PG* name, else on a throwaway cluster that flushes every commit to disk as a production
 * server does (not the tests' fsync=off). The database, and a throwaway cluster, are removed by `close`.
 */
export async function openBenchStore(kind: BenchStoreKind, dir: string): Promise<BenchStore> {
  const databasePath = path.join(dir, 'tailgate.db');
  if (kind === 'sqlite') {
    const db = await openStore({ databasePath });
    return { db, kind, location: databasePath, close: () => closeStore(db) };
  }
  const server = await postgresServer({ durable: true });
  const database = await createPostgresDatabase(server.url, 'tailgate_bench');
  const db = await openStore({ databaseUrl: database.url, databasePath });
  return {
    db,
    kind,
    databaseUrl: database.url,
    location: storeLocation({ databaseUrl: database.url, databasePath }),
    async close() {
      await closeStore(db);
      await database.drop();
      server.throwaway?.stop();
    },
  };
}

/** Opens a store a benchmark's child process was handed: a postgres:// URL, or else a SQLite file's path. */
export const openBenchLocation = (location: string): Promise<Db> =>
  openStore(location.startsWith('postgres') ? { databaseUrl: location, databasePath: '' } : { databasePath: location });
