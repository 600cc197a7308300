import type { TicketStatus } from '../../sla-rules/ticket-states.js';

/** Our trouble ticket as a TMF621 adapter needs it to raise the fault at the carrier. */
export type TicketForPartner = {
  /** Our ticket id; sent as the TroubleTicket externalId so a retried create is recognised. */
  externalId: string;
  /** The carrier's order id of the delivered tail the fault is on (TMF621 relatedEntity). */
  partnerOrderId: string;
  /** Our order id, for the carrier's reference. */
  orderId: string;
  severity: 'critical' | 'major' | 'minor';
  priority: 1 | 2 | 3 | 4;
  impact: string;
  description: string;
  contact: { name: string; email: string; phone?: string | undefined };
};

/** The carrier's view of a ticket, mapped back into our terms. */
export type PartnerTicketSnapshot = {
  partnerTicketId: string;
  externalId: string | undefined;
  status: TicketStatus;
  expectedResolutionDate: string | undefined;
  resolutionDate: string | undefined;
  /** statusChangeReason or the carrier's latest note. */
  message: string | undefined;
};

export interface TicketingAdapter {
  create(ticket: TicketForPartner): Promise<PartnerTicketSnapshot>;
  findByExternalId(externalId: string): Promise<PartnerTicketSnapshot | undefined>;
  get(partnerTicketId: string): Promise<PartnerTicketSnapshot>;
  /** Buyer-side changes: close a resolved ticket, reopen it, or cancel it (TMF621 PATCH status). */
  updateStatus(
    partnerTicketId: string,
    status: 'closed' | 'inProgress' | 'cancelled',
    reason: string,
  ): Promise<PartnerTicketSnapshot>;
  registerHub(callbackUrl: string): Promise<{ hubId: string }>;
}
