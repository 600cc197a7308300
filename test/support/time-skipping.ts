import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import pino from 'pino';
import { productionActivityDeps } from '../../workers/activity-deps.js';
import { createActivities, type ActivityDeps, type Activities } from '../../workers/activities.js';
import { createTailWorkflows } from '../../workers/client.js';
import { resolveTemporalBinaries } from '../../workers/temporal-binaries.js';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../../workers/config.js';
import { workflowsPath } from '../../workers/worker.js';
import { withoutCarriers } from './no-carriers.js';
import { createTestPlatform } from './platform.js';
import { testOutbound } from './outbound.js';

/**
 * The platform on Temporal's time-skipping test server (the real Java test server binary): OLA time passes in
 * env.sleep() without waiting for it. The API's clock moves with the skips, so events get the times workflows see.
 * `wrapActivities` lets a test act from inside an activity (e.g. send a signal while it runs). Carriers have no API
 * unless `carriersOverHttp`: then the production clients reach simulated carriers over real HTTP (their notifications
 * cannot reach this platform, which serves no HTTP).
 */
export async function startTimeSkippingPlatform(
  opts: {
    wrapActivities?: (real: Activities) => Activities;
    carriersOverHttp?: boolean;
    /**
     * false: a worker without a workflow cache, for a test that restarts it. The test server never hands a dead
     * worker's sticky tasks to the shared queue (it has no sticky timeout), so a cached workflow would never run
     * again. Without a cache the SDK can evict a run while one of its local activities is still out, and that task
     * then times out (10 s) before the workflow goes on: seen in tests that signal their orders meanwhile.
     */
    workflowCache?: boolean;
  } = {},
) {
  const { testServer } = resolveTemporalBinaries({ testServerPath: process.env.TEMPORAL_TEST_SERVER_PATH });
  const env = await TestWorkflowEnvironment.createTimeSkipping(
    testServer ? { server: { executable: { type: 'existing-path', path: testServer } } } : {},
  );
  // The API's clock stands still between skips, at an instant the server's has reached: what the API records gets
  // exact instants (the skip's target), never one ahead of the workflows' time.
  let nowMs = await env.currentTimeMs();
  const now = () => new Date(nowMs);
  const taskQueue = `ts-${randomUUID()}`;
  const platform = await createTestPlatform({ workflows: createTailWorkflows(env.client, { taskQueue }), now });
  const log = pino({ level: 'silent' });
  const carriers = opts.carriersOverHttp
    ? productionActivityDeps({ db: platform.db, log, publicBaseUrl: 'http://127.0.0.1:9', outbound: testOutbound })
    : withoutCarriers;
  const deps: ActivityDeps = {
    db: platform.db,
    log,
    now,
    ordering: carriers.ordering,
    ticketing: carriers.ticketing,
    listenerUrl: carriers.listenerUrl,
    outbound: testOutbound,
  };
  const newWorker = () =>
    Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath,
      activities: (opts.wrapActivities ?? ((real) => real))(createActivities(deps)),
      maxCachedWorkflows: opts.workflowCache === false ? 0 : DEFAULT_MAX_CACHED_WORKFLOWS,
    });
  let worker = await newWorker();
  let running = worker.run();

  return {
    env,
    platform,
    now,
    /** Moves the server's (and so the workflows') time forward to `instant`, and the API's clock to exactly it. */
    async skipTo(instant: string) {
      const target = Date.parse(instant) - (await env.currentTimeMs());
      if (target > 0) await env.sleep(target);
      nowMs = Math.max(nowMs, Date.parse(instant));
    },
    /** Moves the server's time forward by `ms`, and the API's clock by exactly as much. */
    async skip(ms: number) {
      await env.sleep(ms);
      nowMs += ms;
    },
    async restartWorker() {
      worker.shutdown();
      await running;
      worker = await newWorker();
      running = worker.run();
    },
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await platform.close();
    },
  };
}
export type TimeSkippingPlatform = Awaited<ReturnType<typeof startTimeSkippingPlatform>>;
