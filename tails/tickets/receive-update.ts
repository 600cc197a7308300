import { closeRefusedEventTasks, openManualTask } from '../../db/repositories/manual-tasks.js';
import { refusedReason } from '../refused-reason.js';
import type { Db } from '../../db/client.js';
import { writeTransaction } from '../../db/access.js';
import {
  hasTicketEventWithExternalId,
  lastNotifiedStatusAt,
  markTicketEventApplied,
  refusedTicketEventsAfter,
} from '../../db/repositories/ticket-events.js';
import {
  appendTicketEvent,
  getTicket,
  getTicketByPartnerTicketId,
  ticketVersion,
  updateTicket,
  type NewTicketRow,
  type TicketRow,
} from '../../db/repositories/tickets.js';
import type { EventSource, TicketEventType } from '../../openapi/events.js';
import type { CarrierTicketUpdate } from '../../partners/adapters/tmf621/types.js';
import { sameInstant } from '../../sla-rules/instants.js';
import { canMoveTicket, canReachTicket, type TicketStatus } from '../../sla-rules/ticket-states.js';
import { believableDate, judgeClaim } from '../claims.js';
import { ownDowntimeMs } from '../liveness.js';
import type { TailWorkflows } from '../workflows.js';
import { ticketEvent } from './events.js';
import { lockRow } from '../../db/row-locks.js';

/**
 * Receiving what a carrier says about a ticket: one entry for its notifications at our listener, its PATCH on our
 * TMF621 server, and the answers of its API to our calls and polls (and, for a carrier that pulls its tickets, the
 * buyer's own close or cancel). Each is stored once, applied if the status rules allow, and (from the listener and
 * our server) passed on to the ticket's workflow.
 */

/** What the sender says, and when it says it happened (used for ordering, never to apply anything backwards). */
export type TicketUpdate = CarrierTicketUpdate & {
  occurredAt: string;
  /** `event` (default): a notified transition, valid from the current status; `snapshot`: the current status. */
  kind?: 'event' | 'snapshot' | undefined;
};

export type TicketFacts = {
  status: TicketStatus;
  /** When the ticket was raised: a carrier's date before it is not believed. */
  createdAt: string;
  expectedResolutionAt: string | null;
  /** occurredAt of the newest status change a carrier notified (by event id) that was applied. */
  lastStatusAt: string | null;
};

export type TicketDecision = {
  outcome: 'applied' | 'refused' | 'stale' | 'recorded';
  patch: { status?: TicketStatus; expectedResolutionAt?: string; resolvedAt?: string | null; failureReason?: string };
  detail?: string;
};

/**
 * What an update does to a ticket: a status change must be a valid TMF621 move (a snapshot may skip steps it did not
 * see) and newer than the last applied one; a changed expected resolution date is taken; a resolution instant is
 * never taken from the future, and a reopened fault is no longer resolved. An invalid move is recorded and refused.
 */
export function decideTicketUpdate(ticket: TicketFacts, update: TicketUpdate, receivedAt: string): TicketDecision {
  const patch: TicketDecision['patch'] = {};
  if (update.expectedResolutionDate && !sameInstant(update.expectedResolutionDate, ticket.expectedResolutionAt)) {
    patch.expectedResolutionAt = update.expectedResolutionDate;
  }
  if (update.status && update.status !== ticket.status) {
    if (ticket.lastStatusAt && update.occurredAt < ticket.lastStatusAt) {
      const detail = `${update.status} at ${update.occurredAt} is older than the status applied at ${ticket.lastStatusAt}`;
      return { outcome: 'stale', patch: {}, detail };
    }
    const allowed =
      update.kind === 'snapshot'
        ? canReachTicket(ticket.status, update.status)
        : canMoveTicket(ticket.status, update.status);
    if (!allowed)
      return { outcome: 'refused', patch: {}, detail: `invalid transition ${ticket.status} -> ${update.status}` };
    patch.status = update.status;
    if (update.status === 'resolved')
      patch.resolvedAt = believableDate(update.resolutionDate, receivedAt, ticket.createdAt);
    // A reopened fault is no longer resolved; closing keeps the resolution instant.
    if (ticket.status === 'resolved' && update.status === 'inProgress') patch.resolvedAt = null;
    if (update.status === 'rejected' && update.message) patch.failureReason = update.message;
  }
  return Object.keys(patch).length > 0 ? { outcome: 'applied', patch } : { outcome: 'recorded', patch: {} };
}

/** One update about one ticket, as it reached us. */
export type TicketReport = {
  ticketId: string;
  source: EventSource;
  type: TicketEventType;
  /** The carrier's event id: a second event with the same id is a duplicate, acknowledged and not applied. */
  externalEventId: string | null;
  update: TicketUpdate;
  payload: unknown;
  /** The carrier's own ticket reference (a PATCH's externalId): taken with an accepted update if we have none. */
  partnerTicketId?: string | undefined;
  /**
   * Of the delay between the claimed time and its receipt, how much Tailgate knows was its own: given for a poll (the
   * time between asking); otherwise Tailgate's downtime over that span (tails/liveness.ts).
   */
  ownDelayMs?: number | undefined;
};

export type RecordedTicketUpdate = {
  outcome: TicketDecision['outcome'] | 'duplicate';
  ticket: TicketRow;
  version: number;
};

type ReceiveDeps = { db: Db; now: () => Date };

