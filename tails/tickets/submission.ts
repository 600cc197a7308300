import { writeTransaction } from '../../db/access.js';
import { lockRow } from '../../db/row-locks.js';
import { closeTicketManualTasks, openManualTask } from '../../db/repositories/manual-tasks.js';
import { claimPartnerHubId, getPartnerTicketHubId } from '../../db/repositories/partners.js';
import { markTicketCarrierContacted, updateTicket } from '../../db/repositories/tickets.js';
import type { Partner } from '../../openapi/partners.js';
import { hasTicketApi, PartnerRejectedError, ticketListenerOf } from '../../partners/adapters/index.js';
import type { PartnerTicketSnapshot, TicketingAdapter } from '../../partners/adapters/tmf621/types.js';
import type { TicketChange } from '../../sla-rules/ticket-states.js';
import { ticketFor } from './for-carrier.js';
import { recordTicketUpdate } from './receive-update.js';
import { load, current, recordOwn, snapshotReport, type TicketSubmissionDeps } from './workflow-steps.js';

/**
 * How a ticket's workflow hands it to the carrier (each step a Temporal activity in workers/): once through the
 * carrier's API, or left for a carrier without one to pull; and what Tailgate itself decides on the way (a refusal,
 * a desk task, a cancellation before the carrier had it). After that: follow-up.ts.
 */

export type TicketSubmissionPlan = { mode: 'api' | 'pull'; polls: boolean; pollIntervalMs: number } & TicketChange;

/** How the ticket reaches its carrier: through the carrier's API, or pulled by a carrier without one. */
export async function ticketSubmissionPlan(
  deps: TicketSubmissionDeps,
  ticketId: string,
): Promise<TicketSubmissionPlan> {
  const { ticket, partner } = await load(deps.db, ticketId);
  const mode = hasTicketApi(partner) ? 'api' : 'pull';
  if (mode === 'pull' && ticket.submission === 'submitting') {
    await writeTransaction(deps.db, async () => {
      await updateTicket(deps.db, ticketId, { submission: 'awaitingPartnerPull', updatedAt: deps.now().toISOString() });
      // The carrier's clocks start here: it can take the ticket from now on.
      await recordOwn(deps, ticket, {
        type: 'availableToCarrier',
        detail: 'for the carrier to pull from our TMF621 server',
      });
    });
  }
  return {
    mode,
    polls: mode === 'api' && partner.adapter.notifications === 'poll',
    pollIntervalMs: partner.adapter.pollIntervalSeconds * 1000,
    ...(await current(deps.db, ticket)),
  };
}

export type TicketSubmitted = ({ outcome: 'submitted' } & TicketChange) | { outcome: 'rejected'; message: string };

/**
 * Raises the ticket with its carrier once: a ticket the carrier already holds under our id is found, not raised
 * again. A carrier that cannot be reached throws (the workflow retries); one that refuses it answers `rejected`.
 */
export async function submitTicket(deps: TicketSubmissionDeps, ticketId: string): Promise<TicketSubmitted> {
  const { ticket, order, partner } = await load(deps.db, ticketId);
  if (ticket.partnerTicketId) return { outcome: 'submitted', ...(await current(deps.db, ticket)) };
  const adapter = deps.ticketing(partner);
  const askedAt = deps.now();
  let snapshot: PartnerTicketSnapshot;
  try {
    if (partner.adapter.notifications === 'hub') await ensureHub(deps, partner, adapter);
    snapshot = await adapter.create(
      ticketFor(ticket, order),
      async () => await markTicketCarrierContacted(deps.db, ticket, askedAt),
    );
  } catch (err) {
    if (err instanceof PartnerRejectedError) return { outcome: 'rejected', message: err.message };
    throw err;
  }
  return { outcome: 'submitted', ...(await recordSubmitted(deps, ticketId, snapshot, askedAt)) };
}

/** The carrier holds the ticket: its id and first status are recorded, and any desk task about reaching it closed. */
async function recordSubmitted(
  deps: TicketSubmissionDeps,
  ticketId: string,
  snapshot: PartnerTicketSnapshot,
  askedAt: Date,
): Promise<TicketChange> {
  const at = deps.now();
  const recorded = await writeTransaction(deps.db, async () => {
    await updateTicket(deps.db, ticketId, {
      partnerTicketId: snapshot.partnerTicketId,
      submission: 'submitted',
      updatedAt: at.toISOString(),
    });
    await closeTicketManualTasks(deps.db, ticketId, at);
    return await recordTicketUpdate(deps, snapshotReport(ticketId, snapshot, 'adapter', 'submitted', askedAt));
  });
  return { status: recorded.ticket.status, version: recorded.version };
}

