import { ourNoteAuthor } from '../carrier-notes.js';
import { buyerParty, externalIdOwner, relatedPartyRefV5 } from '../tmf-common.js';
import type { BuyerTicketStatus, TicketForPartner } from './types.js';

/**
 * Our fault as a TMF621 TroubleTicket, v4.0.0 (Swagger 2) and v5.0.1 (OAS 3): what we POST to a carrier's API, what
 * a carrier without an API pulls from ours, and our status changes. What we say is the same in both versions; only
 * the JSON shape differs. In v5 every Extensible requires `@type`; RelatedEntity wraps an EntityRef and
 * RelatedPartyRefOrPartyRoleRef wraps a PartyRef.
 */

/** A fault on a delivered circuit; TMF621 names incident, complaint and request as example ticket types. */
const faultTicketType = 'incident';
/**
 * The carrier's order of the faulty tail, as a relatedEntity (TMF621's own examples use disputedOrder, disputedBill).
 */
const affectedOrderRole = 'affectedProductOrder';
/** TMF621's examples name the account holder `customer` and the person who raised the fault `reporter`. */
const customerRole = 'customer';
const reporterRole = 'reporter';
/** The kind of our v5 external identifier. */
const ticketExternalIdType = 'troubleTicketId';

/** TMF621 gives severity examples as Critical, Major, Minor; priority is a string: Critical, High, Medium, Low. */
const severityLabels: Record<TicketForPartner['severity'], string> = {
  critical: 'Critical',
  major: 'Major',
  minor: 'Minor',
};
const priorityLabels: Record<TicketForPartner['priority'], string> = {
  1: 'Critical',
  2: 'High',
  3: 'Medium',
  4: 'Low',
};

/** The carrier's own words for our severities and priorities (adapter.valueMaps), each naming every value. */
export type TicketValueMaps = {
  ticketSeverity?: Record<TicketForPartner['severity'], string> | undefined;
  ticketPriority?: Record<`${TicketForPartner['priority']}`, string> | undefined;
};

const severityOf = (ticket: TicketForPartner, maps: TicketValueMaps | undefined) =>
  maps?.ticketSeverity?.[ticket.severity] ?? severityLabels[ticket.severity];
const priorityOf = (ticket: TicketForPartner, maps: TicketValueMaps | undefined) =>
  maps?.ticketPriority?.[`${ticket.priority}`] ?? priorityLabels[ticket.priority];

/** TroubleTicket.name is a short summary; the full fault text travels in description. */
const ticketName = (ticket: TicketForPartner, maps: TicketValueMaps | undefined) =>
  `${severityOf(ticket, maps)} fault on order ${ticket.partnerOrderId}`;

/** Impact and our order reference have no attribute of their own, and a party ref cannot carry e-mail or phone. */
function noteTexts(ticket: TicketForPartner): string[] {
  const { name, email, phone } = ticket.contact;
  return [
    `Impact: ${ticket.impact}`,
    `Tailgate order reference: ${ticket.orderId}`,
    `Contact: ${name}, ${email}${phone ? `, ${phone}` : ''}`,
  ];
}

const common = (ticket: TicketForPartner, maps: TicketValueMaps | undefined) => ({
  name: ticketName(ticket, maps),
  description: ticket.description,
  severity: severityOf(ticket, maps),
  priority: priorityOf(ticket, maps),
  ticketType: faultTicketType,
});

/** TroubleTicket_Create (v4) raising a fault on one delivered tail. */
export function troubleTicketCreateV4(ticket: TicketForPartner, buyerAccountId?: string, maps?: TicketValueMaps) {
  return {
    externalId: ticket.externalId,
    ...common(ticket, maps),
    relatedEntity: [{ id: ticket.partnerOrderId, role: affectedOrderRole, '@referredType': 'ProductOrder' }],
    relatedParty: [
      { ...buyerParty(buyerAccountId), role: customerRole, '@referredType': 'Organization' },
      // RelatedParty requires an id; the contact's e-mail is the one stable identifier we have for a person.
      { id: ticket.contact.email, name: ticket.contact.name, role: reporterRole, '@referredType': 'Individual' },
    ],
    note: noteTexts(ticket).map((text) => ({ author: ourNoteAuthor, text })),
    '@type': 'TroubleTicket',
  };
}

