import type { Db } from './client.js';
import { isPostgres } from './pg/client.js';

/**
 * Runs one round of a periodic duty (the reconciler, a retention sweep) unless another process is running the same
 * duty now, and answers undefined when it is skipped. On PostgreSQL, where several API processes share the store, the
 * round holds a session advisory lock (pg_try_advisory_lock on the duty's name) on a connection of its own; a round
 * that would overlap another process's is skipped, not queued, since the next round comes soon. On SQLite the round
 * always runs: the duties are safe to overlap there (each step is its own write transaction), only wasteful.
 */
export async function runDutyRound<T>(db: Db, duty: string, round: () => Promise<T>): Promise<T | undefined> {
  if (!isPostgres(db)) return round();
  const client = await db.$client.pool.connect();
  const key = `tailgate:${duty}`;
  try {
    const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [key]);
    if (!rows[0]?.got) return undefined;
    try {
      return await round();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    }
  } finally {
    client.release();
  }
}

/**
 * Runs a duty's round now and every `everyMs` until stopped (a round that overlaps another process's is skipped:
 * runDutyRound); `done` hears what a round returned (undefined when skipped), `failed` why one failed (the next
 * round tries again).
 */
export function startPeriodicDuty<T>(opts: {
  db: Db;
  duty: string;
  everyMs: number;
  round: () => Promise<T>;
  done: (result: T | undefined) => void;
  failed: (err: unknown) => void;
}): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = runDutyRound(opts.db, opts.duty, opts.round).then(opts.done, opts.failed);
  };
  run();
  const timer = setInterval(() => void running.then(run), opts.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
