import { z } from 'zod';
import type { PartnerTicketSnapshot, TicketForPartner } from '../ticket-types.js';
import {
  affectedOrderRole,
  customerRole,
  faultTicketType,
  ourTicketNoteTexts,
  priorityLabel,
  reporterRole,
  severityLabel,
  ticketExplanation,
  ticketExternalIdType,
  ticketName,
  toTicketStatus,
  troubleTicketCommonFields,
} from '../tmf621-shared.js';
import { buyerParty, externalIdOwner, ourNoteAuthor } from '../tmf622-shared.js';

/**
 * TMF621 v5.0.1 (OAS 3) payloads. Every Extensible requires `@type`; RelatedEntity wraps an EntityRef and
 * RelatedPartyRefOrPartyRoleRef wraps a PartyRef, and the polymorphic holders are resolved by that `@type`.
 */

const relatedPartyRef = (role: string, id: string, name: string, referredType: string) => ({
  '@type': 'RelatedPartyRefOrPartyRoleRef',
  role,
  partyOrPartyRole: { '@type': 'PartyRef', id, name, '@referredType': referredType },
});

/** TroubleTicket_FVO raising a fault on one delivered tail. */
export function toTroubleTicketFvoV5(ticket: TicketForPartner, buyerAccountId?: string) {
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
    name: ticketName(ticket),
    description: ticket.description,
    severity: severityLabel(ticket),
    priority: priorityLabel(ticket),
    ticketType: faultTicketType,
    relatedEntity: [
      {
        '@type': 'RelatedEntity',
        role: affectedOrderRole,
        entity: { '@type': 'EntityRef', id: ticket.partnerOrderId, '@referredType': 'ProductOrder' },
      },
    ],
    relatedParty: [
      relatedPartyRef(customerRole, buyerParty(buyerAccountId).id, buyerParty(buyerAccountId).name, 'Organization'),
      // PartyRef requires an id; the contact's e-mail is the one stable identifier we have for a person.
      relatedPartyRef(reporterRole, ticket.contact.email, ticket.contact.name, 'Individual'),
    ],
    note: ourTicketNoteTexts(ticket).map((text) => ({ '@type': 'Note', author: ourNoteAuthor, text })),
  };
}

/** TroubleTicket_MVO for a buyer-side status change, sent as a merge patch. */
export const toStatusUpdateV5 = (status: 'closed' | 'inProgress' | 'cancelled', reason: string) => ({
  '@type': 'TroubleTicket',
  status,
  statusChangeReason: reason,
});

export const toHubFvoV5 = (callbackUrl: string) => ({ '@type': 'Hub', callback: callbackUrl });

const externalIdentifierSchema = z.object({ id: z.string().optional(), owner: z.string().optional() });

export const troubleTicketV5Schema = z.object({
  ...troubleTicketCommonFields,
  externalIdentifier: z.array(externalIdentifierSchema).optional(),
});
export type TroubleTicketV5 = z.infer<typeof troubleTicketV5Schema>;

export const troubleTicketListV5Schema = z.array(troubleTicketV5Schema);
export const hubV5Schema = z.object({ id: z.union([z.string(), z.number()]).transform(String) });

/** Our id among the ticket's external identifiers: the entry we own, else any entry (carriers may drop `owner`). */
export function ourExternalIdV5(tt: TroubleTicketV5): string | undefined {
  const ids = tt.externalIdentifier ?? [];
  return (ids.find((e) => e.owner === externalIdOwner) ?? ids[0])?.id;
}

export const hasExternalIdV5 = (tt: TroubleTicketV5, externalId: string) =>
  (tt.externalIdentifier ?? []).some((e) => e.id === externalId);

export function toTicketSnapshotFromV5(tt: TroubleTicketV5): PartnerTicketSnapshot {
  return {
    partnerTicketId: tt.id,
    externalId: ourExternalIdV5(tt),
    status: toTicketStatus(tt.status),
    expectedResolutionDate: tt.expectedResolutionDate,
    resolutionDate: tt.resolutionDate,
    message: ticketExplanation(tt),
  };
}
