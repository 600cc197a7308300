import { sameInstant } from '../../sla-rules/instants.js';
import type { OrderChange } from '../../sla-rules/order-states.js';
import { recordOrderUpdate } from './receive-update.js';
import { load, current, recordOwn, snapshotReport, type SubmissionDeps } from './workflow-steps.js';

/** What an order's workflow asks of the carrier once it has the order (each a Temporal activity in workers/). */

/** Asks the carrier to cancel (TMF622 cancelProductOrder); it answers through its events. */
export async function requestCancellation(deps: SubmissionDeps, orderId: string, reason: string): Promise<void> {
  const { order, partner } = await load(deps.db, orderId);
  if (!order.partnerOrderId) return;
  await deps.ordering(partner).cancel(order.partnerOrderId, reason);
  await recordOwn(deps, order, { type: 'cancellationSent', detail: reason, source: 'adapter' });
}

/** Asks a carrier that sends no events where its order is; a changed answer is recorded like any update. */
export async function pollCarrierOrder(deps: SubmissionDeps, orderId: string): Promise<OrderChange> {
  const { order, partner } = await load(deps.db, orderId);
  if (!order.partnerOrderId) return await current(deps.db, order);
  const askedAt = deps.now();
  const snapshot = await deps.ordering(partner).get(order.partnerOrderId);
  if (snapshot.state === order.state && sameInstant(snapshot.committedDate ?? null, order.committedDate)) {
    return await current(deps.db, order);
  }
  // The carrier may have changed it any time since we last asked: that wait is ours.
  const ownDelayMs = partner.adapter.pollIntervalSeconds * 1000;
  const report = { ...snapshotReport(orderId, snapshot, 'adapter-poll', 'poll', askedAt), ownDelayMs };
  const recorded = await recordOrderUpdate(deps, report);
  return { state: recorded.order.state, version: recorded.version };
}
