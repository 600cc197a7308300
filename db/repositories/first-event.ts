import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { writeTransaction } from '../access.js';
import type { Db } from '../client.js';
import { isForeignKeyViolation, isPostgres, queryFirst, queryRun } from '../execute.js';
import { inPgTransaction } from '../pg/client.js';

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
  try {
    const stored = await preparedInsert(db, table, row, events, event);
    return stored as Table['$inferSelect'] | undefined;
  } catch (err) {
    if (isForeignKeyViolation(err) && violatedTable(err) === getTableName(events)) return undefined;
    throw err;
  }
}

type Values = Record<string, unknown>;
type Prepared = { execute(values: Values): Promise<unknown[]> };
/** Each store's statements by table and the columns given: a builder's SQL is made once, not per order. */
const preparedByStore = new WeakMap<object, Map<string, Prepared>>();
let preparedCount = 0;

/**
 * The PostgreSQL insert of `row` with `event` in a CTE beside it, built once per table and set of columns given, with
 * placeholders (drizzle's prepared query): building it took about a tenth of the API's CPU per order. The columns given
 * are part of the key because one left out takes its default, and a placeholder would send null instead.
 */
function preparedInsert(db: Db, table: SQLiteTable, row: Values, events: SQLiteTable, event: Values) {
  const rowKeys = Object.keys(row).filter((k) => row[k] !== undefined);
  const eventKeys = Object.keys(event).filter((k) => event[k] !== undefined);
  const values: Values = {};
  for (const k of rowKeys) values[`r_${k}`] = row[k];
  for (const k of eventKeys) values[`e_${k}`] = event[k];
  const signature = `${getTableName(table)}:${rowKeys.join()}|${getTableName(events)}:${eventKeys.join()}`;
  let byKey = preparedByStore.get(db);
  if (!byKey) preparedByStore.set(db, (byKey = new Map()));
  let query = byKey.get(signature);
  if (!query) {
    query = prepare(db, { table, keys: rowKeys }, { table: events, keys: eventKeys });
    byKey.set(signature, query);
  }
  return query.execute(values).then((rows) => rows[0]);
}

type Columns = { table: SQLiteTable; keys: string[] };

function prepare(db: Db, row: Columns, event: Columns): Prepared {
  const placeholders = ({ table, keys }: Columns, prefix: string) => {
    // A column left out whose default is computed in JS would be computed once, here, for every later insert.
    const computed = Object.entries(getTableColumns(table)).find(
      ([key, column]) => !keys.includes(key) && (column.defaultFn !== undefined || column.onUpdateFn !== undefined),
    );
    if (computed) throw new Error(`${getTableName(table)}.${computed[0]} has a computed default: give it a value`);
    return Object.fromEntries(keys.map((k) => [k, sql.placeholder(`${prefix}${k}`)]));
  };
  // The insert's own SQL, not the builder: embedded in sql`` it would be parenthesised, which a CTE refuses.
  const firstEvent = db.$with('first_event', {}).as(db.insert(event.table).values(placeholders(event, 'e_')).getSQL());
  const insert = db.with(firstEvent).insert(row.table).values(placeholders(row, 'r_')).onConflictDoNothing();
  // The builders are typed for SQLite (db/execute.ts): on PostgreSQL, prepare takes the statement's name.
  const returning = insert.returning() as unknown as { prepare(name: string): Prepared };
  return returning.prepare(`tailgate_first_event_${++preparedCount}`);
}

/** The table whose constraint PostgreSQL's error names (drizzle wraps the driver's error as its cause). */
function violatedTable(err: unknown): string | undefined {
  for (let e = err as { table?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth += 1) {
    if (typeof e.table === 'string') return e.table;
    e = e.cause as typeof e;
  }
  return undefined;
}
