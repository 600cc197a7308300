import type { Db } from '../../db/client.js';
import { writeTransaction } from '../../db/client.js';
import { closeManualTasks, openManualTask } from '../../db/repositories/manual-tasks.js';
import { appendOrderEvent, getOrder, orderVersion, updateOrder, type OrderRow } from '../../db/repositories/orders.js';
import { getPartner, getPartnerHubId, setPartnerHubId } from '../../db/repositories/partners.js';
import type { OrderEventType } from '../../openapi/events.js';
import type { Partner } from '../../openapi/partners.js';
import { orderingVersionOf, PartnerRejectedError } from '../../partners/adapters/index.js';
import type { TmfVersion } from '../../partners/adapters/tmf-common.js';
import type { OrderingAdapter, PartnerOrderSnapshot } from '../../partners/adapters/tmf622/types.js';
import type { OrderChange, OrderState } from '../../sla-rules/order-states.js';
import { MissingRecordError } from '../missing-record.js';
import { ownOrderEvent } from './events.js';
import { tailOrderFor } from './for-carrier.js';
import { recordOrderUpdate } from './receive-update.js';

/**
 * What an order's workflow does with the carrier, step by step (each a Temporal activity in workers/): send the
 * order once, poll it, ask for its cancellation, and record what Tailgate itself decided on the way.
 */

export type SubmissionDeps = {
  db: Db;
  now: () => Date;
  /** The client for a partner's TMF622 API (partners/adapters). */
  ordering: (partner: Partner) => OrderingAdapter;
  /** Our TMF622 listener base for an API version, registered as the carrier's hub callback. */
  listenerUrl: (version: TmfVersion) => string;
};

export type SubmissionPlan = { mode: 'api' | 'pull'; polls: boolean; pollIntervalMs: number } & OrderChange;

function load(db: Db, orderId: string): { order: OrderRow; partner: Partner } {
  const order = getOrder(db, orderId);
  if (!order) throw new MissingRecordError('OrderMissing', `order ${orderId} not found`);
  const partner = getPartner(db, order.partnerId);
  if (!partner) throw new MissingRecordError('PartnerMissing', `partner ${order.partnerId} not found`);
  return { order, partner };
}

const current = (db: Db, order: OrderRow): OrderChange => ({ state: order.state, version: orderVersion(db, order.id) });

/** Tailgate's own step, recorded as the workflow's (or the adapter's) event; a state it sets is applied. */
function recordOwn(
  deps: SubmissionDeps,
  order: OrderRow,
  what: { type: OrderEventType; detail: string; source?: 'workflow' | 'adapter'; toState?: OrderState },
): void {
  appendOrderEvent(deps.db, ownOrderEvent(order, { source: 'workflow', ...what, at: deps.now() }));
}

/** How the order reaches its carrier: through the carrier's API, or pulled by a carrier without one. */
export function submissionPlan(deps: SubmissionDeps, orderId: string): SubmissionPlan {
  const { order, partner } = load(deps.db, orderId);
  const mode = partner.adapter.orderingApi === 'none' ? 'pull' : 'api';
  if (mode === 'pull' && order.submission === 'submitting') {
    updateOrder(deps.db, orderId, { submission: 'awaitingPartnerPull', updatedAt: deps.now().toISOString() });
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
  let snapshot: PartnerOrderSnapshot;
  try {
    if (partner.adapter.notifications === 'hub') await ensureHub(deps, partner, adapter);
    snapshot = await adapter.submit(tailOrderFor(order));
  } catch (err) {
    if (err instanceof PartnerRejectedError) return { outcome: 'rejected', message: err.message };
    throw err;
  }
  const at = deps.now();
  const recorded = writeTransaction(deps.db, () => {
    updateOrder(deps.db, orderId, {
      partnerOrderId: snapshot.partnerOrderId,
      submission: 'submitted',
      updatedAt: at.toISOString(),
    });
    closeManualTasks(deps.db, orderId, at);
    return recordOrderUpdate(deps, snapshotReport(orderId, snapshot, 'adapter', 'submitted', at));
  });
  return { outcome: 'submitted', state: recorded.order.state, version: recorded.version };
}

async function ensureHub(deps: SubmissionDeps, partner: Partner, adapter: OrderingAdapter): Promise<void> {
  if (getPartnerHubId(deps.db, partner.id)) return;
  const { hubId } = await adapter.registerHub(deps.listenerUrl(orderingVersionOf(partner)));
  setPartnerHubId(deps.db, partner.id, hubId);
}

const snapshotReport = (
  orderId: string,
  snapshot: PartnerOrderSnapshot,
  source: 'adapter' | 'adapter-poll',
  type: 'submitted' | 'poll',
  at: Date,
) => ({
  orderId,
  source,
  type,
  externalEventId: null,
  update: { ...snapshot, kind: 'snapshot' as const, occurredAt: at.toISOString() },
  payload: snapshot,
});

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

/** The desk cancelled an order its carrier never took: cancelled here, nothing to tell the carrier. */
export function markCancelledBeforeSubmission(deps: SubmissionDeps, orderId: string, reason: string): OrderChange {
  const { order } = load(deps.db, orderId);
  const cancelled = updateOrder(deps.db, orderId, { state: 'cancelled', updatedAt: deps.now().toISOString() })!;
  closeManualTasks(deps.db, orderId, deps.now());
  recordOwn(deps, order, { type: 'cancelledBeforeSubmission', detail: reason, toState: 'cancelled' });
  return current(deps.db, cancelled);
}

/** Asks the carrier to cancel (TMF622 cancelProductOrder); it answers through its events. */
export async function requestCancellation(deps: SubmissionDeps, orderId: string, reason: string): Promise<void> {
  const { order, partner } = load(deps.db, orderId);
  if (!order.partnerOrderId) return;
  await deps.ordering(partner).cancel(order.partnerOrderId, reason);
  recordOwn(deps, order, { type: 'cancellationSent', detail: reason, source: 'adapter' });
}

/** Asks a carrier that sends no events where its order is; a changed answer is recorded like any update. */
export async function pollCarrierOrder(deps: SubmissionDeps, orderId: string): Promise<OrderChange> {
  const { order, partner } = load(deps.db, orderId);
  if (!order.partnerOrderId) return current(deps.db, order);
  const snapshot = await deps.ordering(partner).get(order.partnerOrderId);
  if (snapshot.state === order.state && (snapshot.committedDate ?? null) === order.committedDate) {
    return current(deps.db, order);
  }
  const recorded = recordOrderUpdate(deps, snapshotReport(orderId, snapshot, 'adapter-poll', 'poll', deps.now()));
  return { state: recorded.order.state, version: recorded.version };
}
