import { carrierRequest, carrierUrl, readCarrierBody, type CarrierHttpSettings } from '../http.js';
import type { PartnerTicketSnapshot, TicketForPartner, TicketingAdapter } from '../ticket-types.js';
import { byCreationDate } from '../tmf621-shared.js';
import {
  hasExternalIdV5,
  hubV5Schema,
  toHubFvoV5,
  toStatusUpdateV5,
  toTicketSnapshotFromV5,
  toTroubleTicketFvoV5,
  troubleTicketListV5Schema,
  troubleTicketV5Schema,
} from './mapper.js';

export type Tmf621V5Settings = CarrierHttpSettings & { baseUrl: string; buyerAccountId?: string | undefined };

/** The spec's basePath is /tmf-api/troubleTicket/v5, so baseUrl is the carrier's `<server>/tmf-api`. */
const apiPath = 'troubleTicket/v5';

/** A carrier's TMF621 v5 Trouble Ticket API; `baseUrl` is its API root (the part before /troubleTicket). */
export function createTmf621V5Adapter(settings: Tmf621V5Settings): TicketingAdapter {
  const url = (path: string, query?: Record<string, string>) =>
    carrierUrl(settings.baseUrl, `${apiPath}/${path}`, query);
  const ticketUrl = (id: string) => url(`troubleTicket/${encodeURIComponent(id)}`);

  async function findByExternalId(externalId: string): Promise<PartnerTicketSnapshot | undefined> {
    // v5 externalIdentifier is a list, so the TMF630 attribute filter addresses its `id`.
    const target = url('troubleTicket', { 'externalIdentifier.id': externalId });
    const list = readCarrierBody(
      troubleTicketListV5Schema,
      await carrierRequest(settings, 'GET', target),
      `GET ${target}`,
    );
    // A carrier may ignore the attribute filter and list everything, so the match is checked here too.
    const matches = list.filter((tt) => hasExternalIdV5(tt, externalId)).sort(byCreationDate);
    return matches[0] && { ...toTicketSnapshotFromV5(matches[0]), externalId };
  }

  async function get(partnerTicketId: string): Promise<PartnerTicketSnapshot> {
    const target = ticketUrl(partnerTicketId);
    return toTicketSnapshotFromV5(
      readCarrierBody(troubleTicketV5Schema, await carrierRequest(settings, 'GET', target), `GET ${target}`),
    );
  }

  return {
    findByExternalId,
    get,

    /** Idempotent: a ticket the carrier already holds under our externalId (say, from a POST that timed out) is returned, not raised twice. */
    async create(ticket: TicketForPartner) {
      const existing = await findByExternalId(ticket.externalId);
      if (existing) return existing;
      const target = url('troubleTicket');
      const body = await carrierRequest(
        settings,
        'POST',
        target,
        toTroubleTicketFvoV5(ticket, settings.buyerAccountId),
      );
      return toTicketSnapshotFromV5(readCarrierBody(troubleTicketV5Schema, body, `POST ${target}`));
    },

    async updateStatus(partnerTicketId, status, reason) {
      const target = ticketUrl(partnerTicketId);
      const body = await carrierRequest(settings, 'PATCH', target, toStatusUpdateV5(status, reason));
      // A carrier that accepts the change without echoing the ticket is read back.
      if (body === undefined) return get(partnerTicketId);
      return toTicketSnapshotFromV5(readCarrierBody(troubleTicketV5Schema, body, `PATCH ${target}`));
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
