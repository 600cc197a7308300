import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { deleteOrder, insertOrderWithEvent, type OrderRow } from '../../db/repositories/orders.js';
import type { OrderCreate } from '../../openapi/orders.js';
import { buildOrder, type OrderProblem } from './create-order.js';

export type PlaceOrderOutcome =
  | { ok: true; order: OrderRow }
  | { ok: false; reason: 'invalid'; problems: OrderProblem[] }
  | { ok: false; reason: 'unavailable' };

type PlaceOrderDeps = { db: Db; log: Logger; now: () => Date; workflows: { start(orderId: string): Promise<void> } };

/**
 * Places a desk's order: checks it, writes the order with its first event, and starts its workflow. When the
 * workflow cannot be started the order is withdrawn again, so nothing is half-ordered. The API and the dashboard
 * both place orders through here.
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  input: OrderCreate,
  createdBy: string,
): Promise<PlaceOrderOutcome> {
  const { db, now, workflows, log } = deps;
  const built = buildOrder(db, input, createdBy, now());
  if (!built.ok) return { ok: false, reason: 'invalid', problems: built.problems };
  const order = insertOrderWithEvent(db, built.order, built.event);
  try {
    await workflows.start(order.id);
  } catch (err) {
    deleteOrder(db, order.id);
    log.error({ err, orderId: order.id }, 'could not start the order workflow; order withdrawn');
    return { ok: false, reason: 'unavailable' };
  }
  return { ok: true, order };
}
