import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type WorkerChild = {
  pid: number;
  maxCachedWorkflows: number;
  /** Largest RSS the child reported since the last mark() (bytes). */
  peakRss(): number;
  /** Largest V8 heap in use the child reported, over its life (bytes): what is live, against what RSS holds. */
  peakHeap(): number;
  mark(): void;
  /** CPU seconds the child has used, as of its last report (once a second). */
  cpuSeconds(): number;
  /** Resolves once the child used under 2% of a core for `quietSeconds` reports in a row: its backlog is done. */
  idle(quietSeconds: number): Promise<void>;
  /** Shuts the worker down; resolves with its VmHWM (bytes), the peak resident set of its whole life. */
  stop(): Promise<number>;
};

type Report = {
  ready?: boolean;
  maxCachedWorkflows?: number;
  rss?: number;
  heap?: number;
  cpu?: number;
  stopped?: boolean;
  hwm?: number;
};

/** Forks bench/support/clock-worker.ts (tsx) and resolves once its worker is running. */
export async function startWorkerChild(
  mode: 'tailgate' | 'bare',
  address: string,
  taskQueue: string,
  database: string,
): Promise<WorkerChild> {
  const child = fork(
    fileURLToPath(new URL('./clock-worker.ts', import.meta.url)),
    [mode, address, taskQueue, database],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  let peak = 0;
  let peakHeap = 0;
  let cpu = 0;
  let stopped: ((hwm: number) => void) | undefined;
  const listeners = new Set<(delta: number) => void>();
  const ready = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${mode} worker exited with code ${code} before it was ready`)));
    child.on('message', (m: Report) => {
      if (m.rss !== undefined) peak = Math.max(peak, m.rss);
      if (m.heap !== undefined) peakHeap = Math.max(peakHeap, m.heap);
      if (m.cpu !== undefined) {
        const delta = m.cpu - cpu;
        cpu = m.cpu;
        for (const listener of listeners) listener(delta);
      }
      if (m.ready) resolve(m.maxCachedWorkflows ?? Number.NaN);
      if (m.stopped) stopped?.(m.hwm ?? Number.NaN);
    });
  });
  const maxCachedWorkflows = await ready;
  child.removeAllListeners('exit');
  return {
    pid: child.pid ?? -1,
    maxCachedWorkflows,
    peakRss: () => peak,
    peakHeap: () => peakHeap,
    mark: () => void (peak = 0),
    cpuSeconds: () => cpu,
    idle: (quietSeconds) =>
      new Promise<void>((resolve) => {
        let quiet = 0;
        const listener = (delta: number) => {
          quiet = delta < 0.02 ? quiet + 1 : 0;
          if (quiet < quietSeconds) return;
          listeners.delete(listener);
          resolve();
        };
        listeners.add(listener);
      }),
    stop: () =>
      new Promise<number>((resolve) => {
        stopped = resolve;
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(Number.NaN);
        });
        child.send({ stop: true });
      }),
  };
}
