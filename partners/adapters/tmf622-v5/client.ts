import { carrierRequest, carrierUrl, readCarrierBody, type CarrierHttpSettings } from '../http.js';
import type { OrderingAdapter, PartnerMapping, PartnerOrderSnapshot, TailOrderForPartner } from '../types.js';
import {
  hasExternalIdV5,
  hubV5Schema,
  productOrderListV5Schema,
  productOrderV5Schema,
  toCancelProductOrderFvoV5,
  toHubFvoV5,
  toProductOrderFvoV5,
  toSnapshotFromV5,
} from './mapper.js';

export type Tmf622V5Settings = CarrierHttpSettings & { baseUrl: string; mapping: PartnerMapping };

const apiPath = 'productOrderingManagement/v5';

/** A carrier's TMF622 v5 Product Ordering API; `baseUrl` is its API root (the part before /productOrderingManagement). */
export function createTmf622V5Adapter(settings: Tmf622V5Settings): OrderingAdapter {
  const url = (path: string, query?: Record<string, string>) =>
    carrierUrl(settings.baseUrl, `${apiPath}/${path}`, query);

  async function findByExternalId(externalId: string): Promise<PartnerOrderSnapshot | undefined> {
    // v5 externalId is a list of ExternalIdentifier, so the TMF630 attribute filter addresses its `id`.
    const target = url('productOrder', { 'externalId.id': externalId });
    const list = readCarrierBody(
      productOrderListV5Schema,
      await carrierRequest(settings, 'GET', target),
      `GET ${target}`,
    );
    // A carrier may ignore the attribute filter and list everything, so the match is checked here too.
    const matches = list.filter((po) => hasExternalIdV5(po, externalId));
    matches.sort((a, b) => (a.creationDate ?? '').localeCompare(b.creationDate ?? ''));
    return matches[0] && { ...toSnapshotFromV5(matches[0]), externalId };
  }

  return {
    findByExternalId,

    /** Idempotent: an order the carrier already holds under our externalId (say, from a POST that timed out) is returned, not re-created. */
    async submit(order: TailOrderForPartner) {
      const existing = await findByExternalId(order.externalId);
      if (existing) return existing;
      const target = url('productOrder');
      const body = await carrierRequest(settings, 'POST', target, toProductOrderFvoV5(order, settings.mapping));
      return toSnapshotFromV5(readCarrierBody(productOrderV5Schema, body, `POST ${target}`));
    },

    async get(partnerOrderId: string) {
      const target = url(`productOrder/${encodeURIComponent(partnerOrderId)}`);
      return toSnapshotFromV5(
        readCarrierBody(productOrderV5Schema, await carrierRequest(settings, 'GET', target), `GET ${target}`),
      );
    },

    async cancel(partnerOrderId: string, reason: string) {
      const href = url(`productOrder/${encodeURIComponent(partnerOrderId)}`);
      await carrierRequest(
        settings,
        'POST',
        url('cancelProductOrder'),
        toCancelProductOrderFvoV5(partnerOrderId, reason, href),
      );
    },

    async registerHub(callbackUrl: string) {
      const target = url('hub');
      const hub = readCarrierBody(
        hubV5Schema,
        await carrierRequest(settings, 'POST', target, toHubFvoV5(callbackUrl)),
        `POST ${target}`,
      );
      return { hubId: hub.id };
    },
  };
}
