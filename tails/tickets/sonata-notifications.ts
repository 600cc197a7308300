import type { Db } from '../../db/client.js';
import { getPartner } from '../../db/repositories/partners.js';
import type { Partner } from '../../openapi/partners.js';
import type { SonataTicketEventType } from '../../openapi/sonata.js';
import { PartnerRejectedError, PartnerUnavailableError } from '../../partners/adapters/index.js';
import type { TicketingAdapter } from '../../partners/adapters/tmf621/types.js';
import type { TailWorkflows } from '../workflows.js';
import { receiveTicketUpdate, ticketNamedByCarrier, type ReceiveTicketOutcome } from './receive-update.js';

/** A thin MEF LSO Sonata notification a carrier POSTed to our listener: it names the carrier's ticket only. */
export type SonataTicketNotification = {
  eventId: string;
  eventTime: string;
  eventType: SonataTicketEventType;
  /** The carrier's TroubleTicket id. */
  carrierTicketId: string;
  payload: unknown;
};

type Deps = {
  db: Db;
  now: () => Date;
  workflows: Pick<TailWorkflows, 'ticketChanged'>;
  /** The client for the partner's ticket API: a thin notification is followed by a read of the ticket. */
  ticketing: (partner: Partner) => TicketingAdapter;
};

export type SonataTicketNotificationOutcome =
  | { ok: false; reason: 'notFound'; message: string }
  | { ok: false; reason: 'carrierUnavailable'; message: string }
  | ReceiveTicketOutcome;

/**
 * Receives a Sonata carrier's notification about one of its tickets: the ticket is read back from the carrier (Sonata
 * notifications are thin), found among the calling partner's own tickets (by the carrier's id, or our externalId it
 * echoes), and its current status taken as any update is (receive-update.ts), the event stored once by its id. A
 * carrier that cannot be read answers `carrierUnavailable` (the carrier sends the notification again).
 */
export async function receiveSonataTicketNotification(
  deps: Deps,
  partnerId: string,
  notification: SonataTicketNotification,
): Promise<SonataTicketNotificationOutcome> {
  const partner = await getPartner(deps.db, partnerId);
  const notFound = {
    ok: false,
    reason: 'notFound',
    message: `No ticket of yours with id ${notification.carrierTicketId}`,
  } as const;
  if (partner?.adapter.troubleTicketApi !== 'sonata-v4') return notFound;
  let snapshot;
  try {
    snapshot = await deps.ticketing(partner).get(notification.carrierTicketId);
  } catch (err) {
    if (err instanceof PartnerRejectedError && err.status === 404) return notFound;
    if (err instanceof PartnerRejectedError || err instanceof PartnerUnavailableError)
      return { ok: false, reason: 'carrierUnavailable', message: `could not read the ticket back: ${err.message}` };
    throw err;
  }
  const ticket = await ticketNamedByCarrier(deps.db, partnerId, {
    partnerTicketId: snapshot.partnerTicketId,
    ourTicketId: snapshot.externalId,
  });
  if (!ticket) return notFound;
  const { partnerTicketId: _theirs, externalId: _ours, ...update } = snapshot;
  return await receiveTicketUpdate(deps, {
    ticketId: ticket.id,
    source: 'listener',
    type: notification.eventType,
    externalEventId: notification.eventId,
    // What the ticket is now, as the carrier says: it may have moved on since the event it notified.
    update: { ...update, kind: 'snapshot', occurredAt: new Date(notification.eventTime).toISOString() },
    payload: notification.payload,
  });
}
