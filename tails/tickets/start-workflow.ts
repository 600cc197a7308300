import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { markTicketWorkflowStarted, type TicketRow } from '../../db/repositories/tickets.js';
import type { TailWorkflows } from '../workflows.js';

export type StartDeps = { db: Db; log: Logger; now: () => Date; workflows: Pick<TailWorkflows, 'startTicket'> };

/**
 * Starts the ticket's workflow unless it is known to run (starting is idempotent: one workflow id per ticket, never
 * a second run). When Temporal cannot be reached the ticket stays as it is, and the reconciler starts it later.
 */
export async function ensureTicketWorkflow(deps: StartDeps, ticket: Pick<TicketRow, 'id' | 'workflowStartedAt'>) {
  if (ticket.workflowStartedAt) return true;
  try {
    await deps.workflows.startTicket(ticket.id);
  } catch (err) {
    deps.log.warn({ err, ticketId: ticket.id }, 'could not start the trouble ticket workflow; the reconciler will');
    return false;
  }
  await markTicketWorkflowStarted(deps.db, ticket.id, deps.now());
  return true;
}
