import type Database from 'better-sqlite3';

/** Statement texts kept per connection; past this, a new shape (an IN list of a new length) evicts the oldest. */
export const STATEMENT_CACHE_SIZE = 500;

type Session = {
  client: { prepare(source: string): Database.Statement; transaction: Database.Database['transaction'] };
};

/**
 * Makes drizzle's SQLite session reuse its compiled statements: drizzle prepares every query it runs anew, and
 * compiling the SQL cost about a tenth of the API's CPU when placing orders. Statements are kept per text, most
 * recently used last, at most STATEMENT_CACHE_SIZE of them. drizzle runs each one at once (better-sqlite3 is
 * synchronous) and sets raw mode itself where it wants arrays, so a statement is handed back in row mode; one
 * still busy (never so through drizzle) is not shared. Only drizzle's session uses this, not `$client.prepare`.
 */
export function cacheSessionStatements(db: object, client: Database.Database): void {
  const session = (db as { session: Session }).session;
  const cache = new Map<string, Database.Statement>();
  session.client = {
    prepare(source: string) {
      const cached = cache.get(source);
      if (cached && !cached.busy) {
        cache.delete(source);
        cache.set(source, cached);
        if (cached.reader) cached.raw(false);
        return cached;
      }
      const prepared = client.prepare(source);
      if (cached) return prepared;
      cache.set(source, prepared);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      return prepared;
    },
    transaction: client.transaction.bind(client),
  };
}
