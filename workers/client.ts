import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import type { TailWorkflows } from '../tails/workflows.js';
import {
  notificationWorkflowId,
  orderWorkflowDefaults,
  orderWorkflowId,
  TASK_QUEUE,
  ticketWorkflowId,
} from './config.js';
import { notificationWorkflow } from './notification.workflow.js';
import {
  cancelRequestedSignal,
  orderChangedSignal,
  retrySubmissionSignal,
  tailOrderWorkflow,
} from './tail-order.workflow.js';
import {
  ticketCancelRequestedSignal,
  ticketChangedSignal,
  ticketCloseRequestedSignal,
  ticketRetrySubmissionSignal,
  troubleTicketWorkflow,
} from './trouble-ticket.workflow.js';

export async function connectTemporal(address: string, namespace: string): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace });
}

/** A finished workflow needs no news: its order or ticket reached a final state already. */
const ignoreFinished = (err: unknown) => {
  if (!(err instanceof WorkflowNotFoundError)) throw err;
};

/** The order, ticket and notification workflows in Temporal, as the use cases ask for them (tails/workflows.ts). */
export function createTailWorkflows(
  client: Client,
  opts: { taskQueue?: string; timings?: Partial<typeof orderWorkflowDefaults> } = {},
): TailWorkflows {
  const timings = { ...orderWorkflowDefaults, ...opts.timings };
  const taskQueue = opts.taskQueue ?? TASK_QUEUE;
  const order = (orderId: string) => client.workflow.getHandle(orderWorkflowId(orderId));
  const ticket = (ticketId: string) => client.workflow.getHandle(ticketWorkflowId(ticketId));
  // Starting a workflow whose id is taken joins the running one: a retried start never runs an order twice.
  const join = { taskQueue, workflowIdConflictPolicy: 'USE_EXISTING' } as const;
  return {
    async start(orderId) {
      await client.workflow.start(tailOrderWorkflow, {
        ...join,
        workflowId: orderWorkflowId(orderId),
        args: [{ orderId, ...timings }],
      });
    },
    changed: (orderId, change) => order(orderId).signal(orderChangedSignal, change).catch(ignoreFinished),
    cancel: (orderId, reason) => order(orderId).signal(cancelRequestedSignal, { reason }),
    retrySubmission: (orderId) => order(orderId).signal(retrySubmissionSignal),
    async startTicket(ticketId) {
      await client.workflow.start(troubleTicketWorkflow, {
        ...join,
        workflowId: ticketWorkflowId(ticketId),
        args: [{ ticketId, ...timings }],
      });
    },
    ticketChanged: (ticketId, change) => ticket(ticketId).signal(ticketChangedSignal, change).catch(ignoreFinished),
    closeTicket: (ticketId, reason) => ticket(ticketId).signal(ticketCloseRequestedSignal, { reason }),
    cancelTicket: (ticketId, reason) => ticket(ticketId).signal(ticketCancelRequestedSignal, { reason }),
    retryTicketSubmission: (ticketId) => ticket(ticketId).signal(ticketRetrySubmissionSignal),
    async deliverNotifications(ids) {
      for (const id of ids) {
        await client.workflow.start(notificationWorkflow, {
          ...join,
          workflowId: notificationWorkflowId(id),
          args: [id],
        });
      }
    },
  };
}

const notConnected = () => Promise.reject(new Error('Temporal is not connected'));

/** For an API that runs without a Temporal connection (e.g. rendering the OpenAPI document): every call fails. */
export const workflowsUnavailable: TailWorkflows = {
  start: notConnected,
  changed: notConnected,
  cancel: notConnected,
  retrySubmission: notConnected,
  startTicket: notConnected,
  ticketChanged: notConnected,
  closeTicket: notConnected,
  cancelTicket: notConnected,
  retryTicketSubmission: notConnected,
  deliverNotifications: notConnected,
};
