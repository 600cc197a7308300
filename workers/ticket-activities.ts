import { ApplicationFailure } from '@temporalio/activity';
import { newId } from '../db/ids.js';
import { closeTicketManualTasks, openManualTask } from '../db/repositories/manual-tasks.js';
import { getOrder } from '../db/repositories/orders.js';
import { getPartner, getPartnerTicketHubId, setPartnerTicketHubId } from '../db/repositories/partners.js';
import { recordTicketUpdate } from '../db/repositories/ticket-events.js';
import {
  appendTicketEvent,
  getTicket,
  ticketTimeline,
  ticketVersion,
  updateTicket,
  type TicketRow,
} from '../db/repositories/tickets.js';
import type { Partner } from '../openapi/partners.js';
import { PartnerRejectedError } from '../partners/adapters/errors.js';
import type { PartnerTicketSnapshot, TicketingAdapter } from '../partners/adapters/ticket-types.js';
import { ticketSlaContext, type SlaContext } from '../partners/sla/context.js';
import { decideTicketUpdate, type TicketUpdate } from '../partners/tickets/apply-update.js';
import { ticketSlaEvents } from '../partners/tickets/sla-events.js';
import { toPartnerTicket } from '../partners/tickets/tmf621-representation.js';
import type { TicketStatus } from '../sla-rules/ticket-states.js';
import type { SlaEvent } from '../sla-rules/types.js';
import type { ActivityDeps } from './activities.js';

/** Carriers' TMF621 APIs and our listener for their notifications. */
export type TicketingDeps = {
  adapterFor: (partner: Partner) => TicketingAdapter;
  /** Our TMF621 listener base for a given API version, registered as the carrier's hub callback. */
  listenerUrl: (version: 'v4' | 'v5') => string;
};

export type TicketStatusAndVersion = { status: TicketStatus; version: number };

const utc = (iso: string | undefined) => (iso ? new Date(iso).toISOString() : undefined);
const hasTicketApi = (partner: Partner) => partner.adapter.troubleTicketApi !== 'none' && !!partner.adapter.baseUrl;

