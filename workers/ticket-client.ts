import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { orderWorkflowDefaults, ticketWorkflowId } from './config.js';
import {
  ticketCancelRequestedSignal,
  ticketChangedSignal,
  ticketCloseRequestedSignal,
  ticketRetrySubmissionSignal,
  troubleTicketWorkflow,
  type TicketChange,
} from './ticket-workflow.js';

/** What the API asks of the trouble ticket workflows. */
export type TicketWorkflows = {
  startTicket(ticketId: string): Promise<void>;
  ticketChanged(ticketId: string, change: TicketChange): Promise<void>;
  closeTicket(ticketId: string, reason: string): Promise<void>;
  cancelTicket(ticketId: string, reason: string): Promise<void>;
  retryTicketSubmission(ticketId: string): Promise<void>;
};

export function createTicketWorkflows(
  client: Client,
  opts: { taskQueue: string; timings: typeof orderWorkflowDefaults },
): TicketWorkflows {
  const handle = (ticketId: string) => client.workflow.getHandle(ticketWorkflowId(ticketId));
  /** A finished workflow needs no news: its ticket reached a final status already. */
  const ignoreFinished = (err: unknown) => {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  };
  return {
    async startTicket(ticketId) {
      await client.workflow.start(troubleTicketWorkflow, {
        workflowId: ticketWorkflowId(ticketId),
        taskQueue: opts.taskQueue,
        args: [{ ticketId, ...opts.timings }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    },
    ticketChanged: (ticketId, change) => handle(ticketId).signal(ticketChangedSignal, change).catch(ignoreFinished),
    closeTicket: (ticketId, reason) => handle(ticketId).signal(ticketCloseRequestedSignal, { reason }),
    cancelTicket: (ticketId, reason) => handle(ticketId).signal(ticketCancelRequestedSignal, { reason }),
    retryTicketSubmission: (ticketId) => handle(ticketId).signal(ticketRetrySubmissionSignal),
  };
}

const notConnected = () => Promise.reject(new Error('Temporal is not connected'));
export const ticketWorkflowsUnavailable: TicketWorkflows = {
  startTicket: notConnected,
  ticketChanged: notConnected,
  closeTicket: notConnected,
  cancelTicket: notConnected,
  retryTicketSubmission: notConnected,
};
