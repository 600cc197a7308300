import type { Db } from '../../db/client.js';
import {
  appendTicketEvent,
  getTicket,
  markTicketWorkflowStarted,
  type TicketRow,
} from '../../db/repositories/tickets.js';
import { canMoveTicket, isFinalTicketStatus } from '../../sla-rules/ticket-states.js';
import type { Viewer } from '../viewer.js';
import type { TailWorkflows } from '../workflows.js';
import { ownTicketEvent } from './events.js';
import { ensureTicketWorkflow, type StartDeps } from './start-workflow.js';

/** What the order desk may do to a ticket. Each answers a result; none throws for a refusal. */

type DeskDeps = StartDeps & {
  workflows: Pick<TailWorkflows, 'startTicket' | 'closeTicket' | 'cancelTicket' | 'retryTicketSubmission'>;
};

export type TicketActionOutcome =
  | { ok: true; ticket: TicketRow }
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: 'conflict'; message: string }
  | { ok: false; reason: 'unavailable' };

/**
 * Tells the ticket's workflow. A cancellation starts one the reconciler has not yet started (a ticket stored just
 * before a crash), with the request as its first news. False when Temporal cannot be reached: nothing was asked, and
 * the desk may ask again.
 */
async function tellWorkflow(deps: DeskDeps, ticket: TicketRow, tell: () => Promise<void>): Promise<boolean> {
  try {
    await tell();
  } catch (err) {
    deps.log.warn({ err, ticketId: ticket.id }, 'could not reach the trouble ticket workflow');
    return false;
  }
  if (!ticket.workflowStartedAt) await markTicketWorkflowStarted(deps.db, ticket.id, deps.now());
  return true;
}

/** A ticket the viewer may see, or undefined (another partner's ticket is as good as missing). */
export async function visibleTicket(
  db: Db,
  viewer: Pick<Viewer, 'canSee'>,
  ticketId: string,
): Promise<TicketRow | undefined> {
  const ticket = await getTicket(db, ticketId);
  return ticket && viewer.canSee(ticket.partnerId) ? ticket : undefined;
}

/** Confirms the carrier's resolution: the ticket's workflow closes it at the carrier (TMF621 PATCH status closed). */
export async function closeTicket(
  deps: DeskDeps,
  viewer: Viewer,
  input: { ticketId: string; reason: string },
): Promise<TicketActionOutcome> {
  const ticket = await visibleTicket(deps.db, viewer, input.ticketId);
  if (!ticket) return { ok: false, reason: 'notFound' };
  if (ticket.status !== 'resolved') {
    return {
      ok: false,
      reason: 'conflict',
      message: `Only a resolved ticket can be closed; this one is ${ticket.status}`,
    };
  }
  if (!(await tellWorkflow(deps, ticket, () => deps.workflows.closeTicket(ticket.id, input.reason))))
    return { ok: false, reason: 'unavailable' };
  await appendTicketEvent(
    deps.db,
    ownTicketEvent(ticket, { source: 'desk', type: 'closeRequested', detail: input.reason, at: deps.now() }),
  );
  return { ok: true, ticket };
}

/** Withdraws the fault (say, it was on the customer's side): the workflow cancels it at the carrier. */
export async function cancelTicket(
  deps: DeskDeps,
  viewer: Viewer,
  input: { ticketId: string; reason: string },
): Promise<TicketActionOutcome> {
  const ticket = await visibleTicket(deps.db, viewer, input.ticketId);
  if (!ticket) return { ok: false, reason: 'notFound' };
  if (isFinalTicketStatus(ticket.status) || !canMoveTicket(ticket.status, 'cancelled')) {
    return { ok: false, reason: 'conflict', message: `A ${ticket.status} ticket cannot be cancelled` };
  }
  if (!(await tellWorkflow(deps, ticket, () => deps.workflows.cancelTicket(ticket.id, input.reason))))
    return { ok: false, reason: 'unavailable' };
  await appendTicketEvent(
    deps.db,
    ownTicketEvent(ticket, { source: 'desk', type: 'cancellationRequested', detail: input.reason, at: deps.now() }),
  );
  return { ok: true, ticket };
}

/** After a carrier stayed unreachable (a desk task is open), the workflow tries raising the ticket again. */
export async function retryTicketSubmission(
  deps: DeskDeps,
  viewer: Viewer,
  input: { ticketId: string },
): Promise<TicketActionOutcome> {
  const ticket = await visibleTicket(deps.db, viewer, input.ticketId);
  if (!ticket) return { ok: false, reason: 'notFound' };
  if (ticket.submission !== 'manual') {
    // A ticket whose workflow is not started yet is started now: its submission then begins by itself.
    if (!(await ensureTicketWorkflow(deps, ticket))) return { ok: false, reason: 'unavailable' };
    return { ok: false, reason: 'conflict', message: `Submission is ${ticket.submission}, not waiting for the desk` };
  }
  if (!(await tellWorkflow(deps, ticket, () => deps.workflows.retryTicketSubmission(ticket.id))))
    return { ok: false, reason: 'unavailable' };
  return { ok: true, ticket };
}
