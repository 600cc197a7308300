import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { orderWorkflowDefaults, orderWorkflowId, TASK_QUEUE } from './config.js';
import { createTicketWorkflows, ticketWorkflowsUnavailable, type TicketWorkflows } from './ticket-client.js';
import {
  cancelRequestedSignal,
  orderChangedSignal,
  retrySubmissionSignal,
  notificationWorkflow,
  tailOrderWorkflow,
  type OrderChange,
} from './workflows.js';

/** What the API asks of the order workflows (and of the trouble ticket workflows, which run beside them). */
export type OrderWorkflows = {
  start(orderId: string): Promise<void>;
  changed(orderId: string, change: OrderChange): Promise<void>;
  cancel(orderId: string, reason: string): Promise<void>;
  retrySubmission(orderId: string): Promise<void>;
  /** Starts the durable, retried delivery of notifications queued outside a workflow (carrier-declared jeopardy). */
  deliverNotifications(notificationIds: string[]): Promise<void>;
} & TicketWorkflows;

export async function connectTemporal(address: string, namespace: string): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace });
}

export function createOrderWorkflows(
  client: Client,
  opts: { taskQueue?: string; timings?: Partial<typeof orderWorkflowDefaults> } = {},
): OrderWorkflows {
  const settings = { ...orderWorkflowDefaults, ...opts.timings };
  const taskQueue = opts.taskQueue ?? TASK_QUEUE;
  const handle = (orderId: string) => client.workflow.getHandle(orderWorkflowId(orderId));
  /** A finished workflow needs no news: its order reached a final state already. */
  const ignoreFinished = (err: unknown) => {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  };
  return {
    ...createTicketWorkflows(client, { taskQueue, timings: settings }),
    async start(orderId) {
      await client.workflow.start(tailOrderWorkflow, {
        workflowId: orderWorkflowId(orderId),
        taskQueue,
        args: [{ orderId, ...settings }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    },
    changed: (orderId, change) => handle(orderId).signal(orderChangedSignal, change).catch(ignoreFinished),
    cancel: (orderId, reason) => handle(orderId).signal(cancelRequestedSignal, { reason }),
    retrySubmission: (orderId) => handle(orderId).signal(retrySubmissionSignal),
    async deliverNotifications(ids) {
      for (const id of ids) {
        await client.workflow.start(notificationWorkflow, {
          workflowId: `notify-${id}`,
          taskQueue,
          args: [id],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
      }
    },
  };
}

/** For an API that runs without a Temporal connection (e.g. rendering the OpenAPI document): every call fails. */
export const workflowsUnavailable: OrderWorkflows = {
  ...ticketWorkflowsUnavailable,
  start: () => Promise.reject(new Error('Temporal is not connected')),
  changed: () => Promise.reject(new Error('Temporal is not connected')),
  cancel: () => Promise.reject(new Error('Temporal is not connected')),
  retrySubmission: () => Promise.reject(new Error('Temporal is not connected')),
  deliverNotifications: () => Promise.reject(new Error('Temporal is not connected')),
};
