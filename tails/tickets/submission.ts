import type { Db } from '../../db/client.js';
import { writeTransaction } from '../../db/client.js';
import { closeTicketManualTasks, openManualTask } from '../../db/repositories/manual-tasks.js';
import { getOrder, type OrderRow } from '../../db/repositories/orders.js';
import { getPartner, getPartnerTicketHubId, setPartnerTicketHubId } from '../../db/repositories/partners.js';
import {
  appendTicketEvent,
  getTicket,
  ticketVersion,
  updateTicket,
  type TicketRow,
} from '../../db/repositories/tickets.js';
import type { TicketEventType } from '../../openapi/events.js';
import type { Partner } from '../../openapi/partners.js';
import { hasTicketApi, PartnerRejectedError, ticketingVersionOf } from '../../partners/adapters/index.js';
import type { TmfVersion } from '../../partners/adapters/tmf-common.js';
import type { PartnerTicketSnapshot, TicketingAdapter } from '../../partners/adapters/tmf621/types.js';
import type { TicketChange, TicketStatus } from '../../sla-rules/ticket-states.js';
import { MissingRecordError } from '../missing-record.js';
import { ownTicketEvent } from './events.js';
import { ticketFor } from './for-carrier.js';
import { recordTicketUpdate, type TicketReport } from './receive-update.js';

/**
 * What a ticket's workflow does with the carrier, step by step (each a Temporal activity in workers/): raise the
 * ticket once, poll it, pass on the buyer's close and cancel, and record what Tailgate itself decided on the way.
 */

export type TicketSubmissionDeps = {
  db: Db;
  now: () => Date;
  /** The client for a partner's TMF621 API (partners/adapters). */
  ticketing: (partner: Partner) => TicketingAdapter;
  /** Our TMF621 listener base for an API version, registered as the carrier's hub callback. */
  listenerUrl: (version: TmfVersion) => string;
};

export type TicketSubmissionPlan = { mode: 'api' | 'pull'; polls: boolean; pollIntervalMs: number } & TicketChange;

function load(db: Db, ticketId: string): { ticket: TicketRow; order: OrderRow; partner: Partner } {
  const ticket = getTicket(db, ticketId);
  if (!ticket) throw new MissingRecordError('TicketMissing', `ticket ${ticketId} not found`);
  const order = getOrder(db, ticket.orderId);
  if (!order) throw new MissingRecordError('OrderMissing', `order ${ticket.orderId} not found`);
  const partner = getPartner(db, ticket.partnerId);
  if (!partner) throw new MissingRecordError('PartnerMissing', `partner ${ticket.partnerId} not found`);
  return { ticket, order, partner };
}

const current = (db: Db, ticket: TicketRow): TicketChange => ({
  status: ticket.status,
  version: ticketVersion(db, ticket.id),
});

function recordOwn(
  deps: TicketSubmissionDeps,
  ticket: TicketRow,
  what: { type: TicketEventType; detail: string; source?: 'workflow' | 'adapter'; toState?: TicketStatus },
): void {
  appendTicketEvent(deps.db, ownTicketEvent(ticket, { source: 'workflow', ...what, at: deps.now() }));
}

const snapshotReport = (
  ticketId: string,
  snapshot: PartnerTicketSnapshot,
  source: 'adapter' | 'adapter-poll',
  type: TicketEventType,
  at: Date,
): TicketReport => ({
  ticketId,
  source,
  type,
  externalEventId: null,
  update: { ...snapshot, kind: 'snapshot', occurredAt: at.toISOString() },
  payload: snapshot,
});

/** How the ticket reaches its carrier: through the carrier's API, or pulled by a carrier without one. */
export function ticketSubmissionPlan(deps: TicketSubmissionDeps, ticketId: string): TicketSubmissionPlan {
  const { ticket, partner } = load(deps.db, ticketId);
  const mode = hasTicketApi(partner) ? 'api' : 'pull';
  if (mode === 'pull' && ticket.submission === 'submitting') {
    updateTicket(deps.db, ticketId, { submission: 'awaitingPartnerPull', updatedAt: deps.now().toISOString() });
  }
  return {
    mode,
    polls: mode === 'api' && partner.adapter.notifications === 'poll',
    pollIntervalMs: partner.adapter.pollIntervalSeconds * 1000,
    ...current(deps.db, ticket),
  };
}

export type TicketSubmitted = ({ outcome: 'submitted' } & TicketChange) | { outcome: 'rejected'; message: string };

/**
 * Raises the ticket with its carrier once: a ticket the carrier already holds under our id is found, not raised
 * again. A carrier that cannot be reached throws (the workflow retries); one that refuses it answers `rejected`.
 */
export async function submitTicket(deps: TicketSubmissionDeps, ticketId: string): Promise<TicketSubmitted> {
  const { ticket, order, partner } = load(deps.db, ticketId);
  if (ticket.partnerTicketId) return { outcome: 'submitted', ...current(deps.db, ticket) };
  const adapter = deps.ticketing(partner);
  let snapshot: PartnerTicketSnapshot;
  try {
    if (partner.adapter.notifications === 'hub') await ensureHub(deps, partner, adapter);
    snapshot = await adapter.create(ticketFor(ticket, order));
  } catch (err) {
    if (err instanceof PartnerRejectedError) return { outcome: 'rejected', message: err.message };
    throw err;
  }
  const at = deps.now();
  const recorded = writeTransaction(deps.db, () => {
    updateTicket(deps.db, ticketId, {
      partnerTicketId: snapshot.partnerTicketId,
      submission: 'submitted',
      updatedAt: at.toISOString(),
    });
    closeTicketManualTasks(deps.db, ticketId, at);
    return recordTicketUpdate(deps, snapshotReport(ticketId, snapshot, 'adapter', 'submitted', at));
  });
  return { outcome: 'submitted', status: recorded.ticket.status, version: recorded.version };
}

