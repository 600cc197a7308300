import type { OrderRow } from '../../db/repositories/orders.js';
import type { TicketRow } from '../../db/repositories/tickets.js';
import type { TicketForPartner } from '../adapters/ticket-types.js';
import { toTroubleTicketCreateV4 } from '../adapters/tmf621-v4/mapper.js';

const basePath = '/tmf-api/troubleTicket/v4/troubleTicket';

/** Our stored ticket in the shape every ticketing adapter maps into its carrier's terms. */
export function toPartnerTicket(ticket: TicketRow, order: Pick<OrderRow, 'id' | 'partnerOrderId'>): TicketForPartner {
  return {
    externalId: ticket.id,
    // A carrier that pulled the order without giving its own reference knows it by ours.
    partnerOrderId: order.partnerOrderId ?? order.id,
    orderId: order.id,
    severity: ticket.severity as TicketForPartner['severity'],
    priority: ticket.priority as TicketForPartner['priority'],
    impact: ticket.impact,
    description: ticket.description,
    contact: ticket.contact as TicketForPartner['contact'],
  };
}

/**
 * Our ticket as a TMF621 v4 TroubleTicket, for carriers without an API of their own that pull their tickets from
 * Tailgate: the same body we would POST to a carrier, plus what only we know. The id is ours; the carrier's own
 * reference, once it PATCHes one in, is in externalId.
 */
export function toTmf621V4TroubleTicket(
  ticket: TicketRow,
  order: Pick<OrderRow, 'id' | 'partnerOrderId'>,
): Record<string, unknown> {
  const { externalId: _ours, ...request } = toTroubleTicketCreateV4(toPartnerTicket(ticket, order));
  return {
    id: ticket.id,
    href: `${basePath}/${ticket.id}`,
    ...request,
    ...(ticket.partnerTicketId ? { externalId: ticket.partnerTicketId } : {}),
    status: ticket.status,
    creationDate: ticket.createdAt,
    lastUpdate: ticket.updatedAt,
    ...(ticket.expectedResolutionAt ? { expectedResolutionDate: ticket.expectedResolutionAt } : {}),
    ...(ticket.resolvedAt ? { resolutionDate: ticket.resolvedAt } : {}),
    ...(ticket.failureReason ? { statusChangeReason: ticket.failureReason } : {}),
  };
}
