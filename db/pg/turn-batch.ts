import type { Db } from '../client.js';
import { inPgTransaction, isPostgres } from './client.js';

type Waiting<Result> = { done(result: Result): void; failed(err: unknown): void };
type Turn<Item, Result> = { items: Item[]; waiting: Waiting<Result>[] };

/**
 * A statement that every request runs, sent once per turn of the event loop on PostgreSQL: the calls made during one
 * turn are collected, and `together` runs them as one statement (arrays of values, `unnest`) and answers one result
 * per item, in order. Each round trip costs CPU in both processes, and each write outside a transaction is a commit
 * of its own: under load, requests handled together then share both. Calls that arrive alone run `one`, the
 * statement for a single item; so do calls on SQLite (in process, no round trip) and calls inside a transaction, which
 * must see the transaction's own writes and stay in it.
 *
 * The statement of a turn is atomic as a whole: when it fails, every call of that turn fails with the same error, as
 * each would have against a store that is down, and each caller handles it as it handles any failed write.
 */
export function perTurnOnPostgres<Item, Result>(
  one: (db: Db, item: Item) => Promise<Result>,
  together: (db: Db, items: Item[]) => Promise<Result[]>,
): (db: Db, item: Item) => Promise<Result> {
  const turns = new WeakMap<object, Turn<Item, Result>>();
  const runTurn = async (db: Db, turn: Turn<Item, Result>) => {
    turns.delete(db.$client);
    try {
      const results = turn.items.length === 1 ? [await one(db, turn.items[0]!)] : await together(db, turn.items);
      turn.waiting.forEach((w, i) => w.done(results[i]!));
    } catch (err) {
      for (const w of turn.waiting) w.failed(err);
    }
  };
  return (db, item) => {
    if (!isPostgres(db) || inPgTransaction(db)) return one(db, item);
    let turn = turns.get(db.$client);
    if (!turn) {
      const started: Turn<Item, Result> = { items: [], waiting: [] };
      turns.set(db.$client, (turn = started));
      setImmediate(() => void runTurn(db, started));
    }
    turn.items.push(item);
    const waiting = turn.waiting;
    return new Promise<Result>((done, failed) => waiting.push({ done, failed }));
  };
}
