import { randomUUID } from 'node:crypto';
import { isFinalTicketStatus } from '../../sla-rules/ticket-states.js';
import type { SimEvent } from './events.js';
import type { TicketHrefBase } from './render.js';
import type { SimTicket } from './store.js';
import { renderTroubleTicket } from './ticket-render.js';

export type TicketEventType =
  | 'TroubleTicketStatusChangeEvent'
  | 'TroubleTicketResolvedEvent'
  | 'TroubleTicketAttributeValueChangeEvent'
  | 'TroubleTicketInformationRequiredEvent';

/**
 * The notification body for one event about a ticket, as of now, in the ticket's API version. Both versions carry
 * the whole TroubleTicket; v5 InformationRequired adds a JSON Patch naming what the buyer should supply. Event ids
 * are UUIDs: a restarted simulator must not reuse one, since listeners store each event id once.
 */
export function buildTicketEvent(
  eventType: TicketEventType,
  ticket: SimTicket,
  hrefBase: TicketHrefBase,
  now: Date,
  opts: { fieldPath?: string } = {},
): SimEvent {
  const eventId = randomUUID();
  const eventTime = now.toISOString();
  const final = eventType === 'TroubleTicketStatusChangeEvent' && isFinalTicketStatus(ticket.status);
  if (ticket.api === 'sonata') {
    // MEF's notifications are thin, named as TMF621's with a lower-case first letter: the buyer reads the ticket.
    const type = `t${eventType.slice(1)}`;
    const event = { id: ticket.id, href: `${hrefBase(ticket.api)}/troubleTicket/${ticket.id}` };
    return {
      eventId,
      eventType: type,
      resourceId: ticket.id,
      final,
      body: { eventId, eventTime, eventType: type, event },
    };
  }
  const troubleTicket = renderTroubleTicket(ticket, hrefBase);
  const fieldPath = opts.fieldPath ? { fieldPath: opts.fieldPath } : {};
  if (ticket.api === 'v4') {
    const body = { eventId, eventTime, eventType, ...fieldPath, event: { troubleTicket } };
    return { eventId, eventType, resourceId: ticket.id, final, body };
  }
  const event =
    eventType === 'TroubleTicketInformationRequiredEvent'
      ? { troubleTicket, informationRequired: { op: 'add', path: '/note/-' } }
      : { troubleTicket };
  // v5 Event has no fieldPath; the attribute that changed is named in the event title instead.
  const title = opts.fieldPath ? { title: `${opts.fieldPath} changed` } : {};
  const body = {
    '@type': eventType,
    eventId,
    eventTime,
    eventType,
    timeOccurred: eventTime,
    correlationId: ticket.id,
    ...title,
    event,
  };
  return { eventId, eventType, resourceId: ticket.id, final, body };
}
