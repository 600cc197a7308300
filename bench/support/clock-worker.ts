import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import pino from 'pino';
import { openDatabase } from '../../db/client.js';
import { productionActivityDeps } from '../../workers/activity-deps.js';
import { createWorker } from '../../workers/worker.js';
import { benchOutbound } from './outbound.js';

/**
 * Child process of the clocks benchmark, so its memory is the worker's alone: `tailgate` runs the production worker
 * (workers/workflows.ts, real activities on the bench database); `bare` runs the same createWorker with only
 * bareTimerWorkflow bundled. Reports `{ rss, cpu }` (bytes, CPU seconds) (and the V8 heap in use) over IPC every
 * second; a `stop` message shuts the worker down and it answers `{ stopped, hwm }` (VmHWM: the peak resident set of
 * its whole life).
 */
const [mode, address, taskQueue, database] = process.argv.slice(2);
if ((mode !== 'tailgate' && mode !== 'bare') || !address || !taskQueue || !database) {
  throw new Error('usage: clock-worker.ts tailgate|bare <temporal address> <task queue> <database file>');
}
const send = (message: Record<string, unknown>) => void (process.connected && process.send?.(message));
Runtime.install({ logger: new DefaultLogger('ERROR') });

const db = openDatabase(database);
const workflowBundle =
  mode === 'bare'
    ? await bundleWorkflowCode({
        workflowsPath: fileURLToPath(new URL('./bare-timer-workflow.ts', import.meta.url)),
        logger: new DefaultLogger('ERROR'),
      })
    : undefined;
const { worker } = await createWorker({
  address,
  namespace: 'default',
  taskQueue,
  deps: productionActivityDeps({
    db,
    log: pino({ level: 'silent' }),
    publicBaseUrl: 'http://127.0.0.1:9',
    outbound: benchOutbound,
  }),
  ...(workflowBundle ? { workflowBundle } : {}),
});
const running = worker.run();
const peak = () =>
  Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN) * 1024;
const cpu = () => (({ user, system }) => (user + system) / 1e6)(process.cpuUsage());
const sampler = setInterval(
  () => send({ rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, cpu: cpu() }),
  1000,
);
send({ ready: true, maxCachedWorkflows: worker.options.maxCachedWorkflows, rss: process.memoryUsage().rss });

process.on('disconnect', () => process.exit(1)); // the benchmark died: do not linger
process.on('message', (message: { stop?: boolean }) => {
  if (!message.stop) return;
  clearInterval(sampler);
  const hwm = peak();
  worker.shutdown();
  void running.then(() => process.send?.({ stopped: true, hwm }, undefined, {}, () => process.exit(0)));
});
await running;