async function ensureHub(deps: TicketSubmissionDeps, partner: Partner, adapter: TicketingAdapter): Promise<void> {
  if (getPartnerTicketHubId(deps.db, partner.id)) return;
  const { hubId } = await adapter.registerHub(deps.listenerUrl(ticketingVersionOf(partner)));
  setPartnerTicketHubId(deps.db, partner.id, hubId);
}

/** The carrier refused the ticket outright (a 4xx): it ends rejected, with the carrier's words. */
export function markTicketSubmissionFailed(
  deps: TicketSubmissionDeps,
  ticketId: string,
  message: string,
): TicketChange {
  const { ticket } = load(deps.db, ticketId);
  const at = deps.now().toISOString();
  const failed = updateTicket(deps.db, ticketId, {
    status: 'rejected',
    submission: 'failed',
    failureReason: message,
    updatedAt: at,
  })!;
  recordOwn(deps, ticket, { type: 'submissionRejected', detail: message, source: 'adapter', toState: 'rejected' });
  return current(deps.db, failed);
}

/** The carrier stayed unreachable: the desk gets a task (once per ticket), and the ticket waits for it. */
export function openTicketManualTask(deps: TicketSubmissionDeps, ticketId: string, reason: string): void {
  const { ticket } = load(deps.db, ticketId);
  const kind = 'ticket_partner_unreachable';
  updateTicket(deps.db, ticketId, { submission: 'manual', updatedAt: deps.now().toISOString() });
  openManualTask(deps.db, { orderId: ticket.orderId, ticketId, kind, reason, now: deps.now() });
  recordOwn(deps, ticket, { type: 'manualTaskOpened', detail: `${kind}: ${reason}` });
}

/** The desk cancelled a ticket its carrier never took: cancelled here, nothing to tell the carrier. */
export function markTicketCancelledBeforeSubmission(
  deps: TicketSubmissionDeps,
  ticketId: string,
  reason: string,
): TicketChange {
  const { ticket } = load(deps.db, ticketId);
  const cancelled = updateTicket(deps.db, ticketId, { status: 'cancelled', updatedAt: deps.now().toISOString() })!;
  closeTicketManualTasks(deps.db, ticketId, deps.now());
  recordOwn(deps, ticket, { type: 'cancelledBeforeSubmission', detail: reason, toState: 'cancelled' });
  return current(deps.db, cancelled);
}

/**
 * The buyer closes a resolved ticket or cancels an open one: a PATCH at the carrier (its answer recorded), or for
 * a carrier that pulls its tickets, the change itself. A carrier's refusal is recorded; the ticket stays as it is.
 */
export async function sendTicketStatus(
  deps: TicketSubmissionDeps,
  ticketId: string,
  status: 'closed' | 'cancelled',
  reason: string,
): Promise<TicketChange> {
  const { ticket, partner } = load(deps.db, ticketId);
  const type = status === 'closed' ? 'closedByBuyer' : 'cancelledByBuyer';
  if (!hasTicketApi(partner)) {
    const update = { kind: 'event' as const, status, occurredAt: deps.now().toISOString(), message: reason };
    const recorded = recordTicketUpdate(deps, {
      ticketId,
      source: 'desk',
      type,
      externalEventId: null,
      update,
      payload: null,
    });
    return { status: recorded.ticket.status, version: recorded.version };
  }
  if (!ticket.partnerTicketId) return current(deps.db, ticket);
  try {
    const snapshot = await deps.ticketing(partner).updateStatus(ticket.partnerTicketId, status, reason);
    const recorded = recordTicketUpdate(deps, snapshotReport(ticketId, snapshot, 'adapter', type, deps.now()));
    return { status: recorded.ticket.status, version: recorded.version };
  } catch (err) {
    if (!(err instanceof PartnerRejectedError)) throw err;
    recordOwn(deps, ticket, { type: `${type}Refused`, detail: err.message, source: 'adapter' });
    return current(deps.db, getTicket(deps.db, ticketId)!);
  }
}

/** Asks a carrier that sends no events where its ticket is; a changed answer is recorded like any update. */
export async function pollCarrierTicket(deps: TicketSubmissionDeps, ticketId: string): Promise<TicketChange> {
  const { ticket, partner } = load(deps.db, ticketId);
  if (!ticket.partnerTicketId) return current(deps.db, ticket);
  const snapshot = await deps.ticketing(partner).get(ticket.partnerTicketId);
  const unchanged =
    snapshot.status === ticket.status && (snapshot.expectedResolutionDate ?? null) === ticket.expectedResolutionAt;
  if (unchanged) return current(deps.db, ticket);
  const recorded = recordTicketUpdate(deps, snapshotReport(ticketId, snapshot, 'adapter-poll', 'poll', deps.now()));
  return { status: recorded.ticket.status, version: recorded.version };
}
