import { z } from 'zod';
import type { Partner } from '../../../openapi/partners.js';
import { sonataTicketListenerEvents } from '../../../openapi/sonata.js';
import { carrierRequest, carrierUrl, readCarrierBody, type CarrierHttpSettings } from '../http.js';
import { byCreation } from '../tmf-common.js';
import type { PartnerTicketSnapshot, TicketingAdapter } from '../tmf621/types.js';
import { sonataNotePatch } from './notes.js';
import { sonataParties } from './parties.js';
import { sonataTicketSnapshotOf, sonataTroubleTicketCreate, sonataTroubleTicketSchema } from './trouble-ticket.js';

/** Where a carrier's MEF LSO Sonata Trouble Ticket API (v4) lives, under its Sonata root (the partner's baseUrl). */
export const SONATA_TICKET_PATH = 'troubleTicket/v4';
/** Our listener for a Sonata carrier's ticket notifications (the hub callback; events go to `<it>/listener/<type>`). */
export const SONATA_TICKET_LISTENER_ROOT = '/mefApi/sonata/troubleTicketNotification/v4';

const hubSchema = z.looseObject({ id: z.string().min(1) });

/**
 * A carrier's MEF LSO Sonata Trouble Ticket API (MEF 113, v4) as a ticketing adapter: tickets are raised once (one the
 * carrier already holds under our externalId is found, not raised again), read, noted, and moved by the buyer through
 * MEF's task operations: close a resolved ticket, reopen it (with the reason), cancel it. An answer to a seller
 * waiting on us (`pending`) is a note: the seller moves the ticket on itself. A hub subscribes our listener.
 */
export function createSonataTicketingClient(
  settings: CarrierHttpSettings & { baseUrl: string; partner: Pick<Partner, 'adapter'>; now?: () => Date },
): TicketingAdapter {
  const { adapter } = settings.partner;
  const statusMap = adapter.stateMap?.ticket;
  const now = settings.now ?? (() => new Date());
  const parties = sonataParties(adapter);
  const url = (path: string, query?: Record<string, string>) =>
    carrierUrl(settings.baseUrl, `${SONATA_TICKET_PATH}/${path}`, { ...query, ...parties });
  const ticketUrl = (id: string, task?: string) =>
    url(`troubleTicket/${encodeURIComponent(id)}${task ? `/${task}` : ''}`);
  const read = (body: unknown, what: string) =>
    sonataTicketSnapshotOf(readCarrierBody(sonataTroubleTicketSchema, body, what), statusMap);

  async function get(partnerTicketId: string): Promise<PartnerTicketSnapshot> {
    const target = ticketUrl(partnerTicketId);
    return read(await carrierRequest(settings, 'GET', target), `GET ${target}`);
  }

  async function findByExternalId(externalId: string): Promise<PartnerTicketSnapshot | undefined> {
    const target = url('troubleTicket', { externalId });
    const list = readCarrierBody(
      z.array(
        z.looseObject({ id: z.string(), externalId: z.string().optional(), creationDate: z.string().optional() }),
      ),
      await carrierRequest(settings, 'GET', target),
      `GET ${target}`,
    );
    // A carrier may ignore the filter: the match is checked here, and the earliest kept.
    const first = list.filter((tt) => tt.externalId === externalId).sort(byCreation)[0];
    return first && { ...(await get(first.id)), externalId };
  }

  const addNote = async (partnerTicketId: string, text: string) => {
    // MEF's PATCH takes a TroubleTicket_Update as plain JSON, not TMF630's merge patch.
    const body = sonataNotePatch(text, now());
    await carrierRequest(settings, 'PATCH', ticketUrl(partnerTicketId), body, 'application/json');
  };

  return {
    findByExternalId,
    get,
    async create(ticket, sending) {
      const body = sonataTroubleTicketCreate(ticket, adapter);
      const existing = await findByExternalId(ticket.externalId);
      if (existing) return existing;
      await sending?.();
      const target = url('troubleTicket');
      return read(await carrierRequest(settings, 'POST', target, body), `POST ${target}`);
    },
    async updateStatus(partnerTicketId, status, reason, note) {
      if (note) await addNote(partnerTicketId, note);
      if (status === 'closed') await carrierRequest(settings, 'POST', ticketUrl(partnerTicketId, 'close'));
      else if (status === 'cancelled') await carrierRequest(settings, 'POST', ticketUrl(partnerTicketId, 'cancel'));
      else if ((await get(partnerTicketId)).status === 'resolved')
        await carrierRequest(settings, 'POST', ticketUrl(partnerTicketId, 'reopen'), { reason });
      else if (!note) await addNote(partnerTicketId, reason);
      // MEF's task operations answer 204: the ticket is read back.
      return await get(partnerTicketId);
    },
    addNote,
    // The hub asks for every change of the ticket.
    async registerHub(callbackUrl) {
      const target = url('hub');
      const body = { callback: callbackUrl, query: `eventType=${sonataTicketListenerEvents.join(',')}` };
      const hub = readCarrierBody(hubSchema, await carrierRequest(settings, 'POST', target, body), `POST ${target}`);
      return { hubId: hub.id };
    },
    async unregisterHub(hubId) {
      await carrierRequest(settings, 'DELETE', url(`hub/${encodeURIComponent(hubId)}`));
    },
  };
}
