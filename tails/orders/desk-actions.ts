import type { Db } from '../../db/client.js';
import { appendOrderEvent, getOrder, markOrderWorkflowStarted, type OrderRow } from '../../db/repositories/orders.js';
import { isFinalOrderState } from '../../sla-rules/order-states.js';
import type { Viewer } from '../viewer.js';
import type { TailWorkflows } from '../workflows.js';
import { ownOrderEvent } from './events.js';
import { ensureOrderWorkflow, type StartDeps } from './start-workflow.js';

/** What the order desk may do to an order in flight. Each answers a result; none throws for a refusal. */

type DeskDeps = StartDeps & { workflows: Pick<TailWorkflows, 'start' | 'cancel' | 'retrySubmission'> };

export type DeskActionOutcome =
  | { ok: true; order: OrderRow }
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: 'conflict'; message: string }
  | { ok: false; reason: 'unavailable' };

/**
 * Tells the order's workflow. A cancellation starts one the reconciler has not yet started (an order stored just
 * before a crash), with the request as its first news. False when Temporal cannot be reached: nothing was asked, and
 * the desk may ask again.
 */
async function tellWorkflow(deps: DeskDeps, order: OrderRow, tell: () => Promise<void>): Promise<boolean> {
  try {
    await tell();
  } catch (err) {
    deps.log.warn({ err, orderId: order.id }, 'could not reach the order workflow');
    return false;
  }
  if (!order.workflowStartedAt) await markOrderWorkflowStarted(deps.db, order.id, deps.now());
  return true;
}

/** An order the viewer may see, or undefined (another partner's order is as good as missing). */
export async function visibleOrder(
  db: Db,
  viewer: Pick<Viewer, 'canSee'>,
  orderId: string,
): Promise<OrderRow | undefined> {
  const order = await getOrder(db, orderId);
  return order && viewer.canSee(order.partnerId) ? order : undefined;
}

/** Asks the carrier, through the order's workflow, to cancel (TMF622 cancelProductOrder); it answers in its events. */
export async function cancelOrder(
  deps: DeskDeps,
  viewer: Viewer,
  input: { orderId: string; reason: string },
): Promise<DeskActionOutcome> {
  const order = await visibleOrder(deps.db, viewer, input.orderId);
  if (!order) return { ok: false, reason: 'notFound' };
  if (isFinalOrderState(order.state))
    return { ok: false, reason: 'conflict', message: `The order is already ${order.state}` };
  if (!(await tellWorkflow(deps, order, () => deps.workflows.cancel(order.id, input.reason))))
    return { ok: false, reason: 'unavailable' };
  await appendOrderEvent(
    deps.db,
    ownOrderEvent(order, { source: 'desk', type: 'cancellationRequested', detail: input.reason, at: deps.now() }),
  );
  return { ok: true, order };
}

/** After a carrier stayed unreachable (a desk task is open), the workflow tries the submission again. */
export async function retryOrderSubmission(
  deps: DeskDeps,
  viewer: Viewer,
  input: { orderId: string },
): Promise<DeskActionOutcome> {
  const order = await visibleOrder(deps.db, viewer, input.orderId);
  if (!order) return { ok: false, reason: 'notFound' };
  if (order.submission !== 'manual') {
    // An order whose workflow is not started yet is started now: its submission then begins by itself.
    if (!(await ensureOrderWorkflow(deps, order))) return { ok: false, reason: 'unavailable' };
    return { ok: false, reason: 'conflict', message: `Submission is ${order.submission}, not waiting for the desk` };
  }
  if (!(await tellWorkflow(deps, order, () => deps.workflows.retrySubmission(order.id))))
    return { ok: false, reason: 'unavailable' };
  return { ok: true, order };
}
