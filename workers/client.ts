import { Client, Connection, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { TailWorkflows } from '../tails/workflows.js';
import {
  deliveryWorkflowId,
  orderWorkflowDefaults,
  orderWorkflowId,
  PLAINTEXT,
  TASK_QUEUE,
  ticketWorkflowId,
  type TemporalSecurity,
} from './config.js';
import { temporalConnectionOptions } from './connection.js';
import { deliveryWorkflow, moreToDeliverSignal } from './delivery.workflow.js';
import { carrierRequestSignal } from './carrier-requests.workflow.js';
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

/** A client of the cluster at `address` (plaintext unless `security` says otherwise: workers/connection.ts). */
export async function connectTemporal(
  address: string,
  namespace: string,
  security: TemporalSecurity = PLAINTEXT,
): Promise<Client> {
  const connection = await Connection.connect(temporalConnectionOptions(address, security));
  return new Client({ connection, namespace });
}

/** A finished workflow needs no news: its order or ticket reached a final state already. */
const ignoreFinished = (err: unknown) => {
  if (!(err instanceof WorkflowNotFoundError)) throw err;
};

/** A workflow that ran under this id already and finished is not run again: it did its work once. */
const ignoreRan = (err: unknown) => {
  if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
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
  // Starting a workflow whose id is taken joins the running one, and one that finished is not run again: a retried
  // start (the reconciler's, a desk action's) never runs an order, ticket or notification twice.
  // (signalWithStart signals a running workflow by itself.)
  const startOnce = { taskQueue, workflowIdReusePolicy: 'REJECT_DUPLICATE' } as const;
  const once = { ...startOnce, workflowIdConflictPolicy: 'USE_EXISTING' } as const;
  return {
    async start(orderId) {
      await client.workflow
        .start(tailOrderWorkflow, { ...once, workflowId: orderWorkflowId(orderId), args: [{ orderId, ...timings }] })
        .catch(ignoreRan);
    },
    changed: (orderId, change) => order(orderId).signal(orderChangedSignal, change).catch(ignoreFinished),
    async cancel(orderId, reason) {
      await client.workflow
        .signalWithStart(tailOrderWorkflow, {
          ...startOnce,
          workflowId: orderWorkflowId(orderId),
          args: [{ orderId, ...timings }],
          signal: cancelRequestedSignal,
          signalArgs: [{ reason }],
        })
        .catch(ignoreRan);
    },
    retrySubmission: (orderId) => order(orderId).signal(retrySubmissionSignal),
    async startTicket(ticketId) {
      const workflowId = ticketWorkflowId(ticketId);
      await client.workflow
        .start(troubleTicketWorkflow, { ...once, workflowId, args: [{ ticketId, ...timings }] })
        .catch(ignoreRan);
    },
    ticketChanged: (ticketId, change) => ticket(ticketId).signal(ticketChangedSignal, change).catch(ignoreFinished),
    closeTicket: (ticketId, reason) => ticket(ticketId).signal(ticketCloseRequestedSignal, { reason }),
    async cancelTicket(ticketId, reason) {
      await client.workflow
        .signalWithStart(troubleTicketWorkflow, {
          ...startOnce,
          workflowId: ticketWorkflowId(ticketId),
          args: [{ ticketId, ...timings }],
          signal: ticketCancelRequestedSignal,
          signalArgs: [{ reason }],
        })
        .catch(ignoreRan);
    },
    retryTicketSubmission: (ticketId) => ticket(ticketId).signal(ticketRetrySubmissionSignal),
    async carrierRequest(entity, requestId) {
      const signal = { signal: carrierRequestSignal, signalArgs: [{ requestId }] as [{ requestId: string }] };
      if (entity.type === 'order')
        await client.workflow.signalWithStart(tailOrderWorkflow, {
          ...startOnce,
          workflowId: orderWorkflowId(entity.id),
          args: [{ orderId: entity.id, ...timings }],
          ...signal,
        });
      else
        await client.workflow.signalWithStart(troubleTicketWorkflow, {
          ...startOnce,
          workflowId: ticketWorkflowId(entity.id),
          args: [{ ticketId: entity.id, ...timings }],
          ...signal,
        });
    },
    deliverTo: (destinations) => wakeDeliveries(client, taskQueue, destinations),
    async ensureDelivering(destinations) {
      for (const d of destinations) {
        await client.workflow.start(deliveryWorkflow, {
          taskQueue,
          workflowId: deliveryWorkflowId(d),
          args: [{ channel: d.channel, destination: d.destination }],
          // A running one drains the queue by itself; one that ended may be started again.
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
      }
    },
  };
}

/** Wakes (or starts) the delivery workflow of each destination, together: each has new notifications pending. */
export async function wakeDeliveries(
  client: Client,
  taskQueue: string,
  destinations: readonly { channel: string; destination: string }[],
): Promise<void> {
  await Promise.all(
    destinations.map((d) =>
      client.workflow.signalWithStart(deliveryWorkflow, {
        taskQueue,
        workflowId: deliveryWorkflowId(d),
        args: [{ channel: d.channel, destination: d.destination }],
        signal: moreToDeliverSignal,
      }),
    ),
  );
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
  carrierRequest: notConnected,
  deliverTo: notConnected,
  ensureDelivering: notConnected,
};
