import { canMoveTicket, canReachTicket, type TicketStatus } from '../../sla-rules/ticket-states.js';

/** What a carrier (or a poll of the carrier, or the buyer's own close/cancel) says about a ticket. */
export type TicketUpdate = {
  status?: TicketStatus | undefined;
  expectedResolutionDate?: string | undefined;
  resolutionDate?: string | undefined;
  /** When the sender says it happened; used for ordering, never to apply anything backwards. */
  occurredAt: string;
  message?: string | undefined;
  /** `event`: a notified transition, which must be valid from the current status; `snapshot`: a polled current status. */
  kind?: 'event' | 'snapshot';
};

export type TicketFacts = {
  status: TicketStatus;
  expectedResolutionAt: string | null;
  resolvedAt: string | null;
  /** occurredAt of the newest partner status change applied so far. */
  lastStatusAt: string | null;
};

export type TicketDecision = {
  outcome: 'applied' | 'refused' | 'stale' | 'recorded';
  patch: { status?: TicketStatus; expectedResolutionAt?: string; resolvedAt?: string | null; failureReason?: string };
  detail?: string;
};

/**
 * Decides what an update does to a ticket: a status change must be a valid TMF621 move and newer than the last
 * applied one; a changed expected resolution date is taken. An invalid move is recorded and refused, never applied.
 */
export function decideTicketUpdate(ticket: TicketFacts, update: TicketUpdate, receivedAt: string): TicketDecision {
  const patch: TicketDecision['patch'] = {};
  if (update.expectedResolutionDate && update.expectedResolutionDate !== ticket.expectedResolutionAt)
    patch.expectedResolutionAt = update.expectedResolutionDate;

  if (update.status && update.status !== ticket.status) {
    if (ticket.lastStatusAt && update.occurredAt < ticket.lastStatusAt) {
      return {
        outcome: 'stale',
        patch: {},
        detail: `${update.status} at ${update.occurredAt} is older than the status applied at ${ticket.lastStatusAt}`,
      };
    }
    const allowed =
      update.kind === 'snapshot'
        ? canReachTicket(ticket.status, update.status)
        : canMoveTicket(ticket.status, update.status);
    if (!allowed)
      return { outcome: 'refused', patch: {}, detail: `invalid transition ${ticket.status} -> ${update.status}` };
    patch.status = update.status;
    if (update.status === 'resolved') {
      const claimed = update.resolutionDate;
      patch.resolvedAt = claimed && claimed <= receivedAt ? claimed : receivedAt;
    }
    // A reopened fault is no longer resolved; closing keeps the resolution instant.
    if (ticket.status === 'resolved' && update.status === 'inProgress') patch.resolvedAt = null;
    if (update.status === 'rejected' && update.message) patch.failureReason = update.message;
  }
  return Object.keys(patch).length > 0 ? { outcome: 'applied', patch } : { outcome: 'recorded', patch: {} };
}
