import type { Db } from '../../../db/client.js';
import { getOrder } from '../../../db/repositories/orders.js';
import { getPartner } from '../../../db/repositories/partners.js';
import type { TicketRow } from '../../../db/repositories/tickets.js';
import { servedTroubleTicketV4 } from '../../../partners/adapters/tmf621/write.js';
import { ticketFor } from '../../../tails/tickets/for-carrier.js';

export const troubleTicketPath = '/tmf-api/troubleTicket/v4/troubleTicket';

/** The ticket as our TMF621 v4 server shows it to its carrier, in that carrier's values (adapter.valueMaps). */
export async function servedTicket(db: Db, ticket: TicketRow) {
  const order = await getOrder(db, ticket.orderId);
  const partner = await getPartner(db, ticket.partnerId);
  return servedTroubleTicketV4(
    ticketFor(ticket, { id: ticket.orderId, partnerOrderId: order?.partnerOrderId ?? null }),
    {
      id: ticket.id,
      href: `${troubleTicketPath}/${ticket.id}`,
      status: ticket.status,
      partnerTicketId: ticket.partnerTicketId,
      creationDate: ticket.createdAt,
      lastUpdate: ticket.updatedAt,
      expectedResolutionAt: ticket.expectedResolutionAt,
      resolvedAt: ticket.resolvedAt,
      statusChangeReason: ticket.failureReason,
    },
    partner?.adapter.valueMaps,
  );
}
