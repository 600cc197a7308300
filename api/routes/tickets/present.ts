import type { TicketEventRow, TicketRow } from '../../../db/repositories/tickets.js';
import type { Ticket } from '../../../openapi/tickets.js';
import { canSeePartner } from '../../auth.js';
import type { Caller } from '../../context.js';
import { ApiError } from '../../errors.js';

export function presentTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    orderId: row.orderId,
    partnerId: row.partnerId,
    deskReference: row.deskReference,
    severity: row.severity as Ticket['severity'],
    priority: row.priority,
    impact: row.impact,
    description: row.description,
    contact: row.contact as Ticket['contact'],
    status: row.status as Ticket['status'],
    submission: row.submission as Ticket['submission'],
    partnerTicketId: row.partnerTicketId,
    dates: { expectedResolution: row.expectedResolutionAt, resolved: row.resolvedAt },
    failureReason: row.failureReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const presentTicketEvent = (e: TicketEventRow) => ({
  id: e.id,
  source: e.source,
  type: e.type,
  externalEventId: e.externalEventId,
  fromState: e.fromState as Ticket['status'] | null,
  toState: e.toState as Ticket['status'] | null,
  outcome: e.outcome as 'applied' | 'refused' | 'stale' | 'recorded',
  detail: e.detail,
  occurredAt: e.occurredAt,
  receivedAt: e.receivedAt,
});

export const presentTicketDetail = (row: TicketRow, timeline: TicketEventRow[]) => ({
  ...presentTicket(row),
  timeline: timeline.map(presentTicketEvent),
});

/** 404 for a ticket that does not exist or belongs to another partner than the calling partner key. */
export function visibleTicket(caller: Caller, row: TicketRow | undefined, id: string): TicketRow {
  if (!row || !canSeePartner(caller, row.partnerId)) throw new ApiError('not_found', `No ticket ${id}`);
  return row;
}
