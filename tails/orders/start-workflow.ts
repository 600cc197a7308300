import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { markOrderWorkflowStarted, type OrderRow } from '../../db/repositories/orders.js';
import type { TailWorkflows } from '../workflows.js';

export type StartDeps = { db: Db; log: Logger; now: () => Date; workflows: Pick<TailWorkflows, 'start'> };

/**
 * Starts the order's workflow unless it is known to run (starting is idempotent: one workflow id per order, never
 * a second run). When Temporal cannot be reached the order stays as it is, and the reconciler starts it later.
 */
export async function ensureOrderWorkflow(deps: StartDeps, order: Pick<OrderRow, 'id' | 'workflowStartedAt'>) {
  if (order.workflowStartedAt) return true;
  try {
    await deps.workflows.start(order.id);
  } catch (err) {
    deps.log.warn({ err, orderId: order.id }, 'could not start the order workflow; the reconciler will');
    return false;
  }
  await markOrderWorkflowStarted(deps.db, order.id, deps.now());
  return true;
}
