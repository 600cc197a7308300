import type { AddressFormat } from '../../../openapi/adapter-settings.js';
import type { OrderAction } from '../../../openapi/orders.js';
import type { OrderState } from '../../../sla-rules/order-states.js';
import type { OrderAmendmentForPartner } from './amend.js';

/** Our tail order as the TMF622 family needs it to build the carrier's ProductOrder. */
export type TailOrderForPartner = {
  /** Our order id; sent as the ProductOrder externalId so a retried submit is recognised. */
  externalId: string;
  deskReference: string;
  productCode: string;
  bandwidthMbps: number;
  requestedCompletionDate: string; // YYYY-MM-DD
  /** The desk's values for the carrier's per-order fields (customFields.orderDefaults). */
  carrierFields?: Record<string, string | number | boolean> | undefined;
  /** add (absent): a new tail; modify: a change of the delivered tail; delete: its cease. */
  action?: OrderAction | undefined;
  /**
   * For modify and delete: the delivered tail as the carrier knows it, its product (the circuit), and our id of the
   * order that delivered it (the carrier's externalId for it).
   */
  changes?: { productId: string; deliveredBy: string } | undefined;
  /** Ordered from a carrier's live offer: its TMF679 qualification and item, referenced on the order item. */
  carrierQualification?: { id: string; itemId: string } | undefined;
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

/** What a carrier's ProductOrder says about our order, in our terms (instants in UTC). */
export type CarrierOrderUpdate = {
  state?: OrderState | undefined;
  /** The carrier's committed completion date (TMF expectedCompletionDate). */
  committedDate?: string | undefined;
  completionDate?: string | undefined;
  /** The carrier's explanation: an error message, a state reason, else its latest note. */
  message?: string | undefined;
  /** The carrier's reference for the delivered circuit: the product instance its order item created. */
  circuitReference?: string | undefined;
};

/** The carrier's whole view of an order, as its API answers it. */
export type PartnerOrderSnapshot = CarrierOrderUpdate & {
  partnerOrderId: string;
  externalId: string | undefined;
  state: OrderState;
};

/** Per-partner terminology: our product codes to the carrier's offering ids, characteristic names, party roles. */
export type PartnerMapping = {
  productCodeMap: Record<string, string>;
  bandwidthCharacteristic?: string | undefined;
  buyerRole?: string | undefined;
  contactRole?: string | undefined;
  /** The id the carrier knows us by (its account number for us); default `tailgate`. */
  buyerAccountId?: string | undefined;
  /** Fixed fields the carrier needs on every order (adapter.customFields). */
  customFields?:
    | {
        order: Record<string, string | number | boolean>;
        /** Fields the desk may set per order, with the value sent when it does not. */
        orderDefaults?: Record<string, string | number | boolean> | undefined;
        productCharacteristics: { name: string; value: string | number | boolean }[];
      }
    | undefined;
  /** The carrier's own ProductOrder state values and the TMF622 state each means (state-maps.ts). */
  stateMap?: Record<string, OrderState> | undefined;
  /** Our product code -> the carrier's product specification and the characteristics it needs. */
  productSpecifications?: Record<string, ProductSpecificationMapping> | undefined;
  /** How the site address is written (default `lines`). */
  addressFormat?: AddressFormat | undefined;
};

export type ProductSpecificationMapping = {
  id: string;
  name?: string | undefined;
  version?: string | undefined;
  characteristics: { name: string; value: string | number | boolean }[];
};

/**
 * How an amendment reaches the carrier: a patch of its order, a modification order amending it, or (MEF LSO Sonata,
 * for a new requested date) its modifyProductOrderItemRequestedDeliveryDate task.
 */
export type AmendmentMethod = 'patch' | 'modificationOrder' | 'modifyDeliveryDate';

/** A carrier's ordering API; every call fails only with PartnerRejectedError or PartnerUnavailableError. */
export interface OrderingAdapter {
  /** `sending` is awaited just before a create request goes out (none is if the carrier already holds it). */
  submit(order: TailOrderForPartner, sending?: () => Promise<void>): Promise<PartnerOrderSnapshot>;
  findByExternalId(externalId: string): Promise<PartnerOrderSnapshot | undefined>;
  get(partnerOrderId: string): Promise<PartnerOrderSnapshot>;
  cancel(partnerOrderId: string, reason: string): Promise<void>;
  /**
   * Sends an amendment the way `method` says; resolves when the carrier took it (with its modification order's id),
   * throws PartnerRejectedError when it refused it (a modification order it rejected included). A modification
   * order already at the carrier (a retried request) is found by its externalId, not sent again.
   */
  amend(
    partnerOrderId: string,
    amendment: OrderAmendmentForPartner,
    method: AmendmentMethod,
  ): Promise<{ carrierReference?: string | undefined }>;
  /** Adds our note to the carrier's order (an answer to its question, or any word from the desk). */
  addNote(partnerOrderId: string, text: string): Promise<void>;
  registerHub(callbackUrl: string): Promise<{ hubId: string }>;
  unregisterHub(hubId: string): Promise<void>;
  /** Charges the seller raises that the buyer must accept or reject (MEF LSO Sonata only; absent otherwise). */
  charges?: {
    list(partnerOrderId: string): Promise<CarrierCharge[]>;
    /** Answers every item of a charge as listed (accepted or rejected alike). */
    respond(charge: CarrierCharge, accept: boolean): Promise<CarrierCharge>;
  };
}

/** A seller's charge on an order, in our terms (money in integer minor units). */
export type CarrierCharge = {
  id: string;
  /** awaitingResponse (the order waits on the buyer), completed, timeout or withdrawnBySeller. */
  state: string;
  responseDueDate: string | undefined;
  items: {
    id: string;
    category: string;
    priceType: string;
    blocking: boolean;
    amountMinor: number | null;
    currency: string | null;
    /** awaitingResponse, acceptedByBuyer, declinedByBuyer or withdrawnBySeller. */
    state: string;
  }[];
};
