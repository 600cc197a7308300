import { newId } from '../../db/ids.js';
import type { NewTicketEvent, TicketRow } from '../../db/repositories/tickets.js';
import type { EventOutcome, EventSource, TicketEventType } from '../../openapi/events.js';
import type { TicketStatus } from '../../sla-rules/ticket-states.js';

/** One event of a ticket's timeline, before it is stored (the vocabulary is in openapi/events.ts). */
export type TicketEventFields = {
  source: EventSource;
  type: TicketEventType;
  externalEventId?: string | null;
  fromState: TicketStatus | null;
  toState: TicketStatus | null;
  outcome: EventOutcome;
  detail: string | null;
  payload?: unknown;
  occurredAt: string;
  receivedAt: string;
  /** Why the sender's claimed time was not believed (tails/claims.ts); occurredAt is then the receipt. */
  claimNote?: string | null;
  /** Of the delay between occurredAt and receivedAt, how much Tailgate knows was its own (tails/liveness.ts). */
  ownDelayMs?: number | null;
};

export function ticketEvent(ticket: Pick<TicketRow, 'id' | 'partnerId'>, fields: TicketEventFields): NewTicketEvent {
  return {
    id: newId('evt'),
    ticketId: ticket.id,
    partnerId: ticket.partnerId,
    externalEventId: null,
    payload: null,
    ...fields,
  };
}

/**
 * Something Tailgate itself did to a ticket (the desk, its workflow, a call to the carrier), happening as it is
 * recorded: a state it sets is applied; otherwise the event is only recorded.
 */
export function ownTicketEvent(
  ticket: Pick<TicketRow, 'id' | 'partnerId' | 'status'>,
  what: { source: EventSource; type: TicketEventType; detail: string | null; toState?: TicketStatus; at: Date },
): NewTicketEvent {
  const at = what.at.toISOString();
  return ticketEvent(ticket, {
    source: what.source,
    type: what.type,
    fromState: ticket.status,
    toState: what.toState ?? null,
    outcome: what.toState ? 'applied' : 'recorded',
    detail: what.detail,
    occurredAt: at,
    receivedAt: at,
  });
}
