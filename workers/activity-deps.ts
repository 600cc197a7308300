import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { Partner } from '../openapi/partners.js';
import { partnerAuthHeader } from '../partners/adapters/credentials.js';
import { createOrderingAdapter, createTicketingAdapter } from '../partners/adapters/index.js';
import type { ActivityDeps } from './activities.js';

type ProductionOptions = {
  db: Db;
  log: Logger;
  publicBaseUrl: string;
  carrierTimeoutMs?: number;
  /** Secret name -> value (Env.partnerSecrets): each partner's credentialsRef is resolved here, per call. */
  partnerSecrets?: ReadonlyMap<string, string>;
};

/** The activities' dependencies in production: real adapters over HTTP to each partner's API. */
export function productionActivityDeps(opts: ProductionOptions): ActivityDeps {
  // Throws PartnerUnavailableError for a secret that is not configured: the activity retries, then the desk gets a task.
  const secrets = opts.partnerSecrets ?? new Map<string, string>();
  const authHeader = (partner: Partner) => partnerAuthHeader(partner, secrets);
  return {
    db: opts.db,
    log: opts.log,
    now: () => new Date(),
    partnerSecrets: secrets,
    adapterFor: (partner: Partner) => {
      const api = partner.adapter.orderingApi;
      if (api === 'none' || !partner.adapter.baseUrl) throw new Error(`partner ${partner.id} has no ordering API`);
      const { productCodeMap, bandwidthCharacteristic, buyerRole, contactRole, buyerAccountId } = partner.adapter;
      return createOrderingAdapter({
        orderingApi: api,
        baseUrl: partner.adapter.baseUrl,
        mapping: { productCodeMap, bandwidthCharacteristic, buyerRole, contactRole, buyerAccountId },
        timeoutMs: opts.carrierTimeoutMs,
        authHeader: authHeader(partner),
      });
    },
    listenerUrl: (version) => `${opts.publicBaseUrl}/tmf-api/productOrderingManagement/${version}`,
    ticketing: {
      adapterFor: (partner: Partner) => {
        const api = partner.adapter.troubleTicketApi;
        if (api === 'none' || !partner.adapter.baseUrl)
          throw new Error(`partner ${partner.id} has no trouble ticket API`);
        return createTicketingAdapter({
          troubleTicketApi: api,
          baseUrl: partner.adapter.baseUrl,
          timeoutMs: opts.carrierTimeoutMs,
          authHeader: authHeader(partner),
          buyerAccountId: partner.adapter.buyerAccountId,
        });
      },
      listenerUrl: (version) => `${opts.publicBaseUrl}/tmf-api/troubleTicket/${version}`,
    },
  };
}