/**
 * Stores the update once and applies it if the rules allow, in one transaction. Once a status is applied, updates
 * refused earlier that are newer than it are tried again: a carrier whose notifications arrive out of order still
 * ends in the right status.
 */
export async function recordTicketUpdate(deps: ReceiveDeps, report: TicketReport): Promise<RecordedTicketUpdate> {
  const { db } = deps;
  const receivedAt = deps.now().toISOString();
  return await writeTransaction(db, async () => {
    // Updates of one ticket (the carrier's listener, its PATCH, our own poll) take turns: each sees the one before.
    await lockRow(db, 'tickets', report.ticketId);
    let ticket = await getTicket(db, report.ticketId);
    if (!ticket) throw new Error(`ticket ${report.ticketId} vanished`);
    if (report.externalEventId && (await hasTicketEventWithExternalId(db, ticket.id, report.externalEventId))) {
      return { outcome: 'duplicate', ticket, version: await ticketVersion(db, ticket.id) };
    }
    const judged = judgeClaim(report.update.occurredAt, receivedAt, ticket.createdAt);
    const update = { ...report.update, occurredAt: judged.occurredAt };
    const decision = decideTicketUpdate(await factsOf(db, ticket), update, receivedAt);
    const accepted = decision.outcome === 'applied' || decision.outcome === 'recorded';
    const patch: Partial<NewTicketRow> = { ...decision.patch };
    if (accepted && report.partnerTicketId && !ticket.partnerTicketId) patch.partnerTicketId = report.partnerTicketId;
    const fromState = ticket.status;
    if (Object.keys(patch).length > 0)
      ticket = (await updateTicket(db, ticket.id, { ...patch, updatedAt: receivedAt }))!;
    await appendTicketEvent(
      db,
      ticketEvent(ticket, {
        source: report.source,
        type: report.type,
        externalEventId: report.externalEventId,
        fromState,
        toState: update.status ?? null,
        outcome: decision.outcome,
        detail: decision.detail ?? update.message ?? null,
        payload: report.payload,
        occurredAt: update.occurredAt,
        receivedAt,
        claimNote: judged.claimNote,
        ownDelayMs: report.ownDelayMs ?? (await ownDowntimeMs(db, update.occurredAt, receivedAt)),
      }),
    );
    if (decision.outcome === 'refused')
      await openManualTask(db, {
        orderId: ticket.orderId,
        ticketId: ticket.id,
        kind: 'event_refused',
        reason: refusedReason(report, decision.detail),
        now: new Date(receivedAt),
      });
    if (decision.patch.status) ticket = await applyRefusedSince(db, ticket, update.occurredAt, receivedAt);
    return { outcome: decision.outcome, ticket, version: await ticketVersion(db, ticket.id) };
  });
}

const factsOf = async (db: Db, ticket: TicketRow): Promise<TicketFacts> => ({
  status: ticket.status,
  createdAt: ticket.createdAt,
  expectedResolutionAt: ticket.expectedResolutionAt,
  lastStatusAt: await lastNotifiedStatusAt(db, ticket.id),
});

async function applyRefusedSince(db: Db, ticket: TicketRow, since: string, receivedAt: string): Promise<TicketRow> {
  let current = ticket;
  for (const event of await refusedTicketEventsAfter(db, ticket.id, since)) {
    if (!event.toState) continue;
    const retried: TicketUpdate = { kind: 'event', status: event.toState, occurredAt: event.occurredAt };
    const decision = decideTicketUpdate(await factsOf(db, current), retried, receivedAt);
    if (decision.outcome !== 'applied') continue;
    current = (await updateTicket(db, current.id, { ...decision.patch, updatedAt: receivedAt }))!;
    await markTicketEventApplied(db, event.seq, `applied once the earlier event arrived (${event.detail ?? ''})`);
    await closeRefusedEventTasks(
      db,
      { orderId: current.orderId, ticketId: current.id },
      'applied once the earlier update arrived',
      new Date(receivedAt),
    );
  }
  return current;
}

export type ReceiveTicketOutcome =
  | ({ ok: true } & RecordedTicketUpdate)
  | ({ ok: false; reason: 'workflowUnavailable'; error: unknown } & RecordedTicketUpdate);

/**
 * Records the update, then tells the ticket's workflow. A duplicate re-signals the current status (harmless), so a
 * carrier retrying after our 503 heals a lost signal.
 */
export async function receiveTicketUpdate(
  deps: ReceiveDeps & { workflows: Pick<TailWorkflows, 'ticketChanged'> },
  report: TicketReport,
): Promise<ReceiveTicketOutcome> {
  const recorded = await recordTicketUpdate(deps, report);
  try {
    await deps.workflows.ticketChanged(recorded.ticket.id, {
      status: recorded.ticket.status,
      version: recorded.version,
    });
  } catch (error) {
    return { ok: false, reason: 'workflowUnavailable', error, ...recorded };
  }
  return { ok: true, ...recorded };
}

/** The calling carrier's ticket a document names: by the carrier's id, else by our id echoed back (its own only). */
export async function ticketNamedByCarrier(
  db: Db,
  partnerId: string,
  names: { partnerTicketId: string; ourTicketId: string | undefined },
): Promise<TicketRow | undefined> {
  const byPartnerId = await getTicketByPartnerTicketId(db, partnerId, names.partnerTicketId);
  if (byPartnerId) return byPartnerId;
  const ours = names.ourTicketId ? await getTicket(db, names.ourTicketId) : undefined;
  return ours?.partnerId === partnerId ? ours : undefined;
}
