import { carrierRequest, carrierUrl, defaultCarrierTimeoutMs, type CarrierHttpSettings } from '../http.js';
import { byCreation, hasExternalId, registerHub, unregisterHub, type TmfVersion } from '../tmf-common.js';
import { readProductOrder, readProductOrders, snapshotOf } from './read.js';
import type { OrderingAdapter, PartnerMapping, PartnerOrderSnapshot } from './types.js';
import { cancelProductOrderFvoV5, cancelProductOrderV4, productOrderCreateV4, productOrderFvoV5 } from './write.js';
import {
  amendmentPatchV4,
  amendmentPatchV5,
  modificationExternalId,
  modificationOrderV4,
  modificationOrderV5,
  notePatchV4,
  notePatchV5,
} from './amend.js';
import { PartnerRejectedError } from '../errors.js';

export type Tmf622Settings = Pick<CarrierHttpSettings, 'fetch'> &
  Partial<CarrierHttpSettings> & {
    version: TmfVersion;
    baseUrl: string;
    mapping: PartnerMapping;
  };

/** What differs between the versions' calls; the reading and the call sequence are the same. */
const versions = {
  // v5 externalId is a list of ExternalIdentifier, so the TMF630 attribute filter addresses its `id`.
  v4: {
    externalIdFilter: 'externalId',
    create: productOrderCreateV4,
    cancel: cancelProductOrderV4,
    amendPatch: amendmentPatchV4,
    modification: modificationOrderV4,
    note: notePatchV4,
  },
  v5: {
    externalIdFilter: 'externalId.id',
    create: productOrderFvoV5,
    cancel: cancelProductOrderFvoV5,
    amendPatch: amendmentPatchV5,
    modification: modificationOrderV5,
    note: notePatchV5,
  },
} as const;

/**
 * A carrier's TMF622 Product Ordering API (v4 or v5); `baseUrl` is its API root (before /productOrderingManagement).
 */
export function createTmf622Client(settings: Tmf622Settings): OrderingAdapter {
  const version = versions[settings.version];
  const http = {
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs ?? defaultCarrierTimeoutMs,
    auth: settings.auth,
  };
  const url = (path: string, query?: Record<string, string>) =>
    carrierUrl(settings.baseUrl, `productOrderingManagement/${settings.version}/${path}`, query);
  const orderUrl = (partnerOrderId: string) => url(`productOrder/${encodeURIComponent(partnerOrderId)}`);

  async function findByExternalId(externalId: string): Promise<PartnerOrderSnapshot | undefined> {
    const target = url('productOrder', { [version.externalIdFilter]: externalId });
    const list = readProductOrders(await carrierRequest(http, 'GET', target), `GET ${target}`);
    // A carrier may ignore the attribute filter and list everything, so the match is checked here too.
    const first = list.filter((po) => hasExternalId(po.externalId, externalId)).sort(byCreation)[0];
    return first && { ...snapshotOf(first, settings.mapping.stateMap), externalId };
  }

  return {
    findByExternalId,

    /**
     * Idempotent: an order the carrier already holds under our externalId (a POST that timed out) is not re-created.
     */
    async submit(order, sending) {
      const existing = await findByExternalId(order.externalId);
      if (existing) return existing;
      await sending?.();
      const target = url('productOrder');
      const body = await carrierRequest(http, 'POST', target, version.create(order, settings.mapping));
      return snapshotOf(readProductOrder(body, `POST ${target}`), settings.mapping.stateMap);
    },

    async get(partnerOrderId) {
      const target = orderUrl(partnerOrderId);
      return snapshotOf(
        readProductOrder(await carrierRequest(http, 'GET', target), `GET ${target}`),
        settings.mapping.stateMap,
      );
    },

    async cancel(partnerOrderId, reason) {
      const body = version.cancel(partnerOrderId, reason, orderUrl(partnerOrderId));
      await carrierRequest(http, 'POST', url('cancelProductOrder'), body);
    },

    async amend(partnerOrderId, amendment, method) {
      if (method === 'patch') {
        await carrierRequest(http, 'PATCH', orderUrl(partnerOrderId), version.amendPatch(amendment, settings.mapping));
        return {};
      }
      const externalId = modificationExternalId(amendment);
      const answer =
        (await findByExternalId(externalId)) ??
        snapshotOf(
          readProductOrder(
            await carrierRequest(
              http,
              'POST',
              url('productOrder'),
              version.modification(amendment, partnerOrderId, settings.mapping, orderUrl(partnerOrderId)),
            ),
            `POST ${url('productOrder')}`,
          ),
          settings.mapping.stateMap,
        );
      if (answer.state === 'rejected' || answer.state === 'failed')
        throw new PartnerRejectedError(
          422,
          answer.message ?? `modification order ${answer.partnerOrderId} ${answer.state}`,
        );
      return { carrierReference: answer.partnerOrderId };
    },

    async addNote(partnerOrderId, text) {
      await carrierRequest(http, 'PATCH', orderUrl(partnerOrderId), version.note(text));
    },

    registerHub: (callbackUrl) => registerHub(http, url('hub'), settings.version, callbackUrl),
    unregisterHub: (hubId) => unregisterHub(http, url('hub'), hubId),
  };
}
