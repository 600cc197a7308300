// A worker in a process of its own, so a test can kill it with SIGKILL as a crash would.
// Settings come from the environment the test gives it (tests may read process.env; the platform may not).
import pino from 'pino';
import { openStore } from '../../db/client.js';
import { productionActivityDeps } from '../../workers/activity-deps.js';
import { createWorker } from '../../workers/worker.js';
import { testOutbound } from './outbound.js';

const { TG_TEMPORAL_ADDRESS, TG_TASK_QUEUE, TG_DATABASE, TG_DATABASE_URL, TG_PUBLIC_URL } = process.env;
if (!TG_TEMPORAL_ADDRESS || !TG_TASK_QUEUE || !TG_DATABASE || !TG_PUBLIC_URL)
  throw new Error('worker-process: missing settings');
const db = await openStore({ databaseUrl: TG_DATABASE_URL || undefined, databasePath: TG_DATABASE });
const { worker } = await createWorker({
  address: TG_TEMPORAL_ADDRESS,
  namespace: 'default',
  taskQueue: TG_TASK_QUEUE,
  deps: productionActivityDeps({
    db,
    log: pino({ level: 'silent' }),
    publicBaseUrl: TG_PUBLIC_URL,
    carrierTimeoutMs: 1_000,
    outbound: testOutbound,
  }),
});
const running = worker.run();
process.stdout.write('worker running\n');
await running;
