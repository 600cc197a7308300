import type { SQL } from 'drizzle-orm';
import type { Db } from './client.js';
import { PgRouter } from './pg/client.js';

/*
 * Running a query on either store. Repositories build queries with drizzle and db/schema.ts's tables, typed for
 * SQLite; on PostgreSQL the same builders come from a drizzle PostgreSQL instance (db/pg/client.ts), which runs them
 * when awaited instead of through SQLite's all / get / run. These take the builder (or raw SQL) and run it the way
 * its store does, always asynchronously.
 */

export const isPostgres = (db: { $client: unknown }): boolean => db.$client instanceof PgRouter;

/** Every row the query returns. */
export async function queryAll<T>(query: { all(): T[] }): Promise<T[]> {
  if (typeof (query as { all?: unknown }).all === 'function') return query.all();
  return (await (query as unknown as PromiseLike<T[]>)) ?? [];
}

/** The first row the query returns, or undefined. */
export async function queryFirst<T>(query: { get(): T }): Promise<T> {
  if (typeof (query as { get?: unknown }).get === 'function') return query.get();
  return ((await (query as unknown as PromiseLike<T[]>)) as T[])[0] as T;
}

/** Runs a statement; `changes` is how many rows it inserted, updated or deleted. */
export async function queryRun(query: { run(): { changes: number } }): Promise<{ changes: number }> {
  if (typeof (query as { run?: unknown }).run === 'function') return { changes: query.run().changes };
  const result = (await (query as unknown as PromiseLike<{ rowCount: number | null }>)) ?? { rowCount: 0 };
  return { changes: result.rowCount ?? 0 };
}

/** The rows of raw SQL (column names as the SQL names them). */
export async function sqlAll<T>(db: Db, query: SQL): Promise<T[]> {
  if (isPostgres(db)) return (await (db as unknown as PgExecutor).execute(query)).rows as T[];
  return db.all<T>(query);
}

/** The first row of raw SQL, or undefined. */
export async function sqlFirst<T>(db: Db, query: SQL): Promise<T | undefined> {
  return (await sqlAll<T>(db, query))[0];
}

/** Runs raw SQL; `changes` is how many rows it inserted, updated or deleted. */
export async function sqlRun(db: Db, query: SQL): Promise<{ changes: number }> {
  if (isPostgres(db)) return { changes: (await (db as unknown as PgExecutor).execute(query)).rowCount ?? 0 };
  return { changes: db.run(query).changes };
}

type PgExecutor = { execute(query: SQL): Promise<{ rows: unknown[]; rowCount: number | null }> };
