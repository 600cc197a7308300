import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { closeStore, openStore, type Db } from '../../db/client.js';
import { createTestPostgresDatabase } from './postgres.js';

export type TestStore = {
  db: Db;
  databaseUrl?: string;
  /** Another handle on the same store, as another process would open it; closed with closeStore. */
  openAgain(): Promise<Db>;
  close(): Promise<void>;
};

/**
 * The store a test works on: a SQLite file in `dir`, or, in the `postgres` test project (vitest.config.ts) unless
 * `kind` says otherwise, a database of its own on the tests' PostgreSQL server, dropped on close. `databaseUrl` is set
 * for PostgreSQL, so processes a test starts can open the same store.
 */
export async function openTestStore(dir: string, kind = inject('store')): Promise<TestStore> {
  const databasePath = path.join(dir, 'tailgate.db');
  if (kind !== 'postgres') {
    const db = await openStore({ databasePath });
    return { db, openAgain: () => openStore({ databasePath }), close: () => closeStore(db) };
  }
  const database = await createTestPostgresDatabase();
  const db = await openStore({ databaseUrl: database.url, databasePath });
  return {
    db,
    databaseUrl: database.url,
    openAgain: () => openStore({ databaseUrl: database.url, databasePath }),
    async close() {
      await closeStore(db);
      await database.drop();
    },
  };
}

/**
 * The store of one test file, opened before its tests (in a temporary folder) and closed after them; `db` may be read
 * once they run.
 */
export function storeForTests(): { readonly db: Db; openAgain(): Promise<Db> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-store-'));
  let opened: Awaited<ReturnType<typeof openTestStore>> | undefined;
  beforeAll(async () => {
    opened = await openTestStore(dir);
  });
  afterAll(async () => {
    await opened?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const store = () => {
    if (!opened) throw new Error('the test store opens before the tests run');
    return opened;
  };
  return {
    get db() {
      return store().db;
    },
    openAgain: () => store().openAgain(),
  };
}
