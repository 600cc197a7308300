import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { statement } from '../execute.js';
import { perTurnOnPostgres } from '../pg/turn-batch.js';

/**
 * Records that a row's workflow is running (or ran), so the reconciler leaves it alone from now on: `orders` or
 * `tickets`. Every order and ticket placed runs this once its workflow started; on PostgreSQL the marks of one turn
 * of the event loop are one statement (perTurnOnPostgres).
 */
export function workflowStartedMark(table: 'orders' | 'tickets'): (db: Db, id: string, at: Date) => Promise<void> {
  const mark = perTurnOnPostgres<readonly [id: string, at: string], void>(
    (db, [id, at]) =>
      withConnection(db, async () => {
        await statement(db, `update ${table} set workflow_started_at = ? where id = ?`).run(at, id);
      }),
    (db, marks) =>
      withConnection(db, async () => {
        await statement(
          db,
          `update ${table} set workflow_started_at = m.at
             from unnest(?::text[], ?::text[]) as m(id, at) where ${table}.id = m.id`,
        ).run(
          marks.map(([id]) => id),
          marks.map(([, at]) => at),
        );
        return marks.map(() => undefined);
      }),
  );
  return (db, id, at) => mark(db, [id, at.toISOString()]);
}
