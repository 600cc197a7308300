import { writeTransaction } from '../../db/client.js';
import { closeManualTasks, openManualTask } from '../../db/repositories/manual-tasks.js';
import { markOrderCarrierContacted, updateOrder } from '../../db/repositories/orders.js';
import { getPartnerHubId, setPartnerHubId } from '../../db/repositories/partners.js';
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
export function submissionPlan(deps: SubmissionDeps, orderId: string): SubmissionPlan {
  const { order, partner } = load(deps.db, orderId);
  const mode = partner.adapter.orderingApi === 'none' ? 'pull' : 'api';
  if (mode === 'pull' && order.submission === 'submitting') {
    writeTransaction(deps.db, () => {
      updateOrder(deps.db, orderId, { submission: 'awaitingPartnerPull', updatedAt: deps.now().toISOString() });
      // The carrier's clocks start here: it can take the order from now on.
      recordOwn(deps, order, { type: 'availableToCarrier', detail: 'for the carrier to pull from our TMF622 server' });
    });
  }
  return {
    mode,
    polls: mode === 'api' && partner.adapter.notifications === 'poll',
    pollIntervalMs: partner.adapter.pollIntervalSeconds * 1000,
    ...current(deps.db, order),
  };
}

export type Submitted = ({ outcome: 'submitted' } & OrderChange) | { outcome: 'rejected'; message: string };

/**
 * Sends the order to its carrier once: an order the carrier already holds under our id is found, not sent again.
 * A carrier that cannot be reached throws (the workflow retries); one that refuses the order answers `rejected`.
 */
export async function submitOrder(deps: SubmissionDeps, orderId: string): Promise<Submitted> {
  const { order, partner } = load(deps.db, orderId);
  if (order.partnerOrderId) return { outcome: 'submitted', ...current(deps.db, order) };
  const adapter = deps.ordering(partner);
  const askedAt = deps.now();
  let snapshot: PartnerOrderSnapshot;
  try {
    if (partner.adapter.notifications === 'hub') await ensureHub(deps, partner, adapter);
    snapshot = await adapter.submit(tailOrderFor(order), () => markOrderCarrierContacted(deps.db, order, askedAt));
  } catch (err) {
    if (err instanceof PartnerRejectedError) return { outcome: 'rejected', message: err.message };
    throw err;
  }
  return { outcome: 'submitted', ...recordSubmitted(deps, orderId, snapshot, askedAt) };
}

/** The carrier holds the order: its id and first state are recorded, and any desk task about reaching it closed. */
function recordSubmitted(
  deps: SubmissionDeps,
  orderId: string,
  snapshot: PartnerOrderSnapshot,
  askedAt: Date,
): OrderChange {
  const at = deps.now();
  const recorded = writeTransaction(deps.db, () => {
    updateOrder(deps.db, orderId, {
      partnerOrderId: snapshot.partnerOrderId,
      submission: 'submitted',
      updatedAt: at.toISOString(),
    });
    closeManualTasks(deps.db, orderId, at);
    return recordOrderUpdate(deps, snapshotReport(orderId, snapshot, 'adapter', 'submitted', askedAt));
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
  const { order, partner } = load(deps.db, orderId);
  if (order.partnerOrderId) return current(deps.db, order);
  if (!order.carrierContactedAt) return undefined;
  const askedAt = deps.now();
  const snapshot = await deps.ordering(partner).findByExternalId(tailOrderFor(order).externalId);
  return snapshot && recordSubmitted(deps, orderId, snapshot, askedAt);
}

async function ensureHub(deps: SubmissionDeps, partner: Partner, adapter: OrderingAdapter): Promise<void> {
  if (getPartnerHubId(deps.db, partner.id)) return;
  const { hubId } = await adapter.registerHub(deps.listenerUrl(orderingVersionOf(partner)));
  setPartnerHubId(deps.db, partner.id, hubId);
}

/** The carrier refused the order outright (a 4xx): it ends failed, with the carrier's words. */
export function markSubmissionFailed(deps: SubmissionDeps, orderId: string, message: string): OrderChange {
  const { order } = load(deps.db, orderId);
  const at = deps.now().toISOString();
  const failed = updateOrder(deps.db, orderId, {
    state: 'failed',
    submission: 'failed',
    failureReason: message,
    updatedAt: at,
  })!;
  recordOwn(deps, order, { type: 'submissionRejected', detail: message, source: 'adapter', toState: 'failed' });
  return current(deps.db, failed);
}

/** The carrier stayed unreachable: the desk gets a task (once per order), and the order waits for it. */
export function openOrderManualTask(
  deps: SubmissionDeps,
  orderId: string,
  kind: 'partner_unreachable',
  reason: string,
) {
  const { order } = load(deps.db, orderId);
  updateOrder(deps.db, orderId, { submission: 'manual', updatedAt: deps.now().toISOString() });
  openManualTask(deps.db, { orderId, kind, reason, now: deps.now() });
  recordOwn(deps, order, { type: 'manualTaskOpened', detail: `${kind}: ${reason}` });
}

/**
 * The desk cancelled an order its carrier never took: cancelled here, nothing to tell the carrier. `unconfirmed`: the
 * carrier could not be asked whether an attempt reached it, so the desk gets a task to check with the carrier.
 */
export function markCancelledBeforeSubmission(
  deps: SubmissionDeps,
  orderId: string,
  reason: string,
  unconfirmed = false,
): OrderChange {
  const { order } = load(deps.db, orderId);
  const at = deps.now();
  const cancelled = writeTransaction(deps.db, () => {
    const row = updateOrder(deps.db, orderId, { state: 'cancelled', updatedAt: at.toISOString() })!;
    closeManualTasks(deps.db, orderId, at);
    recordOwn(deps, order, { type: 'cancelledBeforeSubmission', detail: reason, toState: 'cancelled' });
    if (unconfirmed) {
      const check = `Cancelled while the carrier could not be asked whether it holds order ${order.id}: ask it, and cancel it there if it does`;
      openManualTask(deps.db, { orderId, kind: 'partner_unreachable', reason: check, now: at });
    }
    return row;
  });
  return current(deps.db, cancelled);
}
