import type { TicketStatus } from '../../../sla-rules/ticket-states.js';

/** Our trouble ticket as the TMF621 family needs it to raise the fault at the carrier. */
export type TicketForPartner = {
  /** Our ticket id; sent as the TroubleTicket externalId so a retried create is recognised. */
  externalId: string;
  /** The carrier's order id of the delivered tail the fault is on (TMF621 relatedEntity). */
  partnerOrderId: string;
  /** Our order id, for the carrier's reference. */
  orderId: string;
  /** The carrier's reference for the delivered circuit, when it gave one (MEF LSO Sonata tickets name the product). */
  circuitReference?: string | undefined;
  severity: 'critical' | 'major' | 'minor';
  priority: 1 | 2 | 3 | 4;
  impact: string;
  description: string;
  contact: { name: string; email: string; phone?: string | undefined };
};

/** What a carrier's TroubleTicket says about our ticket, in our terms (instants in UTC). */
export type CarrierTicketUpdate = {
  status?: TicketStatus | undefined;
  expectedResolutionDate?: string | undefined;
  resolutionDate?: string | undefined;
  /** The carrier's explanation: its status change reason, else its latest note. */
  message?: string | undefined;
};

/** The carrier's whole view of a ticket, as its API answers it. */
export type PartnerTicketSnapshot = CarrierTicketUpdate & {
  partnerTicketId: string;
  externalId: string | undefined;
  status: TicketStatus;
};

/** Buyer-side status changes: close a resolved ticket, reopen it, or cancel it (TMF621 PATCH status). */
export type BuyerTicketStatus = 'closed' | 'inProgress' | 'cancelled';

/** A carrier's trouble ticket API; every call fails only with PartnerRejectedError or PartnerUnavailableError. */
export interface TicketingAdapter {
  /** `sending` is awaited just before a create request goes out (none is if the carrier already holds it). */
  create(ticket: TicketForPartner, sending?: () => Promise<void>): Promise<PartnerTicketSnapshot>;
  findByExternalId(externalId: string): Promise<PartnerTicketSnapshot | undefined>;
  get(partnerTicketId: string): Promise<PartnerTicketSnapshot>;
  /** A buyer-side status change (close, cancel, reopen or answer as inProgress), with a note when given. */
  updateStatus(
    partnerTicketId: string,
    status: BuyerTicketStatus,
    reason: string,
    note?: string,
  ): Promise<PartnerTicketSnapshot>;
  /** Adds the desk's note to the carrier's ticket. */
  addNote(partnerTicketId: string, text: string): Promise<void>;
  registerHub(callbackUrl: string): Promise<{ hubId: string }>;
  unregisterHub(hubId: string): Promise<void>;
}
