import type { Partner } from '../../openapi/partners.js';
import { partnerAuth } from './credentials.js';
import type { OutboundGuard } from './outbound.js';
import type { TmfVersion } from './tmf-common.js';
import { defaultCarrierTimeoutMs } from './http.js';
import { createSonataOrderingClient } from './sonata/ordering-client.js';
import { createSonataTicketingClient } from './sonata/ticketing-client.js';
import { createTmf621Client } from './tmf621/client.js';
import type { TicketingAdapter } from './tmf621/types.js';
import { createTmf622Client } from './tmf622/client.js';
import type { OrderingAdapter, PartnerMapping } from './tmf622/types.js';

export { PartnerRejectedError, PartnerUnavailableError } from './errors.js';

/**
 * How Tailgate reaches carriers: their credentials by secret name (Env.partnerSecrets), where it may call
 * (outbound.ts) and a per-request timeout.
 */
export type CarrierConnection = {
  secrets: ReadonlyMap<string, string>;
  outbound: OutboundGuard;
  timeoutMs?: number | undefined;
};

/** The partner's TMF622 terminology, for orders sent to its API and orders it pulls from ours. */
export function mappingOf(partner: Pick<Partner, 'adapter'>): PartnerMapping {
  const {
    productCodeMap,
    bandwidthCharacteristic,
    buyerRole,
    contactRole,
    buyerAccountId,
    stateMap,
    customFields,
    productSpecifications,
    addressFormat,
  } = partner.adapter;
  return {
    productCodeMap,
    productSpecifications,
    addressFormat,
    bandwidthCharacteristic,
    buyerRole,
    contactRole,
    buyerAccountId,
    customFields,
    stateMap: stateMap?.order,
  };
}

/** The TMF622 version a partner's ordering API speaks (v4 for a partner that pulls its orders from ours). */
export const orderingVersionOf = (partner: Pick<Partner, 'adapter'>): TmfVersion =>
  partner.adapter.orderingApi === 'tmf622-v5' ? 'v5' : 'v4';

/** The TMF621 version a partner's trouble ticket API speaks (v4 for a partner that pulls its tickets). */
export const ticketingVersionOf = (partner: Pick<Partner, 'adapter'>): TmfVersion =>
  partner.adapter.troubleTicketApi === 'tmf621-v5' ? 'v5' : 'v4';

/** Where a partner's trouble ticket notifications go: our TMF621 listener of its version, or our Sonata one. */
export const ticketListenerOf = (partner: Pick<Partner, 'adapter'>): TmfVersion | 'sonata' =>
  partner.adapter.troubleTicketApi === 'sonata-v4' ? 'sonata' : ticketingVersionOf(partner);

/** Whether the partner takes trouble tickets through an API of its own (else it pulls them from ours). */
export const hasTicketApi = <P extends Pick<Partner, 'adapter'>>(
  partner: P,
): partner is P & { adapter: { baseUrl: string } } =>
  partner.adapter.troubleTicketApi !== 'none' && !!partner.adapter.baseUrl;

/**
 * The client for a partner's TMF622 API, with its credentials resolved now: a secret that is not configured throws
 * PartnerUnavailableError (retried, then the desk's unreachable-carrier task), naming the variable to set.
 */
export function orderingAdapterFor(partner: Partner, connection: CarrierConnection): OrderingAdapter {
  if (partner.adapter.orderingApi === 'none' || !partner.adapter.baseUrl) {
    throw new Error(`partner ${partner.id} has no ordering API`);
  }
  if (partner.adapter.orderingApi === 'sonata-v10') {
    return createSonataOrderingClient({
      baseUrl: partner.adapter.baseUrl,
      partner,
      fetch: connection.outbound.fetch,
      timeoutMs: connection.timeoutMs ?? defaultCarrierTimeoutMs,
      auth: partnerAuth(partner, connection.secrets),
    });
  }
  return createTmf622Client({
    version: orderingVersionOf(partner),
    baseUrl: partner.adapter.baseUrl,
    mapping: mappingOf(partner),
    fetch: connection.outbound.fetch,
    timeoutMs: connection.timeoutMs,
    auth: partnerAuth(partner, connection.secrets),
  });
}

/** The client for a partner's TMF621 API, with its credentials resolved now (as orderingAdapterFor). */
export function ticketingAdapterFor(partner: Partner, connection: CarrierConnection): TicketingAdapter {
  if (!hasTicketApi(partner)) throw new Error(`partner ${partner.id} has no trouble ticket API`);
  if (partner.adapter.troubleTicketApi === 'sonata-v4') {
    return createSonataTicketingClient({
      baseUrl: partner.adapter.baseUrl,
      partner,
      fetch: connection.outbound.fetch,
      timeoutMs: connection.timeoutMs ?? defaultCarrierTimeoutMs,
      auth: partnerAuth(partner, connection.secrets),
    });
  }
  return createTmf621Client({
    version: ticketingVersionOf(partner),
    baseUrl: partner.adapter.baseUrl,
    fetch: connection.outbound.fetch,
    timeoutMs: connection.timeoutMs,
    auth: partnerAuth(partner, connection.secrets),
    buyerAccountId: partner.adapter.buyerAccountId,
    valueMaps: partner.adapter.valueMaps,
    statusMap: partner.adapter.stateMap?.ticket,
  });
}
