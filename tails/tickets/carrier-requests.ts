import { getPolicyById } from '../../db/repositories/ola-policies.js';
import { getPartner } from '../../db/repositories/partners.js';
import { appendTicketEvent, type TicketRow } from '../../db/repositories/tickets.js';
import type { TicketEventType } from '../../openapi/events.js';
import { isFinalTicketStatus } from '../../sla-rules/ticket-states.js';
import { DEFAULT_TICKET_REOPEN_HOURS } from '../../sla-rules/types.js';
import { askCarrier, type AskDeps, type RequestOutcome } from '../carrier-requests.js';
import type { Viewer } from '../viewer.js';
import { visibleTicket } from './desk-actions.js';
import { ownTicketEvent } from './events.js';

/** The desk's notes, answers and reopenings for a carrier's ticket (the order's twin: orders/carrier-requests.ts). */

async function openTicket(deps: AskDeps, viewer: Viewer, ticketId: string) {
  const ticket = await visibleTicket(deps.db, viewer, ticketId);
  if (!ticket) return { refused: { ok: false, reason: 'notFound' } as const };
  if (isFinalTicketStatus(ticket.status))
    return { refused: { ok: false, reason: 'conflict', message: `The ticket is already ${ticket.status}` } as const };
  return { ticket };
}

async function ask(
  deps: AskDeps,
  ticket: TicketRow,
  request: { kind: 'answer' | 'note' | 'reopen'; body: Record<string, unknown>; by: string },
  event: { type: TicketEventType; detail: string },
): Promise<RequestOutcome> {
  return await askCarrier(
    deps,
    {
      entityType: 'ticket',
      entityId: ticket.id,
      partnerId: ticket.partnerId,
      kind: request.kind,
      body: request.body,
      requestedBy: request.by,
    },
    async (at) => await appendTicketEvent(deps.db, ownTicketEvent(ticket, { source: 'desk', ...event, at })),
  );
}

const noApi = {
  ok: false,
  reason: 'conflict',
  message:
    "The carrier has no ticket API and Tailgate's TMF621 server does not show it notes: tell the carrier directly",
} as const;

/** Sends the desk's note to the carrier's ticket. */
export async function noteTicket(
  deps: AskDeps,
  viewer: Viewer,
  input: { ticketId: string; text: string; by: string },
): Promise<RequestOutcome> {
  const open = await openTicket(deps, viewer, input.ticketId);
  if (!open.ticket) return open.refused;
  if ((await getPartner(deps.db, open.ticket.partnerId))?.adapter.troubleTicketApi === 'none') return noApi;
  return await ask(
    deps,
    open.ticket,
    { kind: 'note', body: { text: input.text }, by: input.by },
    { type: 'noteToCarrier', detail: input.text },
  );
}

/** Answers a carrier waiting on us (the ticket pending): the answer goes with the ticket back to inProgress. */
export async function answerTicket(
  deps: AskDeps,
  viewer: Viewer,
  input: { ticketId: string; text: string; by: string },
): Promise<RequestOutcome> {
  const open = await openTicket(deps, viewer, input.ticketId);
  if (!open.ticket) return open.refused;
  if (open.ticket.status !== 'pending')
    return {
      ok: false,
      reason: 'conflict',
      message: `The ticket is ${open.ticket.status}: the carrier is not waiting on us`,
    };
  if ((await getPartner(deps.db, open.ticket.partnerId))?.adapter.troubleTicketApi === 'none') return noApi;
  return await ask(
    deps,
    open.ticket,
    { kind: 'answer', body: { text: input.text }, by: input.by },
    { type: 'answerToCarrier', detail: input.text },
  );
}

/** When the reopening window of a resolved ticket closes: its resolution plus the policy's window. */
export async function reopenDeadline(deps: Pick<AskDeps, 'db'>, ticket: TicketRow): Promise<Date | undefined> {
  if (!ticket.resolvedAt) return undefined;
  const policy = ticket.policyId ? await getPolicyById(deps.db, ticket.policyId) : undefined;
  const hours = policy?.document.ticketReopenWindow?.hours ?? DEFAULT_TICKET_REOPEN_HOURS;
  return new Date(Date.parse(ticket.resolvedAt) + hours * 3_600_000);
}

/**
 * Reopens a resolved fault that is not fixed after all, within the policy's window: the carrier gets it back in
 * progress, and restoration clocks with a `reopen` condition go on from where they stopped.
 */
export async function reopenTicket(
  deps: AskDeps,
  viewer: Viewer,
  input: { ticketId: string; reason: string; by: string },
): Promise<RequestOutcome> {
  const open = await openTicket(deps, viewer, input.ticketId);
  if (!open.ticket) return open.refused;
  const { ticket } = open;
  if (ticket.status !== 'resolved')
    return { ok: false, reason: 'conflict', message: `The ticket is ${ticket.status}; only a resolved one reopens` };
  const deadline = await reopenDeadline(deps, ticket);
  if (deadline && deps.now() > deadline)
    return {
      ok: false,
      reason: 'conflict',
      message: `Resolved at ${ticket.resolvedAt}: the reopening window closed at ${deadline.toISOString()}`,
    };
  return await ask(
    deps,
    ticket,
    { kind: 'reopen', body: { reason: input.reason }, by: input.by },
    { type: 'reopenRequested', detail: input.reason },
  );
}
