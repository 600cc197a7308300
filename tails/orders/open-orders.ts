import { setImmediate } from 'node:timers/promises';
import type { Db } from '../../db/client.js';
import { openOrderIds } from '../../db/repositories/orders.js';
import { finalOrderStates } from '../../sla-rules/order-states.js';

/**
 * Open orders visited per turn of the event loop: on SQLite every store call runs on the event loop's thread, so a
 * page of work on each order (its context and clocks) holds requests back until the page is done.
 */
const PAGE = 100;

/** Visits every order not in a final state, in id order, a page at a time with the event loop running between. */
export async function forEachOpenOrder(db: Db, visit: (orderId: string) => Promise<void>): Promise<void> {
  for (let after = ''; ; await setImmediate()) {
    const ids = await openOrderIds(db, [...finalOrderStates], after, PAGE);
    for (const id of ids) await visit(id);
    if (ids.length < PAGE) return;
    after = ids.at(-1)!;
  }
}
