import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { Db } from './client.js';
import { isPostgres, pgTransactionClient, type PgDb } from './pg/client.js';

/*
 * How code reaches the database: asynchronously, one holder at a time per connection.
 *
 * Every repository call runs inside withConnection and every write transaction through writeTransaction. Both hold
 * the connection's lock for as long as their work runs, awaits included, and hand it over in arrival order. Work
 * started inside (repository calls, nested transactions) is recognised by its async context and runs on the held
 * connection directly, so a transaction spans awaits and still contains exactly what its callback did: no other
 * request's statement can slip into it between two awaits, and nothing its callback awaits can slip out of it.
 * A callback cannot hold a transaction open by mistake either: once it settles, the context it leaves behind (in a
 * timer or a promise started inside) no longer counts as holding the connection.
 */

interface Holding {
  client: Database.Database;
  /** Savepoint depth inside the write transaction; undefined: the connection is held outside any transaction. */
  transactionDepth: number | undefined;
  open: boolean;
}

const holding = new AsyncLocalStorage<Holding>();

class ConnectionLock {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  tryAcquire(): boolean {
    if (this.held) return false;
    this.held = true;
    return true;
  }

  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the lock straight to the next in line, so it is never free in between for someone else to take. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

const locks = new WeakMap<Database.Database, ConnectionLock>();

function lockOf(client: Database.Database): ConnectionLock {
  let lock = locks.get(client);
  if (!lock) {
    lock = new ConnectionLock();
    locks.set(client, lock);
  }
  return lock;
}

function heldHere(db: Db): Holding | undefined {
  const held = holding.getStore();
  return held?.open && held.client === db.$client ? held : undefined;
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** Runs `work` holding the connection, then lets it go (also when `work` throws or rejects). */
async function holdWhile<T>(db: Db, work: () => T | Promise<T>): Promise<T> {
  const lock = lockOf(db.$client);
  await lock.acquire();
  const held: Holding = { client: db.$client, transactionDepth: undefined, open: true };
  try {
    return await holding.run(held, work);
  } finally {
    held.open = false;
    lock.release();
  }
}

/**
 * Runs repository code (`work`) with the connection to itself. Uncontended, synchronous work runs at once, before
 * this returns; otherwise it waits its turn behind the transaction or call holding the connection.
 */
export function withConnection<T>(db: Db | PgDb, work: () => T | Promise<T>): Promise<T> {
  // PostgreSQL runs each statement on a pooled connection or, inside a transaction, on the transaction's own.
  if (isPostgres(db)) return settle(work);
  if (heldHere(db)) return settle(work);
  const lock = lockOf(db.$client);
  if (!lock.tryAcquire()) return holdWhile(db, work);
  const held: Holding = { client: db.$client, transactionDepth: undefined, open: true };
  let result: T | Promise<T>;
  try {
    result = holding.run(held, work);
  } catch (err) {
    held.open = false;
    lock.release();
    return Promise.reject(err);
  }
  if (!isPromise(result)) {
    held.open = false;
    lock.release();
    return Promise.resolve(result);
  }
  return result.finally(() => {
    held.open = false;
    lock.release();
  });
}

function settle<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err);
  }
}

const statements = new WeakMap<Database.Database, Record<'begin' | 'commit' | 'rollback', Database.Statement>>();

function transactionStatements(client: Database.Database) {
  let prepared = statements.get(client);
  if (!prepared) {
    prepared = {
      begin: client.prepare('BEGIN IMMEDIATE'),
      commit: client.prepare('COMMIT'),
      rollback: client.prepare('ROLLBACK'),
    };
    statements.set(client, prepared);
  }
  return prepared;
}

/*
 * Every transaction that writes is IMMEDIATE: `BEGIN IMMEDIATE` takes the write lock up front, waiting out
 * busy_timeout for it. A deferred transaction that reads and then writes cannot wait: if another process (a worker
 * beside the API) committed after its first read, the upgrade fails at once with SQLITE_BUSY ("database is locked").
 */

/**
 * Runs `work` as one write transaction (BEGIN IMMEDIATE, see above): everything it does through this database,
 * awaits included, commits together when it resolves or not at all when it throws. Nested calls become savepoints
 * of the outer transaction. The only way to write in a transaction (lint refuses the drivers' own).
 */
export function writeTransaction<T>(db: Db | PgDb, work: () => T | Promise<T>): Promise<T> {
  if (isPostgres(db)) return pgTransaction(db, work);
  const held = heldHere(db);
  if (held?.transactionDepth !== undefined) return savepoint(db, held, work);
  if (held) return transaction(db, held, work);
  return holdWhile(db, () => transaction(db, holding.getStore() as Holding, work));
}

async function transaction<T>(db: Db, held: Holding, work: () => T | Promise<T>): Promise<T> {
  const { begin, commit, rollback } = transactionStatements(db.$client);
  begin.run();
  held.transactionDepth = 0;
  try {
    const result = await work();
    commit.run();
    return result;
  } catch (err) {
    if (db.$client.inTransaction) rollback.run();
    throw err;
  } finally {
    held.transactionDepth = undefined;
  }
}

async function savepoint<T>(db: Db, held: Holding, work: () => T | Promise<T>): Promise<T> {
  const depth = (held.transactionDepth ?? 0) + 1;
  const name = `tailgate_${depth}`;
  db.$client.exec(`SAVEPOINT ${name}`);
  held.transactionDepth = depth;
  try {
    const result = await work();
    db.$client.exec(`RELEASE ${name}`);
    return result;
  } catch (err) {
    db.$client.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
    throw err;
  } finally {
    held.transactionDepth = depth - 1;
  }
}

/**
 * A PostgreSQL transaction: one pooled connection from BEGIN to COMMIT, which every query `work` makes (awaits
 * included) goes to through the router (db/pg/client.ts); nested calls are savepoints. Rows it writes are locked
 * against other transactions until it ends, as SQLite's write lock does for the whole file.
 */
async function pgTransaction<T>(db: PgDb, work: () => T | Promise<T>): Promise<T> {
  const held = pgTransactionClient.getStore();
  if (held?.open && held.router === db.$client) {
    const name = `tailgate_${++held.savepoints}`;
    await held.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      await held.client.query(`RELEASE ${name}`);
      return result;
    } catch (err) {
      await held.client.query(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw err;
    }
  }
  const client = await db.$client.pool.connect();
  const context = { client, router: db.$client, open: true, savepoints: 0 };
  let broken = false;
  try {
    await client.query('BEGIN');
    try {
      const result = await pgTransactionClient.run(context, work);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw err;
    }
  } finally {
    context.open = false;
    client.release(broken);
  }
}