export function createTicketActivities(deps: ActivityDeps) {
  const { db, now } = deps;
  const load = (ticketId: string) => {
    const ticket = getTicket(db, ticketId);
    if (!ticket) throw ApplicationFailure.nonRetryable(`ticket ${ticketId} not found`, 'TicketMissing');
    const order = getOrder(db, ticket.orderId);
    if (!order) throw ApplicationFailure.nonRetryable(`order ${ticket.orderId} not found`, 'OrderMissing');
    const partner = getPartner(db, ticket.partnerId);
    if (!partner) throw ApplicationFailure.nonRetryable(`partner ${ticket.partnerId} not found`, 'PartnerMissing');
    return { ticket, order, partner };
  };
  const adapterFor = (partner: Partner) => {
    if (!deps.ticketing)
      throw ApplicationFailure.nonRetryable('this worker has no TMF621 adapters', 'NoTicketingAdapters');
    return deps.ticketing.adapterFor(partner);
  };
  const current = (ticket: TicketRow): TicketStatusAndVersion => ({
    status: ticket.status as TicketStatus,
    version: ticketVersion(db, ticket.id),
  });
  const ownEvent = (
    ticket: TicketRow,
    type: string,
    detail: string,
    source = 'workflow',
    toState: TicketStatus | null = null,
  ) =>
    appendTicketEvent(db, {
      id: newId('evt'),
      ticketId: ticket.id,
      partnerId: ticket.partnerId,
      source,
      externalEventId: null,
      type,
      fromState: ticket.status,
      toState,
      outcome: toState ? 'applied' : 'recorded',
      detail,
      payload: null,
      occurredAt: now().toISOString(),
      receivedAt: now().toISOString(),
    });
  const record = (ticket: TicketRow, update: TicketUpdate, source: string, type: string, payload: unknown) =>
    recordTicketUpdate(
      db,
      { ticketId: ticket.id, source, type, externalEventId: null, update, payload, receivedAt: now().toISOString() },
      decideTicketUpdate,
    ).ticket;
  const fromSnapshot = (s: PartnerTicketSnapshot): TicketUpdate => ({
    kind: 'snapshot',
    status: s.status,
    expectedResolutionDate: utc(s.expectedResolutionDate),
    resolutionDate: utc(s.resolutionDate),
    message: s.message,
    occurredAt: now().toISOString(),
  });

  async function ensureHub(partner: Partner, adapter: TicketingAdapter): Promise<void> {
    if (getPartnerTicketHubId(db, partner.id)) return;
    const version = partner.adapter.troubleTicketApi === 'tmf621-v5' ? 'v5' : 'v4';
    const { hubId } = await adapter.registerHub(deps.ticketing!.listenerUrl(version));
    setPartnerTicketHubId(db, partner.id, hubId);
  }

  return {
    async ticketSubmissionPlan(
      ticketId: string,
    ): Promise<{ mode: 'api' | 'pull'; polls: boolean; pollIntervalMs: number } & TicketStatusAndVersion> {
      const { ticket, partner } = load(ticketId);
      const mode = hasTicketApi(partner) ? 'api' : 'pull';
      if (mode === 'pull' && ticket.submission === 'submitting')
        updateTicket(db, ticketId, { submission: 'awaitingPartnerPull', updatedAt: now().toISOString() });
      return {
        mode,
        polls: mode === 'api' && partner.adapter.notifications === 'poll',
        pollIntervalMs: partner.adapter.pollIntervalSeconds * 1000,
        ...current(ticket),
      };
    },

    /** Idempotent: the adapter looks the ticket up by our externalId before creating it, so a retry never raises it twice. */
    async submitTicket(ticketId: string): Promise<TicketStatusAndVersion> {
      const { ticket, order, partner } = load(ticketId);
      if (ticket.partnerTicketId) return current(ticket);
      const adapter = adapterFor(partner);
      try {
        if (partner.adapter.notifications === 'hub') await ensureHub(partner, adapter);
        const snapshot = await adapter.create(toPartnerTicket(ticket, order));
        updateTicket(db, ticketId, {
          partnerTicketId: snapshot.partnerTicketId,
          submission: 'submitted',
          updatedAt: now().toISOString(),
        });
        closeTicketManualTasks(db, ticketId, now());
        return current(
          record(
            { ...ticket, partnerTicketId: snapshot.partnerTicketId },
            fromSnapshot(snapshot),
            'adapter',
            'submitted',
            snapshot,
          ),
        );
      } catch (err) {
        if (err instanceof PartnerRejectedError) throw ApplicationFailure.nonRetryable(err.message, 'PartnerRejected');
        throw err;
      }
    },

    /** The carrier refused the ticket outright (4xx): it ends rejected, with the carrier's message. */
    async markTicketSubmissionFailed(ticketId: string, message: string): Promise<TicketStatusAndVersion> {
      const { ticket } = load(ticketId);
      const failed = updateTicket(db, ticketId, {
        status: 'rejected',
        submission: 'failed',
        failureReason: message,
        updatedAt: now().toISOString(),
      })!;
      ownEvent(ticket, 'submissionRejected', message, 'adapter', 'rejected');
      return current(failed);
    },

    async openTicketManualTask(ticketId: string, reason: string): Promise<void> {
      const { ticket } = load(ticketId);
      updateTicket(db, ticketId, { submission: 'manual', updatedAt: now().toISOString() });
      openManualTask(db, { orderId: ticket.orderId, ticketId, kind: 'ticket_partner_unreachable', reason, now: now() });
      ownEvent(ticket, 'manualTaskOpened', `ticket_partner_unreachable: ${reason}`);
    },

    async markTicketCancelledBeforeSubmission(ticketId: string, reason: string): Promise<TicketStatusAndVersion> {
      const { ticket } = load(ticketId);
      const cancelled = updateTicket(db, ticketId, { status: 'cancelled', updatedAt: now().toISOString() })!;
      closeTicketManualTasks(db, ticketId, now());
      ownEvent(ticket, 'cancelledBeforeSubmission', reason, 'workflow', 'cancelled');
      return current(cancelled);
    },

    /**
     * The buyer closes a resolved ticket or cancels an open one: a PATCH at the carrier (its answer recorded), or for
     * a carrier that pulls its tickets, the change itself. A carrier's refusal is recorded; the ticket stays as it is.
     */
    async sendTicketStatus(
      ticketId: string,
      status: 'closed' | 'cancelled',
      reason: string,
    ): Promise<TicketStatusAndVersion> {
      const { ticket, partner } = load(ticketId);
      const type = status === 'closed' ? 'closedByBuyer' : 'cancelledByBuyer';
      if (!hasTicketApi(partner))
        return current(
          record(ticket, { status, occurredAt: now().toISOString(), message: reason }, 'desk', type, null),
        );
      if (!ticket.partnerTicketId) return current(ticket);
      try {
        const snapshot = await adapterFor(partner).updateStatus(ticket.partnerTicketId, status, reason);
        return current(record(ticket, fromSnapshot(snapshot), 'adapter', type, snapshot));
      } catch (err) {
        if (!(err instanceof PartnerRejectedError)) throw err;
        ownEvent(ticket, `${type}Refused`, err.message, 'adapter');
        return current(getTicket(db, ticketId)!);
      }
    },

    async pollPartnerTicket(ticketId: string): Promise<TicketStatusAndVersion> {
      const { ticket, partner } = load(ticketId);
      if (!ticket.partnerTicketId) return current(ticket);
      const snapshot = await adapterFor(partner).get(ticket.partnerTicketId);
      const unchanged =
        snapshot.status === ticket.status &&
        (utc(snapshot.expectedResolutionDate) ?? null) === ticket.expectedResolutionAt;
      return current(unchanged ? ticket : record(ticket, fromSnapshot(snapshot), 'adapter-poll', 'poll', snapshot));
    },

    /** The ticket's SLA context under the policy version it was raised under; null when its partner had none. */
    async ticketSla(ticketId: string): Promise<SlaContext | null> {
      return ticketSlaContext(db, ticketId);
    },

    async ticketSlaEvents(ticketId: string): Promise<SlaEvent[]> {
      return ticketSlaEvents(ticketTimeline(db, ticketId));
    },
  };
}
export type TicketActivities = ReturnType<typeof createTicketActivities>;
