import { getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { writeTransaction } from '../access.js';
import type { Db } from '../client.js';
import { isForeignKeyViolation, isPostgres, queryFirst, queryRun } from '../execute.js';
import { pgTransactionClient } from '../pg/client.js';

/**
 * Writes a row (an order, a ticket) and its first event together, both or neither, and answers the row as stored;
 * undefined when the row conflicts with a stored one (then nothing is written).
 *
 * SQLite: one write transaction. PostgreSQL: one statement, the event inserted by a CTE beside the row, so one round
 * trip instead of four (BEGIN, two inserts, COMMIT). The event's foreign key to its row is checked at the statement's
 * end: when the row conflicted and was not written, it refuses the event too, and the statement writes nothing. Inside
 * a transaction the caller opened, that refusal would abort the caller's whole transaction: there the transaction's
 * way is used (a savepoint on PostgreSQL).
 */
export async function insertWithFirstEvent<Table extends SQLiteTable, Events extends SQLiteTable>(
  db: Db,
  into: { table: Table; row: Table['$inferInsert']; events: Events; event: Events['$inferInsert'] },
): Promise<Table['$inferSelect'] | undefined> {
  const { table, row, events, event } = into;
  if (!isPostgres(db) || inPgTransaction(db)) {
    return await writeTransaction(db, async () => {
      const stored = await queryFirst(db.insert(table).values(row).onConflictDoNothing().returning());
      if (stored) await queryRun(db.insert(events).values(event));
      return stored as Table['$inferSelect'] | undefined;
    });
  }
  // The insert's own SQL, not the builder: embedded in sql`` it would be parenthesised, which a CTE refuses.
  const firstEvent = db.$with('first_event', {}).as(db.insert(events).values(event).getSQL());
  try {
    const stored = await queryFirst(db.with(firstEvent).insert(table).values(row).onConflictDoNothing().returning());
    return stored as Table['$inferSelect'] | undefined;
  } catch (err) {
    if (isForeignKeyViolation(err) && violatedTable(err) === getTableName(events)) return undefined;
    throw err;
  }
}

const inPgTransaction = (db: Db) => {
  const held = pgTransactionClient.getStore();
  return held?.open === true && held.router === (db.$client as unknown);
};

/** The table whose constraint PostgreSQL's error names (drizzle wraps the driver's error as its cause). */
function violatedTable(err: unknown): string | undefined {
  for (let e = err as { table?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth += 1) {
    if (typeof e.table === 'string') return e.table;
    e = e.cause as typeof e;
  }
  return undefined;
}
