import type { SQL } from 'drizzle-orm';
import type { Db } from './client.js';
import { isPostgres } from './pg/client.js';

/*
 * Running a query on either store. Repositories build queries with drizzle and db/schema.ts's tables, typed for
 * SQLite; on PostgreSQL the same builders come from a drizzle PostgreSQL instance (db/pg/client.ts), which runs them
 * when awaited instead of through SQLite's all / get / run. These take the builder (or raw SQL) and run it the way
 * its store does, always asynchronously.
 */

export { isPostgres };

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

/**
 * SQL text for one store or both: most statements read the same on SQLite and PostgreSQL; where a function or clause
 * differs (json_each, julianday, INSERT OR IGNORE), each store gets its own.
 */
export type SqlText = string | { sqlite: string; postgres: string };
type Params = unknown[];
type Mode = 'rows' | 'pluck' | 'raw';

/**
 * A raw statement on either store, with SQLite's placeholders (`?` in order, or `@name` from one object of values);
 * PostgreSQL gets them numbered, and camel-case aliases quoted so they keep their case. Prepared once per connection
 * and text on SQLite. `pluck()` answers each row's first column, `raw()` each row as an array.
 */
export function statement<Row = Record<string, unknown>>(db: Db, text: SqlText) {
  const sqliteText = typeof text === 'string' ? text : text.sqlite;
  const postgresText = typeof text === 'string' ? text : text.postgres;
  const at = (mode: Mode) => ({
    all: (...params: Params) => statementRows<Row>(db, sqliteText, postgresText, mode, params),
    get: async (...params: Params) => (await statementRows<Row>(db, sqliteText, postgresText, mode, params))[0],
  });
  return {
    ...at('rows'),
    pluck: <Value = unknown>() => at('pluck') as unknown as PluckedRows<Value>,
    raw: () =>
      at('raw') as unknown as { all(...p: Params): Promise<unknown[][]>; get(...p: Params): Promise<unknown[]> },
    run: (...params: Params) => statementRun(db, sqliteText, postgresText, params),
  };
}
type PluckedRows<Value> = { all(...p: Params): Promise<Value[]>; get(...p: Params): Promise<Value | undefined> };

const sqliteStatements = new WeakMap<object, Map<string, import('better-sqlite3').Statement>>();

function sqliteStatement(db: Db, text: string, mode: Mode) {
  let prepared = sqliteStatements.get(db.$client);
  if (!prepared) sqliteStatements.set(db.$client, (prepared = new Map()));
  const key = `${mode}\u0000${text}`;
  let found = prepared.get(key);
  if (!found) {
    found = db.$client.prepare(text);
    if (mode === 'pluck') found.pluck(true);
    if (mode === 'raw') found.raw(true);
    prepared.set(key, found);
  }
  return found;
}

async function statementRows<Row>(db: Db, sqliteText: string, postgresText: string, mode: Mode, params: Params) {
  if (!isPostgres(db)) return sqliteStatement(db, sqliteText, mode).all(...params) as Row[];
  const { text, values } = postgresQuery(postgresText, params);
  const router = db.$client;
  const result = await router.query({ text, values, rowMode: mode === 'rows' ? undefined : 'array' });
  return (mode === 'pluck' ? result.rows.map((r: unknown[]) => r[0]) : result.rows) as Row[];
}

async function statementRun(db: Db, sqliteText: string, postgresText: string, params: Params) {
  if (!isPostgres(db)) return { changes: sqliteStatement(db, sqliteText, 'rows').run(...params).changes };
  const { text, values } = postgresQuery(postgresText, params);
  const result = await db.$client.query({ text, values });
  return { changes: result.rowCount ?? 0 };
}

const translations = new Map<string, { text: string; names: string[] | null; positional: number }>();

/** SQLite's placeholders as PostgreSQL's $1, $2 …; camel-case aliases (`as dueKey`) quoted wherever they are used. */
function postgresQuery(sqliteStyle: string, params: Params): { text: string; values: unknown[] } {
  let translated = translations.get(sqliteStyle);
  if (!translated) {
    const names: string[] = [];
    let n = 0;
    const numbered = sqliteStyle.replace(/'(?:[^']|'')*'|@(\w+)|\?/g, (match, name: string | undefined) => {
      if (match.startsWith("'")) return match;
      if (name !== undefined) {
        const index = names.indexOf(name);
        if (index >= 0) return `$${index + 1}`;
        names.push(name);
        return `$${names.length}`;
      }
      return `$${++n}`;
    });
    const aliases = new Set([...numbered.matchAll(/\b[aA][sS]\s+([a-z]+[A-Z]\w*)/g)].map((m) => m[1]!));
    const text = [...aliases].reduce(
      (quoted, alias) => quoted.replace(new RegExp(`(?<!")\\b${alias}\\b(?!")`, 'g'), `"${alias}"`),
      numbered,
    );
    translated = { text, names: names.length > 0 ? names : null, positional: n };
    translations.set(sqliteStyle, translated);
  }
  const named = params[0] as Record<string, unknown> | undefined;
  const values = translated.names
    ? translated.names.map((name) => named?.[name])
    : params.slice(0, translated.positional);
  return { text: translated.text, values: values.map((v) => (typeof v === 'boolean' ? Number(v) : v)) };
}

/** The store's error code; drizzle wraps PostgreSQL's errors ("Failed query: …"), the driver's is their cause. */
function errorCode(err: unknown): unknown {
  for (let e = err as { code?: unknown; cause?: unknown } | null | undefined, depth = 0; e && depth < 4; depth += 1) {
    if (e.code !== undefined) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}
/** A write refused because a row it refers to is gone, on either store. */
export const isForeignKeyViolation = (err: unknown) =>
  errorCode(err) === 'SQLITE_CONSTRAINT_FOREIGNKEY' || errorCode(err) === '23503';
/** A write refused because a unique key already holds its value, on either store. */
export const isUniqueViolation = (err: unknown) =>
  errorCode(err) === 'SQLITE_CONSTRAINT_UNIQUE' ||
  errorCode(err) === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
  errorCode(err) === '23505';
/**
 * The store is too busy to take this write now (SQLite's lock was held past busy_timeout; PostgreSQL found a deadlock
 * or could not serialize): the caller may retry shortly.
 */
export const isStoreBusy = (err: unknown) =>
  ['SQLITE_BUSY', '40P01', '40001', '55P03'].includes(String(errorCode(err)));
