import type { Db } from '../client.js';
import { statement } from '../execute.js';

/**
 * A generation counter other processes move (by triggers, in their own commits), read at most once per turn of the
 * event loop on a connection: each read is a read transaction of its own. That changes nothing anyone can observe:
 * requests handled in one turn arrived together, so each may be ordered before a change another process committed
 * during that turn; and `written` (called after a write through this connection that moves it) forgets the memo, so
 * a process reads its own writes.
 */
export function turnGeneration(selectSql: string): { read(db: Db): Promise<number>; written(db: Db): void } {
  const memos = new WeakMap<object, { value: Promise<number> | undefined }>();
  return {
    read(db) {
      let memo = memos.get(db.$client);
      if (!memo) {
        memo = { value: undefined };
        memos.set(db.$client, memo);
      }
      if (memo.value === undefined) {
        const read = memo;
        const value = statement(db, selectSql)
          .pluck<number>()
          .get()
          .then((found) => found ?? 0);
        read.value = value;
        value.catch(() => (read.value = undefined));
        setImmediate(() => {
          read.value = undefined;
        });
        return value;
      }
      return memo.value;
    },
    written(db) {
      const memo = memos.get(db.$client);
      if (memo) memo.value = undefined;
    },
  };
}
