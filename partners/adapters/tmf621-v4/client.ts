import { carrierRequest, carrierUrl, readCarrierBody, type CarrierHttpSettings } from '../http.js';
import type { PartnerTicketSnapshot, TicketForPartner, TicketingAdapter } from '../ticket-types.js';
import { byCreationDate } from '../tmf621-shared.js';
import {
  hubV4Schema,
  toHubInputV4,
  toStatusUpdateV4,
  toTicketSnapshotFromV4,
  toTroubleTicketCreateV4,
  troubleTicketListV4Schema,
  troubleTicketV4Schema,
} from './mapper.js';

export type Tmf621V4Settings = CarrierHttpSettings & { baseUrl: string; buyerAccountId?: string | undefined };

/** The spec's basePath is /tmf-api/troubleTicket/v4, so baseUrl is the carrier's `<server>/tmf-api`. */
const apiPath = 'troubleTicket/v4';

/** A carrier's TMF621 v4 Trouble Ticket API; `baseUrl` is its API root (the part before /troubleTicket). */
export function createTmf621V4Adapter(settings: Tmf621V4Settings): TicketingAdapter {
  const url = (path: string, query?: Record<string, string>) =>
    carrierUrl(settings.baseUrl, `${apiPath}/${path}`, query);
  const ticketUrl = (id: string) => url(`troubleTicket/${encodeURIComponent(id)}`);

  async function findByExternalId(externalId: string): Promise<PartnerTicketSnapshot | undefined> {
    const target = url('troubleTicket', { externalId });
    const list = readCarrierBody(
      troubleTicketListV4Schema,
      await carrierRequest(settings, 'GET', target),
      `GET ${target}`,
    );
    // A carrier may ignore the attribute filter and list everything, so the match is checked here too.
    const matches = list.filter((tt) => tt.externalId === externalId).sort(byCreationDate);
    return matches[0] && toTicketSnapshotFromV4(matches[0]);
  }

  async function get(partnerTicketId: string): Promise<PartnerTicketSnapshot> {
    const target = ticketUrl(partnerTicketId);
    return toTicketSnapshotFromV4(
      readCarrierBody(troubleTicketV4Schema, await carrierRequest(settings, 'GET', target), `GET ${target}`),
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
        toTroubleTicketCreateV4(ticket, settings.buyerAccountId),
      );
      return toTicketSnapshotFromV4(readCarrierBody(troubleTicketV4Schema, body, `POST ${target}`));
    },

    async updateStatus(partnerTicketId, status, reason) {
      const target = ticketUrl(partnerTicketId);
      const body = await carrierRequest(settings, 'PATCH', target, toStatusUpdateV4(status, reason));
      // A carrier that accepts the change without echoing the ticket is read back.
      if (body === undefined) return get(partnerTicketId);
      return toTicketSnapshotFromV4(readCarrierBody(troubleTicketV4Schema, body, `PATCH ${target}`));
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
