import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';

/*
 * The PostgreSQL store: a pool of connections, and one drizzle instance whose queries go to the connection of the
 * transaction the calling code runs in (its async context, set by db/access.ts), or else to any pooled connection.
 */

// bigint and numeric (count(*), sum(...)) arrive as numbers: every integer Tailgate keeps is far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (text) => Number(text));

export type PgDb = NodePgDatabase<typeof schema> & { $client: PgRouter };

/** The connection a transaction holds, for code running inside it. */
export const pgTransactionClient = new AsyncLocalStorage<{
  client: pg.PoolClient;
  router: PgRouter;
  open: boolean;
  savepoints: number;
}>();

/** At most this many statement texts are named (prepared once per connection); later ones run unnamed. */
const NAMED_STATEMENTS_MAX = 500;
/** A longer text (a many-row insert) is rarely sent twice: not worth a prepared statement held per connection. */
const NAMED_TEXT_MAX_CHARS = 8_000;

/**
 * What drizzle queries through: the current transaction's connection, else the pool. Each statement text is given a
 * name, so every connection parses it once and then only binds and executes it (pg keeps a connection's prepared
 * statements until it closes); the same text always gets the same name. Plans stay custom (plan_cache_mode in
 * SESSION_SETTINGS): naming saves the parse, never changes how a statement is planned.
 */
export class PgRouter {
  private readonly names = new Map<string, string>();

  constructor(readonly pool: pg.Pool) {}

  query(...args: unknown[]): Promise<pg.QueryResult> {
    const held = pgTransactionClient.getStore();
    const target = held?.open && held.router === this ? held.client : this.pool;
    const config = args[0] as { text?: unknown; name?: unknown } | string;
    if (typeof config === 'object' && typeof config.text === 'string' && config.name === undefined) {
      const name = this.nameOf(config.text);
      if (name) args[0] = { ...config, name };
    }
    return (target.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args);
  }

  private nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known || text.length > NAMED_TEXT_MAX_CHARS || this.names.size >= NAMED_STATEMENTS_MAX) return known;
    const name = `tailgate_${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }
}

/** Whether the calling code runs inside a transaction of this store. */
export function inPgTransaction(db: PgDb): boolean {
  const held = pgTransactionClient.getStore();
  return held?.open === true && held.router === db.$client;
}

/** The connection of the transaction the calling code runs in, for what drizzle cannot send (COPY). */
export function transactionConnection(db: PgDb): pg.PoolClient {
  if (!inPgTransaction(db)) throw new Error('no PostgreSQL transaction is open here');
  return pgTransactionClient.getStore()!.client;
}

/** Whether a store handle is the PostgreSQL store (else the SQLite one). */
export const isPostgres = (db: { $client: unknown }): db is PgDb => db.$client instanceof PgRouter;

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Any constant will do: every Tailgate process migrating the same database takes this one lock. */
const MIGRATION_LOCK = 7_245_113;

/**
 * Every connection's settings. Tailgate's statements are short (one order, one page of a partner's breaches), and on
 * them both of PostgreSQL's big-query features cost more than they save, as measured on the report benchmark with 11
 * frozen months: JIT compilation of the late-news query took 350 ms of its 630 ms (its estimated cost is above
 * jit_above_cost), and parallel workers launched for each partner's page of breaches made that phase 2.3 s instead of
 * 0.78 s. Named statements (PgRouter) are planned for their values on every run, as unnamed ones are: a generic plan
 * would serve a partner with a million breaches as it serves one with ten.
 */
const SESSION_SETTINGS = '-c jit=off -c max_parallel_workers_per_gather=0 -c plan_cache_mode=force_custom_plan';

/**
 * Connects to the database at `url` and applies pending migrations, one process at a time (an advisory lock), so
 * several processes may start together. The database must compare text bytewise (collation "C"): ids and ISO instants
 * are ordered and paged by their text, as SQLite orders them.
 */
export async function openPostgres(url: string, opts: { poolSize?: number } = {}): Promise<PgDb> {
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, options: SESSION_SETTINGS });
  // An idle pooled connection the server closed (a restart, a failover) is dropped; the next query opens another.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
  try {
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ bytewise: boolean; collation: string }>(
        `SELECT bool_and((x < y) = (x COLLATE "C" < y COLLATE "C")) AS bytewise,
                (SELECT datcollate FROM pg_database WHERE datname = current_database()) AS collation
           FROM (VALUES ('a', 'B'), ('a-b', 'ab'), ('Z', 'a'), ('e1', 'E2')) AS pairs(x, y)`,
      );
      if (!rows[0]?.bytewise) {
        throw new Error(
          `the database orders text by its locale (collation ${rows[0]?.collation}): Tailgate needs "C" ` +
            `(CREATE DATABASE ... TEMPLATE template0 LOCALE_PROVIDER libc LC_COLLATE 'C' LC_CTYPE 'C')`,
        );
      }
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await migrate(drizzle({ client, schema }), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw err;
  }
  const router = new PgRouter(pool);
  return drizzle({ client: router as unknown as pg.Pool, schema }) as unknown as PgDb;
}

export async function closePostgres(db: PgDb): Promise<void> {
  await db.$client.pool.end();
}
