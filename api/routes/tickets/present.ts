import type { Db } from '../../../db/client.js';
import type { NewTicketEvent, TicketRow } from '../../../db/repositories/tickets.js';
import type { Ticket } from '../../../openapi/tickets.js';
import { visibleTicket } from '../../../tails/tickets/desk-actions.js';
import { viewerOf } from '../../auth.js';
import type { Caller } from '../../context.js';
import { ApiError } from '../../errors.js';

export function presentTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    orderId: row.orderId,
    partnerId: row.partnerId,
    deskReference: row.deskReference,
    severity: row.severity,
    priority: row.priority,
    impact: row.impact,
    description: row.description,
    contact: row.contact,
    status: row.status,
    submission: row.submission,
    partnerTicketId: row.partnerTicketId,
    dates: { expectedResolution: row.expectedResolutionAt, resolved: row.resolvedAt },
    failureReason: row.failureReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** An event as stored, or as just written (a column it leaves out is null). */
export const presentTicketEvent = (e: NewTicketEvent) => ({
  id: e.id,
  source: e.source,
  type: e.type,
  externalEventId: e.externalEventId ?? null,
  fromState: e.fromState ?? null,
  toState: e.toState ?? null,
  outcome: e.outcome,
  detail: e.detail ?? null,
  occurredAt: e.occurredAt,
  receivedAt: e.receivedAt,
  claimNote: e.claimNote ?? null,
  ownDelayMs: e.ownDelayMs ?? null,
});

export const presentTicketDetail = (row: TicketRow, timeline: NewTicketEvent[]) => ({
  ...presentTicket(row),
  timeline: timeline.map(presentTicketEvent),
});

/** The ticket, or 404 when it does not exist or belongs to another partner than the calling partner key. */
export async function ticketOr404(db: Db, caller: Caller, id: string): Promise<TicketRow> {
  const ticket = await visibleTicket(db, viewerOf(caller), id);
  if (!ticket) throw new ApiError('not_found', `No ticket ${id}`);
  return ticket;
}
