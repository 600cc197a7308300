import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { inject } from 'vitest';
import { productionActivityDeps } from '../../workers/activity-deps.js';
import type { ActivityDeps } from '../../workers/activities.js';
import { connectTemporal, createTailWorkflows } from '../../workers/client.js';
import type { orderWorkflowDefaults } from '../../workers/config.js';
import { createWorker } from '../../workers/worker.js';
import { createTestPlatform } from './platform.js';
import { testOutbound } from './outbound.js';

/**
 * The platform for order tests: the app served over real HTTP on a free port, a worker on its own task queue of the
 * run's real Temporal dev server, and the production adapters (so carriers are reached over HTTP).
 */
let runtimeInstalled = false;
function quietTemporalLogs() {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

export async function startOrderHarness(
  opts: {
    timings?: Partial<typeof orderWorkflowDefaults>;
    deps?: Partial<ActivityDeps>;
    inProcessWorker?: boolean;
    /** Carrier credentials by secret name, as Env.partnerSecrets. */
    partnerSecrets?: ReadonlyMap<string, string>;
  } = {},
) {
  quietTemporalLogs();
  const address = inject('temporalAddress');
  const taskQueue = `test-${randomUUID()}`;
  const client = await connectTemporal(address, 'default');
  const workflows = createTailWorkflows(client, { taskQueue, timings: { pollIntervalMs: 200, ...opts.timings } });
  const platform = await createTestPlatform({ workflows });
  const server = serve({ fetch: platform.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const production = productionActivityDeps({
    db: platform.db,
    log: pino({ level: 'silent' }),
    publicBaseUrl: url,
    carrierTimeoutMs: 1_000,
    partnerSecrets: opts.partnerSecrets,
    outbound: testOutbound,
  });
  const deps = { ...production, ...opts.deps };
  const startWorker = async () => {
    const { worker, connection } = await createWorker({ address, namespace: 'default', taskQueue, deps });
    const running = worker.run();
    return {
      async stop() {
        worker.shutdown();
        await running;
        await connection.close();
      },
    };
  };
  let worker = opts.inProcessWorker === false ? { stop: async () => {} } : await startWorker();

  return {
    platform,
    /** The platform's Temporal side (starts, signals, delivery queues), for use cases a test calls directly. */
    workflows,
    url,
    client,
    taskQueue,
    address,
    /** Stops the worker (as a crash would, between tasks) and starts a fresh one on the same queue. */
    async restartWorker(between?: () => Promise<void>) {
      await worker.stop();
      await between?.();
      worker = await startWorker();
    },
    async stop() {
      // The server first: a request still being handled (a carrier's late notification) may be retrying a call to
      // Temporal, and a retry that fires after the connection closed throws outside any test.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await client.connection.close();
      await platform.close();
    },
  };
}
export type OrderHarness = Awaited<ReturnType<typeof startOrderHarness>>;
