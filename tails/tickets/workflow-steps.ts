import type { Db } from '../../db/client.js';
import { getOrder, type OrderRow } from '../../db/repositories/orders.js';
import { getPartner } from '../../db/repositories/partners.js';
import { appendTicketEvent, getTicket, ticketVersion, type TicketRow } from '../../db/repositories/tickets.js';
import type { TicketEventType } from '../../openapi/events.js';
import type { Partner } from '../../openapi/partners.js';
import type { TmfVersion } from '../../partners/adapters/tmf-common.js';
import type { PartnerTicketSnapshot, TicketingAdapter } from '../../partners/adapters/tmf621/types.js';
import type { TicketChange, TicketStatus } from '../../sla-rules/ticket-states.js';
import { MissingRecordError } from '../missing-record.js';
import { ownTicketEvent } from './events.js';
import { type TicketReport } from './receive-update.js';

/** What the ticket workflow's steps (submission.ts, follow-up.ts) share: dependencies, reading, recording. */

export type TicketSubmissionDeps = {
  db: Db;
  now: () => Date;
  /** The client for a partner's TMF621 API (partners/adapters). */
  ticketing: (partner: Partner) => TicketingAdapter;
  /** Our TMF621 listener base for an API version, registered as the carrier's hub callback. */
  listenerUrl: (version: TmfVersion | 'sonata') => string;
};

export async function load(
  db: Db,
  ticketId: string,
): Promise<{ ticket: TicketRow; order: OrderRow; partner: Partner }> {
  const ticket = await getTicket(db, ticketId);
  if (!ticket) throw new MissingRecordError('TicketMissing', `ticket ${ticketId} not found`);
  const order = await getOrder(db, ticket.orderId);
  if (!order) throw new MissingRecordError('OrderMissing', `order ${ticket.orderId} not found`);
  const partner = await getPartner(db, ticket.partnerId);
  if (!partner) throw new MissingRecordError('PartnerMissing', `partner ${ticket.partnerId} not found`);
  return { ticket, order, partner };
}

export const current = async (db: Db, ticket: TicketRow): Promise<TicketChange> => ({
  status: ticket.status,
  version: await ticketVersion(db, ticket.id),
});

export async function recordOwn(
  deps: TicketSubmissionDeps,
  ticket: TicketRow,
  what: { type: TicketEventType; detail: string; source?: 'workflow' | 'adapter'; toState?: TicketStatus },
): Promise<void> {
  await appendTicketEvent(deps.db, ownTicketEvent(ticket, { source: 'workflow', ...what, at: deps.now() }));
}

/**
 * The carrier's answer as an update. It dates from when we asked (`askedAt`), not when the answer arrived: a slow
 * answer can be older than events the carrier sent meanwhile, and must not undo them.
 */
export const snapshotReport = (
  ticketId: string,
  snapshot: PartnerTicketSnapshot,
  source: 'adapter' | 'adapter-poll',
  type: TicketEventType,
  askedAt: Date,
): TicketReport => ({
  ticketId,
  source,
  type,
  externalEventId: null,
  update: { ...snapshot, kind: 'snapshot', occurredAt: askedAt.toISOString() },
  payload: snapshot,
});
