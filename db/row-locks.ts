import type { Db } from './client.js';
import { isPostgres } from './pg/client.js';
import { statement } from './execute.js';

/*
 * Inside a write transaction (db/access.ts), a lock makes other transactions that take the same one wait until this
 * one ends, so whatever this one reads after taking it is what they committed: read, decide, write is then safe. On
 * SQLite there is nothing to take: a write transaction (BEGIN IMMEDIATE) already holds the file's only write lock. On
 * PostgreSQL, where transactions of several processes run side by side, these take a row lock or a lock on a name.
 */

/** Tables whose rows a transaction locks before it reads and changes them. */
type LockedTable = 'orders' | 'tickets' | 'partners' | 'manual_tasks';

/** Locks the row `id` of `table` until the transaction ends (SELECT … FOR UPDATE on PostgreSQL). */
export async function lockRow(db: Db, table: LockedTable, id: string): Promise<void> {
  if (isPostgres(db)) await statement(db, `select 1 from ${table} where id = ? for update`).run(id);
}

/** Locks a name (a report month, say) until the transaction ends (a transaction advisory lock on PostgreSQL). */
export async function lockName(db: Db, name: string): Promise<void> {
  if (isPostgres(db)) await statement(db, 'select pg_advisory_xact_lock(hashtext(?))').run(`tailgate:${name}`);
}
