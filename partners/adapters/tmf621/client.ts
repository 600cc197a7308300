import { carrierRequest, carrierUrl, defaultCarrierTimeoutMs, type CarrierHttpSettings } from '../http.js';
import { byCreation, hasExternalId, registerHub, unregisterHub, type TmfVersion } from '../tmf-common.js';
import { readTroubleTicket, readTroubleTickets, ticketSnapshotOf } from './read.js';
import type { PartnerTicketSnapshot, TicketingAdapter } from './types.js';
import type { TicketStatus } from '../../../sla-rules/ticket-states.js';
import {
  notePatchV4,
  notePatchV5,
  statusUpdateV4,
  statusUpdateV5,
  troubleTicketCreateV4,
  troubleTicketFvoV5,
  type TicketValueMaps,
} from './write.js';

export type Tmf621Settings = Pick<CarrierHttpSettings, 'fetch'> &
  Partial<CarrierHttpSettings> & {
    version: TmfVersion;
    baseUrl: string;
    /** The id the carrier knows us by (its account number for us); default `tailgate`. */
    buyerAccountId?: string | undefined;
    /** The carrier's words for our severities and priorities. */
    valueMaps?: TicketValueMaps | undefined;
    /** The carrier's own TroubleTicket status values and the TMF621 status each means (state-maps.ts). */
    statusMap?: Record<string, TicketStatus> | undefined;
  };

/** What differs between the versions' calls; the reading and the call sequence are the same. */
const versions = {
  // v5 externalIdentifier is a list, so the TMF630 attribute filter addresses its `id`.
  v4: {
    externalIdFilter: 'externalId',
    create: troubleTicketCreateV4,
    statusUpdate: statusUpdateV4,
    note: notePatchV4,
  },
  v5: {
    externalIdFilter: 'externalIdentifier.id',
    create: troubleTicketFvoV5,
    statusUpdate: statusUpdateV5,
    note: notePatchV5,
  },
} as const;

/** A carrier's TMF621 Trouble Ticket API (v4 or v5); `baseUrl` is its API root (before /troubleTicket). */
export function createTmf621Client(settings: Tmf621Settings): TicketingAdapter {
  const version = versions[settings.version];
  const http = {
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs ?? defaultCarrierTimeoutMs,
    auth: settings.auth,
  };
  const url = (path: string, query?: Record<string, string>) =>
    carrierUrl(settings.baseUrl, `troubleTicket/${settings.version}/${path}`, query);
  const ticketUrl = (id: string) => url(`troubleTicket/${encodeURIComponent(id)}`);

  async function findByExternalId(externalId: string): Promise<PartnerTicketSnapshot | undefined> {
    const target = url('troubleTicket', { [version.externalIdFilter]: externalId });
    const list = readTroubleTickets(await carrierRequest(http, 'GET', target), `GET ${target}`);
    // A carrier may ignore the attribute filter and list everything, so the match is checked here too.
    const first = list
      .filter((tt) => hasExternalId(tt.externalId ?? tt.externalIdentifier, externalId))
      .sort(byCreation)[0];
    return first && { ...ticketSnapshotOf(first, settings.statusMap), externalId };
  }

  async function get(partnerTicketId: string): Promise<PartnerTicketSnapshot> {
    const target = ticketUrl(partnerTicketId);
    return ticketSnapshotOf(
      readTroubleTicket(await carrierRequest(http, 'GET', target), `GET ${target}`),
      settings.statusMap,
    );
  }

  return {
    findByExternalId,
    get,

    /**
     * Idempotent: a ticket the carrier already holds under our externalId (a POST that timed out) is not raised twice.
     */
    async create(ticket, sending) {
      const existing = await findByExternalId(ticket.externalId);
      if (existing) return existing;
      await sending?.();
      const target = url('troubleTicket');
      const body = await carrierRequest(
        http,
        'POST',
        target,
        version.create(ticket, settings.buyerAccountId, settings.valueMaps),
      );
      return ticketSnapshotOf(readTroubleTicket(body, `POST ${target}`), settings.statusMap);
    },

    async updateStatus(partnerTicketId, status, reason, note) {
      const target = ticketUrl(partnerTicketId);
      const body = await carrierRequest(http, 'PATCH', target, version.statusUpdate(status, reason, note));
      // A carrier that accepts the change without echoing the ticket is read back.
      if (body === undefined) return get(partnerTicketId);
      return ticketSnapshotOf(readTroubleTicket(body, `PATCH ${target}`), settings.statusMap);
    },

    async addNote(partnerTicketId, text) {
      await carrierRequest(http, 'PATCH', ticketUrl(partnerTicketId), version.note(text));
    },

    registerHub: (callbackUrl) => registerHub(http, url('hub'), settings.version, callbackUrl),
    unregisterHub: (hubId) => unregisterHub(http, url('hub'), hubId),
  };
}