/**
 * After a cancellation cut raising the ticket short: whether the carrier got it after all, found by our externalId
 * (without asking, if no create request was ever sent).
 * Held: recorded as submitted, so the workflow asks the carrier to cancel it; not held: undefined. A carrier that
 * cannot be reached throws.
 */
export async function findHeldTicket(deps: TicketSubmissionDeps, ticketId: string): Promise<TicketChange | undefined> {
  const { ticket, order, partner } = await load(deps.db, ticketId);
  if (ticket.partnerTicketId) return await current(deps.db, ticket);
  if (!ticket.carrierContactedAt) return undefined;
  const askedAt = deps.now();
  const snapshot = await deps.ticketing(partner).findByExternalId(ticketFor(ticket, order).externalId);
  return snapshot && (await recordSubmitted(deps, ticketId, snapshot, askedAt));
}

async function ensureHub(deps: TicketSubmissionDeps, partner: Partner, adapter: TicketingAdapter): Promise<void> {
  if (await getPartnerTicketHubId(deps.db, partner.id)) return;
  const { hubId } = await adapter.registerHub(deps.listenerUrl(ticketListenerOf(partner)));
  // Another first submission registered one meanwhile: ours goes, so the carrier notifies once.
  if (!(await claimPartnerHubId(deps.db, partner.id, 'ticket', hubId)))
    await adapter.unregisterHub(hubId).catch(() => undefined);
}

/** The carrier refused the ticket outright (a 4xx): it ends rejected, with the carrier's words. */
export async function markTicketSubmissionFailed(
  deps: TicketSubmissionDeps,
  ticketId: string,
  message: string,
): Promise<TicketChange> {
  const { ticket } = await load(deps.db, ticketId);
  const at = deps.now().toISOString();
  const failed = (await updateTicket(deps.db, ticketId, {
    status: 'rejected',
    submission: 'failed',
    failureReason: message,
    updatedAt: at,
  }))!;
  await recordOwn(deps, ticket, {
    type: 'submissionRejected',
    detail: message,
    source: 'adapter',
    toState: 'rejected',
  });
  return await current(deps.db, failed);
}

/**
 * The carrier stayed unreachable: the desk gets a task (once per ticket), and the ticket waits for it. The three
 * writes are one transaction: nobody sees the ticket waiting for the desk without its task and its timeline event.
 */
export async function openTicketManualTask(
  deps: TicketSubmissionDeps,
  ticketId: string,
  reason: string,
): Promise<void> {
  await writeTransaction(deps.db, async () => {
    const { ticket } = await load(deps.db, ticketId);
    const kind = 'ticket_partner_unreachable';
    await updateTicket(deps.db, ticketId, { submission: 'manual', updatedAt: deps.now().toISOString() });
    await openManualTask(deps.db, { orderId: ticket.orderId, ticketId, kind, reason, now: deps.now() });
    await recordOwn(deps, ticket, { type: 'manualTaskOpened', detail: `${kind}: ${reason}` });
  });
}

/**
 * The desk cancelled a ticket its carrier never took: cancelled here, nothing to tell the carrier. `unconfirmed`: the
 * carrier could not be asked whether an attempt reached it, so the desk gets a task to check with the carrier.
 */
export async function markTicketCancelledBeforeSubmission(
  deps: TicketSubmissionDeps,
  ticketId: string,
  reason: string,
  unconfirmed = false,
): Promise<TicketChange> {
  const at = deps.now();
  const cancelled = await writeTransaction(deps.db, async () => {
    // Read under the ticket's lock, so the event's from-status is the status it is cancelled from.
    await lockRow(deps.db, 'tickets', ticketId);
    const { ticket } = await load(deps.db, ticketId);
    const row = (await updateTicket(deps.db, ticketId, { status: 'cancelled', updatedAt: at.toISOString() }))!;
    await closeTicketManualTasks(deps.db, ticketId, at);
    await recordOwn(deps, ticket, { type: 'cancelledBeforeSubmission', detail: reason, toState: 'cancelled' });
    if (unconfirmed) {
      const check = `Cancelled while the carrier could not be asked whether it holds ticket ${ticket.id}: ask it, and cancel it there if it does`;
      const kind = 'ticket_partner_unreachable';
      await openManualTask(deps.db, { orderId: ticket.orderId, ticketId, kind, reason: check, now: at });
    }
    return row;
  });
  return await current(deps.db, cancelled);
}
