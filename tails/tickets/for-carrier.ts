import type { OrderRow } from '../../db/repositories/orders.js';
import type { TicketRow } from '../../db/repositories/tickets.js';
import type { TicketForPartner } from '../../partners/adapters/tmf621/types.js';
import { servedTroubleTicketV4 } from '../../partners/adapters/tmf621/write.js';

export const troubleTicketPath = '/tmf-api/troubleTicket/v4/troubleTicket';

/** Our stored ticket as the TMF621 family takes it, to send to the carrier's API or to serve from ours. */
export function ticketFor(ticket: TicketRow, order: Pick<OrderRow, 'id' | 'partnerOrderId'>): TicketForPartner {
  return {
    externalId: ticket.id,
    // A carrier that pulled the order without giving its own reference knows it by ours.
    partnerOrderId: order.partnerOrderId ?? order.id,
    orderId: order.id,
    severity: ticket.severity,
    priority: ticket.priority as TicketForPartner['priority'],
    impact: ticket.impact,
    description: ticket.description,
    contact: ticket.contact,
  };
}

/** The ticket as our TMF621 v4 server shows it to its carrier. */
export function servedTicket(ticket: TicketRow, order: Pick<OrderRow, 'id' | 'partnerOrderId'>) {
  return servedTroubleTicketV4(ticketFor(ticket, order), {
    id: ticket.id,
    href: `${troubleTicketPath}/${ticket.id}`,
    status: ticket.status,
    partnerTicketId: ticket.partnerTicketId,
    creationDate: ticket.createdAt,
    lastUpdate: ticket.updatedAt,
    expectedResolutionAt: ticket.expectedResolutionAt,
    resolvedAt: ticket.resolvedAt,
    statusChangeReason: ticket.failureReason,
  });
}
