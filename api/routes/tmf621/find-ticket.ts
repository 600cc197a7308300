import { getTicket, getTicketByPartnerTicketId, type TicketRow } from '../../../db/repositories/tickets.js';
import type { TmfTroubleTicket } from '../../../openapi/tmf621.js';
import { ourTicketIdOf } from '../../../partners/tickets/tmf621-event.js';
import type { Caller, Deps } from '../../context.js';
import { ApiError } from '../../errors.js';

/** The calling carrier's ticket named by a TroubleTicket: by the carrier's id, else by our id echoed as externalId. */
export function carrierTicket(deps: Deps, caller: Caller, tt: TmfTroubleTicket): TicketRow {
  const partnerId = caller.partnerId ?? '';
  const byPartnerId = getTicketByPartnerTicketId(deps.db, partnerId, tt.id);
  if (byPartnerId) return byPartnerId;
  const ours = ourTicketIdOf(tt);
  const ticket = ours ? getTicket(deps.db, ours) : undefined;
  if (!ticket || ticket.partnerId !== partnerId)
    throw new ApiError('not_found', `No ticket of yours with id ${tt.id}${ours ? ` or externalId ${ours}` : ''}`);
  return ticket;
}
