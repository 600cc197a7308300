import { writeTransaction } from '../../db/access.js';
import { lockRow } from '../../db/row-locks.js';
import { closeManualTasks, openManualTask } from '../../db/repositories/manual-tasks.js';
import { markOrderCarrierContacted, updateOrder } from '../../db/repositories/orders.js';
import { getOfferForOrder } from '../../db/repositories/offers.js';
import { claimPartnerHubId, getPartnerHubId } from '../../db/repositories/partners.js';
import type { Partner } from '../../openapi/partners.js';
import { orderingVersionOf, PartnerRejectedError } from '../../partners/adapters/index.js';
import type { OrderingAdapter, PartnerOrderSnapshot } from '../../partners/adapters/tmf622/types.js';
import type { OrderChange } from '../../sla-rules/order-states.js';
import { tailOrderFor } from './for-carrier.js';
import { recordOrderUpdate } from './receive-update.js';
import { load, current, recordOwn, snapshotReport, type SubmissionDeps } from './workflow-steps.js';

/**
 * How an order's workflow hands it to the carrier (each step a Temporal activity in workers/): once through the
 * carrier's API, or left for a carrier without one to pull; and what Tailgate itself decides on the way (a refusal,
 * a desk task, a cancellation before the carrier had it). After that: follow-up.ts.
 */

export type SubmissionPlan = { mode: 'api' | 'pull'; polls: boolean; pollIntervalMs: number } & OrderChange;

/** How the order reaches its carrier: through the carrier's API, or pulled by a carrier without one. */
export async function submissionPlan(deps: SubmissionDeps, orderId: string): Promise<SubmissionPlan> {
  const { order, partner } = await load(deps.db, orderId);
  const mode = partner.adapter.orderingApi === 'none' ? 'pull' : 'api';
  if (mode === 'pull' && order.submission === 'submitting') {
    await writeTransaction(deps.db, async () => {
      await updateOrder(deps.db, orderId, { submission: 'awaitingPartnerPull', updatedAt: deps.now().toISOString() });
      // The carrier's clocks start here: it can take the order from now on.
      await recordOwn(deps, order, {
        type: 'availableToCarrier',
        detail: 'for the carrier to pull from our TMF622 server',
      });
    });
  }
  return {
    mode,
    polls: mode === 'api' && partner.adapter.notifications === 'poll',
    pollIntervalMs: partner.adapter.pollIntervalSeconds * 1000,
    ...(await current(deps.db, order)),
  };
}

export type Submitted = ({ outcome: 'submitted' } & OrderChange) | { outcome: 'rejected'; message: string };

/**
 * Sends the order to its carrier once: an order the carrier already holds under our id is found, not sent again.
 * A carrier that cannot be reached throws (the workflow retries); one that refuses the order answers `rejected`.
 */
export async function submitOrder(deps: SubmissionDeps, orderId: string): Promise<Submitted> {
  const { order, partner } = await load(deps.db, orderId);
  if (order.partnerOrderId) return { outcome: 'submitted', ...(await current(deps.db, order)) };
  const adapter = deps.ordering(partner);
  const askedAt = deps.now();
  let snapshot: PartnerOrderSnapshot;
  try {
    if (partner.adapter.notifications === 'hub') await ensureHub(deps, partner, adapter);
    snapshot = await adapter.submit(
      tailOrderFor(order, await carrierQualificationOf(deps, order.offerId)),
      async () => await markOrderCarrierContacted(deps.db, order, askedAt),
    );
  } catch (err) {
    if (err instanceof PartnerRejectedError) return { outcome: 'rejected', message: err.message };
    throw err;
  }
  return { outcome: 'submitted', ...(await recordSubmitted(deps, orderId, snapshot, askedAt)) };
}

/** The carrier's qualification item behind the offer the order was placed from, when the carrier offered it live. */
async function carrierQualificationOf(deps: SubmissionDeps, offerId: string | null) {
  const live = offerId ? (await getOfferForOrder(deps.db, offerId))?.live : undefined;
  return live && { id: live.carrierQualificationId, itemId: live.carrierItemId };
}

/** The carrier holds the order: its id and first state are recorded, and any desk task about reaching it closed. */
async function recordSubmitted(
  deps: SubmissionDeps,
  orderId: string,
  snapshot: PartnerOrderSnapshot,
  askedAt: Date,
): Promise<OrderChange> {
  const at = deps.now();
  const recorded = await writeTransaction(deps.db, async () => {
    await updateOrder(deps.db, orderId, {
      partnerOrderId: snapshot.partnerOrderId,
      submission: 'submitted',
      updatedAt: at.toISOString(),
    });
    await closeManualTasks(deps.db, orderId, at);
    return await recordOrderUpdate(deps, snapshotReport(orderId, snapshot, 'adapter', 'submitted', askedAt));
  });
  return { state: recorded.order.state, version: recorded.version };
}

