import { getTicket } from '../../db/repositories/tickets.js';
import { hasTicketApi, PartnerRejectedError } from '../../partners/adapters/index.js';
import { sameInstant } from '../../sla-rules/instants.js';
import type { TicketChange } from '../../sla-rules/ticket-states.js';
import { recordTicketUpdate } from './receive-update.js';
import { load, current, recordOwn, snapshotReport, type TicketSubmissionDeps } from './workflow-steps.js';

/** What a ticket's workflow asks of the carrier once it has the ticket (each a Temporal activity in workers/). */

/**
 * The buyer closes a resolved ticket or cancels an open one: a PATCH at the carrier (its answer recorded), or for
 * a carrier that pulls its tickets, the change itself. A carrier's refusal is recorded; the ticket stays as it is.
 */
export async function sendTicketStatus(
  deps: TicketSubmissionDeps,
  ticketId: string,
  status: 'closed' | 'cancelled',
  reason: string,
): Promise<TicketChange> {
  const { ticket, partner } = await load(deps.db, ticketId);
  const type = status === 'closed' ? 'closedByBuyer' : 'cancelledByBuyer';
  if (!hasTicketApi(partner)) {
    const update = { kind: 'event' as const, status, occurredAt: deps.now().toISOString(), message: reason };
    const recorded = await recordTicketUpdate(deps, {
      ticketId,
      source: 'desk',
      type,
      externalEventId: null,
      update,
      payload: null,
    });
    return { status: recorded.ticket.status, version: recorded.version };
  }
  if (!ticket.partnerTicketId) return await current(deps.db, ticket);
  try {
    const askedAt = deps.now();
    const snapshot = await deps.ticketing(partner).updateStatus(ticket.partnerTicketId, status, reason);
    const recorded = await recordTicketUpdate(deps, snapshotReport(ticketId, snapshot, 'adapter', type, askedAt));
    return { status: recorded.ticket.status, version: recorded.version };
  } catch (err) {
    if (!(err instanceof PartnerRejectedError)) throw err;
    await recordOwn(deps, ticket, { type: `${type}Refused`, detail: err.message, source: 'adapter' });
    return await current(deps.db, (await getTicket(deps.db, ticketId))!);
  }
}

/** Asks a carrier that sends no events where its ticket is; a changed answer is recorded like any update. */
export async function pollCarrierTicket(deps: TicketSubmissionDeps, ticketId: string): Promise<TicketChange> {
  const { ticket, partner } = await load(deps.db, ticketId);
  if (!ticket.partnerTicketId) return await current(deps.db, ticket);
  const askedAt = deps.now();
  const snapshot = await deps.ticketing(partner).get(ticket.partnerTicketId);
  const unchanged =
    snapshot.status === ticket.status &&
    sameInstant(snapshot.expectedResolutionDate ?? null, ticket.expectedResolutionAt);
  if (unchanged) return await current(deps.db, ticket);
  // The carrier may have changed it any time since we last asked: that wait is ours.
  const ownDelayMs = partner.adapter.pollIntervalSeconds * 1000;
  const report = { ...snapshotReport(ticketId, snapshot, 'adapter-poll', 'poll', askedAt), ownDelayMs };
  const recorded = await recordTicketUpdate(deps, report);
  return { status: recorded.ticket.status, version: recorded.version };
}
