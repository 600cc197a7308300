import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createInterface } from 'node:readline';
import { startDevServer } from '../../workers/dev-server.js';

/** A span in which one process was down: from its kill (or unplanned exit) until it answered again. */
export type DownWindow = { process: string; cause: 'killed' | 'exited'; from: number; to: number };

/** One process the chaos benchmark keeps alive: it can be killed (SIGKILL) and is started again, like a supervisor. */
export type Supervised = {
  name: string;
  /** kill -9, then start again after `downMs`; resolves once it answers again. */
  killAndRestart(downMs: number): Promise<void>;
  /** Stops it for good (SIGINT, then SIGKILL after 10 s). */
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every process started and not yet gone: killed if the benchmark itself ends early, so none is left behind. */
const live = new Set<number>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
process.once('exit', () => {
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Starts `start()` and keeps it running: an exit the benchmark did not cause is recorded as a window and the process
 * is started again after 1 s (a worker may exit while Temporal is down, as under systemd's Restart=always).
 */
function supervise(
  name: string,
  windows: DownWindow[],
  start: () => Promise<{ pid: number; exited: Promise<void> }>,
): Promise<Supervised> {
  let current: { pid: number; exited: Promise<void> } | undefined;
  let expected = false;
  let stopped = false;
  const run = async (): Promise<void> => {
    // A start can fail while something it needs is down (a worker while Temporal restarts): try again, as a
    // supervisor would.
    for (let attempt = 1; ; attempt += 1) {
      try {
        current = await start();
        const { pid } = current;
        live.add(pid);
        void current.exited.then(() => live.delete(pid));
        break;
      } catch (err) {
        if (stopped || attempt === 60) throw err;
        await sleep(1_000);
      }
    }
    const mine = current;
    void mine.exited.then(async () => {
      if (expected || stopped || current !== mine) return;
      const window: DownWindow = { process: name, cause: 'exited', from: Date.now(), to: Number.NaN };
      windows.push(window);
      await sleep(1_000);
      if (stopped) return;
      await run();
      window.to = Date.now();
    });
  };
  return run().then(() => ({
    name,
    async killAndRestart(downMs) {
      const victim = current;
      if (!victim) return;
      expected = true;
      const window: DownWindow = { process: name, cause: 'killed', from: Date.now(), to: Number.NaN };
      windows.push(window);
      process.kill(victim.pid, 'SIGKILL');
      await victim.exited;
      await sleep(downMs);
      expected = false;
      await run();
      window.to = Date.now();
    },
    async stop() {
      stopped = true;
      const victim = current;
      if (!victim) return;
      process.kill(victim.pid, 'SIGINT');
      const timer = setTimeout(() => process.kill(victim.pid, 'SIGKILL'), 10_000);
      await victim.exited;
      clearTimeout(timer);
    },
  }));
}

/** A Node script run with tsx, its output appended to `logFile`; ready once `ready(child, lines)` resolves. */
async function startScript(opts: {
  args: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
  ready: (child: ChildProcess, line: (match: string) => Promise<void>) => Promise<void>;
}): Promise<{ pid: number; exited: Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...opts.args], {
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = fs.createWriteStream(opts.logFile, { flags: 'a' });
  child.stderr?.pipe(log, { end: false });
  const waiting = new Map<string, () => void>();
  createInterface({ input: child.stdout! }).on('line', (text) => {
    log.write(`${text}\n`);
    for (const [match, found] of waiting) if (text.includes(match)) found();
  });
  const line = (match: string) => new Promise<void>((resolve) => waiting.set(match, resolve));
  const died = exited.then(() => {
    throw new Error(`${opts.args[0]} exited before it was ready (see ${opts.logFile})`);
  });
  await Promise.race([opts.ready(child, line), died]);
  void died.catch(() => undefined);
  return { pid: child.pid ?? -1, exited };
}

async function untilHealthy(url: string): Promise<void> {
  for (;;) {
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(200);
  }
}

export type ChaosProcesses = {
  temporal: Supervised;
  api: Supervised;
  /** One or more `npm run worker` processes on the same task queue. */
  workers: Supervised[];
  bareWorker: Supervised;
  windows: DownWindow[];
};

/**
 * The platform as separate processes, as `npm run api` and `npm run worker` run it beside a Temporal dev server that
 * keeps its state in a file: each can be killed and comes back. The bare worker runs the baseline's timers.
 */
export async function startChaosProcesses(opts: {
  cliPath: string;
  temporalPort: number;
  dir: string;
  env: NodeJS.ProcessEnv;
  apiUrl: string;
  bareTaskQueue: string;
  workers: number;
}): Promise<ChaosProcesses> {
  const windows: DownWindow[] = [];
  const temporalAddress = `127.0.0.1:${opts.temporalPort}`;
  const env = { ...opts.env, TEMPORAL_ADDRESS: temporalAddress };
  const temporal = await supervise('temporal', windows, async () => {
    const server = await startDevServer({
      cliPath: opts.cliPath,
      port: opts.temporalPort,
      namespace: 'default',
      dbFile: `${opts.dir}/temporal.db`,
      logFile: `${opts.dir}/temporal.log`,
    });
    const exited = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        try {
          process.kill(server.pid, 0);
        } catch {
          clearInterval(poll);
          resolve();
        }
      }, 100);
    });
    return { pid: server.pid, exited };
  });
  const api = await supervise('api', windows, () =>
    startScript({
      args: ['scripts/api.ts'],
      env,
      logFile: `${opts.dir}/api.log`,
      ready: () => untilHealthy(opts.apiUrl),
    }),
  );
  const workers: Supervised[] = [];
  for (let n = 1; n <= opts.workers; n++) {
    const name = opts.workers === 1 ? 'worker' : `worker-${n}`;
    workers.push(
      await supervise(name, windows, () =>
        startScript({
          args: ['scripts/worker.ts'],
          env: { ...env, LOG_LEVEL: 'info' },
          logFile: `${opts.dir}/${name}.log`,
          ready: (_child, line) => line('worker polling'),
        }),
      ),
    );
  }
  const bareWorker = await supervise('bare-worker', windows, () =>
    startScript({
      args: ['bench/support/clock-worker.ts', 'bare', temporalAddress, opts.bareTaskQueue, opts.env.DATABASE_PATH!],
      env,
      logFile: `${opts.dir}/bare-worker.log`,
      ready: (child) => new Promise((resolve) => child.on('message', (m: { ready?: boolean }) => m.ready && resolve())),
    }),
  );
  return { temporal, api, workers, bareWorker, windows };
}