/**
 * After a cancellation cut the submission short: whether the carrier got the order after all (an attempt that reached
 * it but whose answer was lost), found by our externalId, or without asking if no create request was ever sent.
 * Held: recorded as submitted, so the workflow asks the carrier to cancel it; not held: undefined. A carrier that
 * cannot be reached throws.
 */
export async function findHeldOrder(deps: SubmissionDeps, orderId: string): Promise<OrderChange | undefined> {
  const { order, partner } = await load(deps.db, orderId);
  if (order.partnerOrderId) return await current(deps.db, order);
  if (!order.carrierContactedAt) return undefined;
  const askedAt = deps.now();
  const snapshot = await deps.ordering(partner).findByExternalId(tailOrderFor(order).externalId);
  return snapshot && (await recordSubmitted(deps, orderId, snapshot, askedAt));
}

async function ensureHub(deps: SubmissionDeps, partner: Partner, adapter: OrderingAdapter): Promise<void> {
  if (await getPartnerHubId(deps.db, partner.id)) return;
  const version = partner.adapter.orderingApi === 'sonata-v10' ? 'sonata' : orderingVersionOf(partner);
  const { hubId } = await adapter.registerHub(deps.listenerUrl(version));
  // Another first submission registered one meanwhile: ours goes, so the carrier notifies once.
  if (!(await claimPartnerHubId(deps.db, partner.id, 'order', hubId)))
    await adapter.unregisterHub(hubId).catch(() => undefined);
}

/** The carrier refused the order outright (a 4xx): it ends failed, with the carrier's words. */
export async function markSubmissionFailed(
  deps: SubmissionDeps,
  orderId: string,
  message: string,
): Promise<OrderChange> {
  const { order } = await load(deps.db, orderId);
  const at = deps.now().toISOString();
  const failed = (await updateOrder(deps.db, orderId, {
    state: 'failed',
    submission: 'failed',
    failureReason: message,
    updatedAt: at,
  }))!;
  await recordOwn(deps, order, { type: 'submissionRejected', detail: message, source: 'adapter', toState: 'failed' });
  return await current(deps.db, failed);
}

/**
 * The carrier stayed unreachable: the desk gets a task (once per order), and the order waits for it. The three writes
 * are one transaction: nobody sees the order waiting for the desk without its task and its timeline event.
 */
export async function openOrderManualTask(
  deps: SubmissionDeps,
  orderId: string,
  kind: 'partner_unreachable',
  reason: string,
) {
  await writeTransaction(deps.db, async () => {
    const { order } = await load(deps.db, orderId);
    await updateOrder(deps.db, orderId, { submission: 'manual', updatedAt: deps.now().toISOString() });
    await openManualTask(deps.db, { orderId, kind, reason, now: deps.now() });
    await recordOwn(deps, order, { type: 'manualTaskOpened', detail: `${kind}: ${reason}` });
  });
}

/**
 * The desk cancelled an order its carrier never took: cancelled here, nothing to tell the carrier. `unconfirmed`: the
 * carrier could not be asked whether an attempt reached it, so the desk gets a task to check with the carrier.
 */
export async function markCancelledBeforeSubmission(
  deps: SubmissionDeps,
  orderId: string,
  reason: string,
  unconfirmed = false,
): Promise<OrderChange> {
  const at = deps.now();
  const cancelled = await writeTransaction(deps.db, async () => {
    // Read under the order's lock, so the event's from-state is the state it is cancelled from.
    await lockRow(deps.db, 'orders', orderId);
    const { order } = await load(deps.db, orderId);
    const row = (await updateOrder(deps.db, orderId, { state: 'cancelled', updatedAt: at.toISOString() }))!;
    await closeManualTasks(deps.db, orderId, at);
    await recordOwn(deps, order, { type: 'cancelledBeforeSubmission', detail: reason, toState: 'cancelled' });
    if (unconfirmed) {
      const check = `Cancelled while the carrier could not be asked whether it holds order ${order.id}: ask it, and cancel it there if it does`;
      await openManualTask(deps.db, { orderId, kind: 'partner_unreachable', reason: check, now: at });
    }
    return row;
  });
  return await current(deps.db, cancelled);
}
