import type Database from 'better-sqlite3';
import type { Db } from '../client.js';

/**
 * A generation counter other processes move (by triggers, in their own commits), read at most once per turn of the
 * event loop on a connection: each read is a read transaction of its own. That changes nothing anyone can observe:
 * requests handled in one turn arrived together, so each may be ordered before a change another process committed
 * during that turn; and `written` (called after a write through this connection that moves it) forgets the memo, so
 * a process reads its own writes.
 */
export function turnGeneration(selectSql: string): { read(db: Db): number; written(db: Db): void } {
  const statements = new WeakMap<Database.Database, Database.Statement<[], number>>();
  const memos = new WeakMap<Database.Database, { value: number | undefined }>();
  return {
    read(db) {
      let memo = memos.get(db.$client);
      if (!memo) {
        memo = { value: undefined };
        memos.set(db.$client, memo);
      }
      if (memo.value === undefined) {
        let statement = statements.get(db.$client);
        if (!statement) {
          statement = db.$client.prepare<[], number>(selectSql).pluck(true);
          statements.set(db.$client, statement);
        }
        memo.value = statement.get() ?? 0;
        const read = memo;
        setImmediate(() => {
          read.value = undefined;
        });
      }
      return memo.value;
    },
    written(db) {
      const memo = memos.get(db.$client);
      if (memo) memo.value = undefined;
    },
  };
}
