import { z } from 'zod';
import { ticketStatuses, type TicketStatus } from '../../sla-rules/ticket-states.js';
import { PartnerUnavailableError } from './errors.js';
import type { TicketForPartner } from './ticket-types.js';
import { carrierNoteSchema, ourNoteAuthor } from './tmf622-shared.js';

/** Vocabulary shared by the TMF621 v4 and v5 mappers: what we send is the same, only the JSON shape differs. */

/** A fault on a delivered circuit; TMF621 names incident, complaint and request as example ticket types. */
export const faultTicketType = 'incident';
/** The carrier's order of the faulty tail, as a TroubleTicket relatedEntity (TMF621's own examples use disputedOrder, disputedBill). */
export const affectedOrderRole = 'affectedProductOrder';
/** TMF621's examples name the account holder `customer` and the person who raised the fault `reporter`. */
export const customerRole = 'customer';
export const reporterRole = 'reporter';
/** v5 externalIdentifier entries name their owner and kind; the lookup accepts any entry with our id. */
export const ticketExternalIdType = 'troubleTicketId';

/** TMF621 gives severity examples as Critical, Major, Minor. */
const severityLabels: Record<TicketForPartner['severity'], string> = {
  critical: 'Critical',
  major: 'Major',
  minor: 'Minor',
};
/** priority is a string in both versions; TMF621 gives Critical, High, Medium, Low as examples. */
const priorityLabels: Record<TicketForPartner['priority'], string> = {
  1: 'Critical',
  2: 'High',
  3: 'Medium',
  4: 'Low',
};

export const severityLabel = (ticket: TicketForPartner) => severityLabels[ticket.severity];
export const priorityLabel = (ticket: TicketForPartner) => priorityLabels[ticket.priority];

/** TroubleTicket.name is a short summary; the full fault text travels in description. */
export const ticketName = (ticket: TicketForPartner) =>
  `${severityLabel(ticket)} fault on order ${ticket.partnerOrderId}`;

/**
 * The texts we attach as notes: impact and our order reference have no TroubleTicket attribute of their own, and
 * a RelatedParty ref cannot carry the contact's e-mail or phone.
 */
export function ourTicketNoteTexts(ticket: TicketForPartner): string[] {
  const { name, email, phone } = ticket.contact;
  return [
    `Impact: ${ticket.impact}`,
    `Tailgate order reference: ${ticket.orderId}`,
    `Contact: ${name}, ${email}${phone ? `, ${phone}` : ''}`,
  ];
}

const knownStatuses = new Set<string>(ticketStatuses);

/** Both versions share one status enum; anything else is a carrier fault we cannot interpret. */
export function toTicketStatus(raw: string): TicketStatus {
  if (knownStatuses.has(raw)) return raw as TicketStatus;
  throw new PartnerUnavailableError(`carrier reported an unknown TroubleTicket status "${raw}"`);
}

/** The parts of a TroubleTicket both versions share and we read. */
export const troubleTicketCommonFields = {
  id: z.string().min(1),
  status: z.string(),
  creationDate: z.string().optional(),
  expectedResolutionDate: z.string().optional(),
  resolutionDate: z.string().optional(),
  statusChangeReason: z.string().optional(),
  note: z.array(carrierNoteSchema).optional(),
};

/** The carrier's explanation: its status change reason, else its latest note (never one of ours). */
export function ticketExplanation(ticket: {
  statusChangeReason?: string | undefined;
  note?: Array<z.infer<typeof carrierNoteSchema>> | undefined;
}) {
  if (ticket.statusChangeReason) return ticket.statusChangeReason;
  const theirs = (ticket.note ?? []).filter((n) => n.text && n.author !== ourNoteAuthor);
  return theirs.at(-1)?.text;
}

/** Earliest first: if a retried create did leave two tickets behind, the first one is the one we keep using. */
export const byCreationDate = (a: { creationDate?: string | undefined }, b: { creationDate?: string | undefined }) =>
  (a.creationDate ?? '').localeCompare(b.creationDate ?? '');
