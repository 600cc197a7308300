import type { OrderRow } from '../../db/repositories/orders.js';
import type { TicketRow } from '../../db/repositories/tickets.js';
import type { TicketForPartner } from '../../partners/adapters/tmf621/types.js';

/** Our stored ticket as the TMF621 family takes it, to send to the carrier's API or to serve from ours. */
export function ticketFor(
  ticket: TicketRow,
  order: Pick<OrderRow, 'id' | 'partnerOrderId'> & Partial<Pick<OrderRow, 'carrierCircuitRef'>>,
): TicketForPartner {
  return {
    externalId: ticket.id,
    // A carrier that pulled the order without giving its own reference knows it by ours.
    partnerOrderId: order.partnerOrderId ?? order.id,
    orderId: order.id,
    circuitReference: order.carrierCircuitRef ?? undefined,
    severity: ticket.severity,
    priority: ticket.priority,
    impact: ticket.impact,
    description: ticket.description,
    contact: ticket.contact,
  };
}
