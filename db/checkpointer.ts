import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the serving thread. SQLite's automatic checkpoint runs inside whichever commit crosses the
 * threshold, so one commit in a few hundred paid for copying the whole WAL into the database and syncing it (the
 * qualification p99). The serving connection turns that off (`wal_autocheckpoint = 0`) and this worker thread, with
 * a connection of its own to the same file, checkpoints instead, every `intervalMs`:
 * - PASSIVE: copies what it can and syncs, never blocking a reader or a writer;
 * - then, if the WAL holds more than `restartWalBytes`, RESTART: a passive checkpoint that races a busy writer never
 *   lets the writer start the WAL over, so it would grow without bound. RESTART holds new writers back while it
 *   copies what the passive pass left (little) and waits for readers, so the next commit starts the WAL over; it
 *   waits at most `busyTimeoutMs` for a writer or a long reader and otherwise tries again on the next pass;
 * - if nothing was written since the last pass, TRUNCATE: cheap when idle, and leaves an empty WAL behind.
 * A checkpoint is crash-safe wherever it stops and commits never wait for one (a commit is in the WAL, as durable as
 * synchronous=NORMAL makes it, when it returns), so the thread never delays process exit (unref).
 *
 * The thread is plain JavaScript evaluated from a string: it then loads the same way under tsx, vitest and node,
 * none of which has to transpile a worker file. It sleeps on Atomics.wait, so stopping it is a notify, and
 * closeDatabase can wait (synchronously, briefly) until its connection is closed.
 */
const workerSource = `
const { workerData } = require('node:worker_threads');
const { file, driver, intervalMs, restartWalBytes, busyTimeoutMs, control } = workerData;
const state = new Int32Array(control);
let db;
try {
  const Database = require(driver);
  db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = ' + busyTimeoutMs);
  const frameBytes = db.pragma('page_size', { simple: true }) + 24;
  let lastFrames = 0;
  while (Atomics.load(state, 0) === 0) {
    Atomics.wait(state, 0, 0, intervalMs);
    if (Atomics.load(state, 0) !== 0) break;
    const passive = db.pragma('wal_checkpoint(PASSIVE)')[0];
    const idle = passive.log === lastFrames && passive.checkpointed === passive.log;
    lastFrames = passive.log;
    if (passive.log > 0 && idle) lastFrames = db.pragma('wal_checkpoint(TRUNCATE)')[0].log;
    else if (passive.log * frameBytes > restartWalBytes) lastFrames = db.pragma('wal_checkpoint(RESTART)')[0].log;
    Atomics.add(state, 2, 1);
  }
} finally {
  if (db) db.close();
  Atomics.store(state, 1, 1);
  Atomics.notify(state, 1);
}
`;

export type CheckpointerOptions = {
  intervalMs?: number;
  restartWalBytes?: number;
  busyTimeoutMs?: number;
  /** Called if the thread dies on its own (e.g. cannot open the file), so the caller can checkpoint otherwise. */
  onFailure?: (err: Error) => void;
};
export type Checkpointer = {
  /** Passes completed so far (for tests and diagnostics). */
  passes(): number;
  /** Stops the thread and waits (at most `waitMs`) until its connection is closed. */
  stop(waitMs?: number): void;
};

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/** Starts checkpointing `file` (a WAL-mode SQLite database that exists) from a worker thread. */
export function startCheckpointer(file: string, opts: CheckpointerOptions = {}): Checkpointer {
  // [0] stop requested, [1] connection closed, [2] passes completed
  const control = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const state = new Int32Array(control);
  const worker = new Worker(workerSource, {
    eval: true,
    // Plain JavaScript: none of the parent's loaders (tsx) are needed, and skipping them starts the thread faster.
    execArgv: [],
    workerData: {
      file,
      driver,
      control,
      intervalMs: opts.intervalMs ?? 1_000,
      restartWalBytes: opts.restartWalBytes ?? 64 * 2 ** 20,
      busyTimeoutMs: opts.busyTimeoutMs ?? 20,
    },
  });
  let stopped = false;
  worker.on('error', (err) => {
    Atomics.store(state, 1, 1);
    if (!stopped) opts.onFailure?.(err);
  });
  worker.unref();
  return {
    passes: () => Atomics.load(state, 2),
    stop(waitMs = 5_000) {
      if (stopped) return;
      stopped = true;
      Atomics.store(state, 0, 1);
      Atomics.notify(state, 0);
      // A thread still starting sees the flag as soon as its loop begins, then closes its connection.
      Atomics.wait(state, 1, 0, waitMs);
    },
  };
}
