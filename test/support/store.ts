import path from 'node:path';
import { inject } from 'vitest';
import { closeStore, openStore, type Db } from '../../db/client.js';
import { createTestPostgresDatabase } from './postgres.js';

/**
 * The store a test works on: a SQLite file in `dir`, or, in the `postgres` test project (vitest.config.ts), a
 * database of its own on the tests' PostgreSQL server, dropped on close. `databaseUrl` is set for PostgreSQL, so
 * processes a test starts can open the same store.
 */
export async function openTestStore(dir: string): Promise<{ db: Db; databaseUrl?: string; close(): Promise<void> }> {
  const databasePath = path.join(dir, 'tailgate.db');
  if (inject('store') !== 'postgres') {
    const db = await openStore({ databasePath });
    return { db, close: () => closeStore(db) };
  }
  const database = await createTestPostgresDatabase();
  const db = await openStore({ databaseUrl: database.url, databasePath });
  return {
    db,
    databaseUrl: database.url,
    async close() {
      await closeStore(db);
      await database.drop();
    },
  };
}
