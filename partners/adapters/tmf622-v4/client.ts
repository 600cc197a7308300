import { carrierRequest, carrierUrl, readCarrierBody, type CarrierHttpSettings } from '../http.js';
import type { OrderingAdapter, PartnerMapping, PartnerOrderSnapshot, TailOrderForPartner } from '../types.js';
import {
  hubV4Schema,
  productOrderListV4Schema,
  productOrderV4Schema,
  toCancelProductOrderCreateV4,
  toHubInputV4,
  toProductOrderCreateV4,
  toSnapshotFromV4,
} from './mapper.js';

export type Tmf622V4Settings = CarrierHttpSettings & { baseUrl: string; mapping: PartnerMapping };

const apiPath = 'productOrderingManagement/v4';

/** A carrier's TMF622 v4 Product Ordering API; `baseUrl` is its API root (the part before /productOrderingManagement). */
export function createTmf622V4Adapter(settings: Tmf622V4Settings): OrderingAdapter {
  const url = (path: string, query?: Record<string, string>) =>
    carrierUrl(settings.baseUrl, `${apiPath}/${path}`, query);

  async function findByExternalId(externalId: string): Promise<PartnerOrderSnapshot | undefined> {
    const target = url('productOrder', { externalId });
    const list = readCarrierBody(
      productOrderListV4Schema,
      await carrierRequest(settings, 'GET', target),
      `GET ${target}`,
    );
    // A carrier may ignore the attribute filter and list everything, so the match is checked here too.
    const matches = list.filter((po) => po.externalId === externalId);
    matches.sort((a, b) => (a.orderDate ?? '').localeCompare(b.orderDate ?? ''));
    return matches[0] && toSnapshotFromV4(matches[0]);
  }

  return {
    findByExternalId,

    /** Idempotent: an order the carrier already holds under our externalId (say, from a POST that timed out) is returned, not re-created. */
    async submit(order: TailOrderForPartner) {
      const existing = await findByExternalId(order.externalId);
      if (existing) return existing;
      const target = url('productOrder');
      const body = await carrierRequest(settings, 'POST', target, toProductOrderCreateV4(order, settings.mapping));
      return toSnapshotFromV4(readCarrierBody(productOrderV4Schema, body, `POST ${target}`));
    },

    async get(partnerOrderId: string) {
      const target = url(`productOrder/${encodeURIComponent(partnerOrderId)}`);
      return toSnapshotFromV4(
        readCarrierBody(productOrderV4Schema, await carrierRequest(settings, 'GET', target), `GET ${target}`),
      );
    },

    async cancel(partnerOrderId: string, reason: string) {
      const href = url(`productOrder/${encodeURIComponent(partnerOrderId)}`);
      await carrierRequest(
        settings,
        'POST',
        url('cancelProductOrder'),
        toCancelProductOrderCreateV4(partnerOrderId, reason, href),
      );
    },

    async registerHub(callbackUrl: string) {
      const target = url('hub');
      const hub = readCarrierBody(
        hubV4Schema,
        await carrierRequest(settings, 'POST', target, toHubInputV4(callbackUrl)),
        `POST ${target}`,
      );
      return { hubId: hub.id };
    },
  };
}
