import type { OrderState } from '../orders/states.js';

/** Our tail order as an adapter needs it to build the carrier's ProductOrder. */
export type TailOrderForPartner = {
  /** Our order id; sent as the ProductOrder externalId so a retried submit is recognised. */
  externalId: string;
  deskReference: string;
  productCode: string;
  bandwidthMbps: number;
  requestedCompletionDate: string; // YYYY-MM-DD
  site: {
    countryCode: string;
    postcode: string;
    line1: string;
    line2?: string | undefined;
    city: string;
    addressId?: string | undefined;
  };
  contact: { name: string; email: string; phone?: string | undefined };
  note?: string | undefined;
};

/** The carrier's view of an order, mapped back into our terms. */
export type PartnerOrderSnapshot = {
  partnerOrderId: string;
  externalId: string | undefined;
  state: OrderState;
  /** The carrier's committed completion date (TMF expectedCompletionDate), ISO-8601. */
  committedDate: string | undefined;
  completionDate: string | undefined;
  /** Free text from the carrier, e.g. a rejection or failure reason. */
  message: string | undefined;
};

/** Per-partner terminology: our product codes to the carrier's offering ids, characteristic names, party roles. */
export type PartnerMapping = {
  productCodeMap: Record<string, string>;
  bandwidthCharacteristic?: string;
  buyerRole?: string;
  contactRole?: string;
  /** The id the carrier knows us by (its account number for us); default `tailgate`. */
  buyerAccountId?: string;
};

export interface OrderingAdapter {
  submit(order: TailOrderForPartner): Promise<PartnerOrderSnapshot>;
  findByExternalId(externalId: string): Promise<PartnerOrderSnapshot | undefined>;
  get(partnerOrderId: string): Promise<PartnerOrderSnapshot>;
  cancel(partnerOrderId: string, reason: string): Promise<void>;
  registerHub(callbackUrl: string): Promise<{ hubId: string }>;
}
