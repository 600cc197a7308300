import type { Db } from '../../db/client.js';
import type { TicketListenerEvent, TmfTroubleTicket } from '../../openapi/tmf621.js';
import { getPartner } from '../../db/repositories/partners.js';
import { mapTicketStatus, unmappedState } from '../../partners/adapters/state-maps.js';
import { ourTicketIdOf, readTicketUpdate } from '../../partners/adapters/tmf621/read.js';
import type { TailWorkflows } from '../workflows.js';
import { receiveTicketUpdate, ticketNamedByCarrier, type ReceiveTicketOutcome } from './receive-update.js';

/** A TMF621 notification a carrier POSTed to our listener (v4 and v5 share the envelope). */
export type CarrierTicketNotification = {
  eventId: string;
  eventTime?: string | undefined;
  eventType: TicketListenerEvent;
  troubleTicket: TmfTroubleTicket;
  /** The notification as it arrived, kept with the event. */
  payload: unknown;
};

type NotificationDeps = { db: Db; now: () => Date; workflows: Pick<TailWorkflows, 'ticketChanged'> };

export type TicketNotificationOutcome =
  | { ok: false; reason: 'notFound'; message: string }
  | { ok: false; reason: 'unmapped'; field: string; message: string }
  | ReceiveTicketOutcome;

/**
 * Receives a carrier's notification about one of its own tickets (found by the carrier's id, or our id echoed
 * back); the update goes through receive-update.ts like every other.
 */
export async function receiveCarrierTicketNotification(
  deps: NotificationDeps,
  partnerId: string,
  notification: CarrierTicketNotification,
): Promise<TicketNotificationOutcome> {
  const tt = notification.troubleTicket;
  const ourTicketId = ourTicketIdOf(tt);
  const ticket = await ticketNamedByCarrier(deps.db, partnerId, { partnerTicketId: tt.id, ourTicketId });
  if (!ticket) {
    const message = `No ticket of yours with id ${tt.id}${ourTicketId ? ` or externalId ${ourTicketId}` : ''}`;
    return { ok: false, reason: 'notFound', message };
  }
  const statusMap = (await getPartner(deps.db, partnerId))?.adapter.stateMap?.ticket;
  if (tt.status !== undefined && mapTicketStatus(tt.status, statusMap) === undefined) {
    const message = unmappedState('ticket', tt.status);
    return { ok: false, reason: 'unmapped', field: 'event.troubleTicket.status', message };
  }
  const occurredAt = notification.eventTime ? new Date(notification.eventTime).toISOString() : deps.now().toISOString();
  return receiveTicketUpdate(deps, {
    ticketId: ticket.id,
    source: 'listener',
    type: notification.eventType,
    externalEventId: notification.eventId,
    update: { ...readTicketUpdate(tt, statusMap), kind: 'event', occurredAt },
    payload: notification.payload,
  });
}
