import { defaultCarrierTimeoutMs } from './http.js';
import type { TicketingAdapter } from './ticket-types.js';
import { createTmf621V4Adapter } from './tmf621-v4/client.js';
import { createTmf621V5Adapter } from './tmf621-v5/client.js';
import { createTmf622V4Adapter } from './tmf622-v4/client.js';
import { createTmf622V5Adapter } from './tmf622-v5/client.js';
import type { OrderingAdapter, PartnerMapping } from './types.js';

export { PartnerRejectedError, PartnerUnavailableError } from './errors.js';
export type { OrderingAdapter, PartnerMapping, PartnerOrderSnapshot, TailOrderForPartner } from './types.js';
export type { PartnerTicketSnapshot, TicketForPartner, TicketingAdapter } from './ticket-types.js';

export type OrderingAdapterSettings = {
  orderingApi: 'tmf622-v4' | 'tmf622-v5';
  /** The carrier's API root: v4 calls go to `${baseUrl}/productOrderingManagement/v4/...`, v5 to `.../v5/...`. */
  baseUrl: string;
  mapping: PartnerMapping;
  /** Per request, headers and body; default 10 s. */
  timeoutMs?: number;
  /** Authorization header value for the carrier, already resolved from the partner's credentials reference. */
  authHeader?: string;
};

/** The adapter for a carrier's ordering API; every call fails only with PartnerRejectedError or PartnerUnavailableError. */
export function createOrderingAdapter(settings: OrderingAdapterSettings): OrderingAdapter {
  const common = {
    baseUrl: settings.baseUrl,
    mapping: settings.mapping,
    timeoutMs: settings.timeoutMs ?? defaultCarrierTimeoutMs,
    authHeader: settings.authHeader,
  };
  switch (settings.orderingApi) {
    case 'tmf622-v4':
      return createTmf622V4Adapter(common);
    case 'tmf622-v5':
      return createTmf622V5Adapter(common);
  }
}

export type TicketingAdapterSettings = {
  troubleTicketApi: 'tmf621-v4' | 'tmf621-v5';
  /** The carrier's API root: v4 calls go to `${baseUrl}/troubleTicket/v4/troubleTicket`, v5 to `.../v5/...`. */
  baseUrl: string;
  /** Per request, headers and body; default 10 s. */
  timeoutMs?: number;
  /** Authorization header value for the carrier, already resolved from the partner's credentials reference. */
  authHeader?: string;
  /** The id the carrier knows us by (its account number for us); default `tailgate`. */
  buyerAccountId?: string | undefined;
};

/** The adapter for a carrier's trouble ticket API; every call fails only with PartnerRejectedError or PartnerUnavailableError. */
export function createTicketingAdapter(settings: TicketingAdapterSettings): TicketingAdapter {
  const common = {
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs ?? defaultCarrierTimeoutMs,
    authHeader: settings.authHeader,
    buyerAccountId: settings.buyerAccountId,
  };
  switch (settings.troubleTicketApi) {
    case 'tmf621-v4':
      return createTmf621V4Adapter(common);
    case 'tmf621-v5':
      return createTmf621V5Adapter(common);
  }
}
