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
  ticketName,
  toTicketStatus,
  troubleTicketCommonFields,
} from '../tmf621-shared.js';
import { buyerParty, ourNoteAuthor } from '../tmf622-shared.js';

/** TMF621 v4.0.0 (Swagger 2) payloads. `@type` is optional in v4; RelatedEntity and RelatedParty need `@referredType`. */

/** TroubleTicket_Create raising a fault on one delivered tail. */
export function toTroubleTicketCreateV4(ticket: TicketForPartner, buyerAccountId?: string) {
  return {
    externalId: ticket.externalId,
    name: ticketName(ticket),
    description: ticket.description,
    severity: severityLabel(ticket),
    priority: priorityLabel(ticket),
    ticketType: faultTicketType,
    relatedEntity: [{ id: ticket.partnerOrderId, role: affectedOrderRole, '@referredType': 'ProductOrder' }],
    relatedParty: [
      { ...buyerParty(buyerAccountId), role: customerRole, '@referredType': 'Organization' },
      // RelatedParty requires an id; the contact's e-mail is the one stable identifier we have for a person.
      { id: ticket.contact.email, name: ticket.contact.name, role: reporterRole, '@referredType': 'Individual' },
    ],
    note: ourTicketNoteTexts(ticket).map((text) => ({ author: ourNoteAuthor, text })),
    '@type': 'TroubleTicket',
  };
}

/** TroubleTicket_Update for a buyer-side status change, sent as a merge patch. */
export const toStatusUpdateV4 = (status: 'closed' | 'inProgress' | 'cancelled', reason: string) => ({
  status,
  statusChangeReason: reason,
});

export const toHubInputV4 = (callbackUrl: string) => ({ callback: callbackUrl });

export const troubleTicketV4Schema = z.object({ ...troubleTicketCommonFields, externalId: z.string().optional() });
export type TroubleTicketV4 = z.infer<typeof troubleTicketV4Schema>;

export const troubleTicketListV4Schema = z.array(troubleTicketV4Schema);
export const hubV4Schema = z.object({ id: z.union([z.string(), z.number()]).transform(String) });

export function toTicketSnapshotFromV4(tt: TroubleTicketV4): PartnerTicketSnapshot {
  return {
    partnerTicketId: tt.id,
    externalId: tt.externalId,
    status: toTicketStatus(tt.status),
    expectedResolutionDate: tt.expectedResolutionDate,
    resolutionDate: tt.resolutionDate,
    message: ticketExplanation(tt),
  };
}
