import { defaultCarrierTimeoutMs } from './http.js';
import { createTmf622V4Adapter } from './tmf622-v4/client.js';
import { createTmf622V5Adapter } from './tmf622-v5/client.js';
import type { OrderingAdapter, PartnerMapping } from './types.js';

export { PartnerRejectedError, PartnerUnavailableError } from './errors.js';
export type { OrderingAdapter, PartnerMapping, PartnerOrderSnapshot, TailOrderForPartner } from './types.js';

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
