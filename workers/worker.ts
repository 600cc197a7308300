import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities.js';
import type { TemporalSecurity } from './config.js';
import { temporalConnectionOptions } from './connection.js';
import {
  DEFAULT_MAX_CACHED_WORKFLOWS,
  MAX_CONCURRENT_WORKFLOW_TASKS,
  STICKY_SCHEDULE_TO_START_TIMEOUT,
  TASK_QUEUE,
} from './config.js';

export const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));

/** A worker for Tailgate's task queue; run() it, shutdown() it. */
export async function createWorker(opts: {
  address: string;
  /** TLS and API key towards `address`; plaintext when unset. */
  security?: TemporalSecurity;
  namespace: string;
  deps: ActivityDeps;
  taskQueue?: string;
  workflowBundle?: WorkerOptions['workflowBundle'];
  maxCachedWorkflows?: number;
}): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect(temporalConnectionOptions(opts.address, opts.security));
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    activities: createActivities(opts.deps),
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
    maxCachedWorkflows: opts.maxCachedWorkflows ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    maxConcurrentActivityTaskExecutions: 200,
    // Workflow tasks run on the worker's few workflow threads: taking more than they finish within the tasks' 10 s
    // timeout (after a restart, when every workflow replays) makes tasks time out, retry with backoff and fall
    // minutes behind (seen in the chaos benchmark). Left on the server, they simply wait their turn.
    maxConcurrentWorkflowTaskExecutions: MAX_CONCURRENT_WORKFLOW_TASKS,
    stickyQueueScheduleToStartTimeout: STICKY_SCHEDULE_TO_START_TIMEOUT,
  });
  return { worker, connection };
}