/** TroubleTicket_FVO (v5) raising a fault on one delivered tail. */
export function troubleTicketFvoV5(ticket: TicketForPartner, buyerAccountId?: string, maps?: TicketValueMaps) {
  const buyer = buyerParty(buyerAccountId);
  return {
    '@type': 'TroubleTicket',
    externalIdentifier: [
      {
        '@type': 'ExternalIdentifier',
        id: ticket.externalId,
        owner: externalIdOwner,
        externalIdentifierType: ticketExternalIdType,
      },
    ],
    ...common(ticket, maps),
    relatedEntity: [
      {
        '@type': 'RelatedEntity',
        role: affectedOrderRole,
        entity: { '@type': 'EntityRef', id: ticket.partnerOrderId, '@referredType': 'ProductOrder' },
      },
    ],
    relatedParty: [
      relatedPartyRefV5(customerRole, buyer.id, buyer.name, 'Organization'),
      // PartyRef requires an id; the contact's e-mail is the one stable identifier we have for a person.
      relatedPartyRefV5(reporterRole, ticket.contact.email, ticket.contact.name, 'Individual'),
    ],
    note: noteTexts(ticket).map((text) => ({ '@type': 'Note', author: ourNoteAuthor, text })),
  };
}

/** TroubleTicket_Update (v4) for a buyer-side status change, perhaps with a note, sent as a merge patch. */
export const statusUpdateV4 = (status: BuyerTicketStatus, reason: string, note?: string) => ({
  status,
  statusChangeReason: reason,
  ...(note ? notePatchV4(note) : {}),
});

/** TroubleTicket_MVO (v5) for a buyer-side status change, perhaps with a note, sent as a merge patch. */
export const statusUpdateV5 = (status: BuyerTicketStatus, reason: string, note?: string) => ({
  '@type': 'TroubleTicket',
  status,
  statusChangeReason: reason,
  ...(note ? { note: notePatchV5(note).note } : {}),
});

/** A note from the desk for the carrier, as a merge patch (v4 TroubleTicket_Update). */
export const notePatchV4 = (text: string) => ({ note: [{ author: ourNoteAuthor, text }] });

/** A note from the desk for the carrier, as a merge patch (v5 TroubleTicket_MVO). */
export const notePatchV5 = (text: string) => ({
  '@type': 'TroubleTicket',
  note: [{ '@type': 'Note', author: ourNoteAuthor, text }],
});

/** What only Tailgate's own TMF621 server knows about a ticket it serves to a carrier that pulls its tickets. */
export type ServedTicket = {
  id: string;
  href: string;
  status: string;
  /** The carrier's own reference, once it PATCHed one in. */
  partnerTicketId: string | null;
  creationDate: string;
  lastUpdate: string;
  expectedResolutionAt: string | null;
  resolvedAt: string | null;
  statusChangeReason: string | null;
};

/**
 * Our ticket as a TMF621 v4 TroubleTicket on our own server, for a carrier without an API: the body we would POST
 * to a carrier's API, with our id as `id` and the carrier's reference (once it gave one) as `externalId`.
 */
export function servedTroubleTicketV4(ticket: TicketForPartner, served: ServedTicket, maps?: TicketValueMaps) {
  const { externalId: _ours, ...request } = troubleTicketCreateV4(ticket, undefined, maps);
  return {
    id: served.id,
    href: served.href,
    ...request,
    ...(served.partnerTicketId ? { externalId: served.partnerTicketId } : {}),
    status: served.status,
    creationDate: served.creationDate,
    lastUpdate: served.lastUpdate,
    ...(served.expectedResolutionAt ? { expectedResolutionDate: served.expectedResolutionAt } : {}),
    ...(served.resolvedAt ? { resolutionDate: served.resolvedAt } : {}),
    ...(served.statusChangeReason ? { statusChangeReason: served.statusChangeReason } : {}),
  };
}
