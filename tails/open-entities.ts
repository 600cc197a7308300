import { setImmediate } from 'node:timers/promises';
import type { Db } from '../db/client.js';
import { openOrderIds } from '../db/repositories/orders.js';
import { openTicketIds } from '../db/repositories/tickets.js';
import { finalOrderStates } from '../sla-rules/order-states.js';
import { finalTicketStatuses } from '../sla-rules/ticket-states.js';

/**
 * Open orders or tickets visited per turn of the event loop: on SQLite every store call runs on the event loop's
 * thread, so a page of work on each (its context and clocks) holds requests back until the page is done.
 */
const PAGE = 100;

async function forEachOpen(
  page: (afterId: string) => Promise<string[]>,
  visit: (id: string) => Promise<void>,
): Promise<void> {
  for (let after = ''; ; await setImmediate()) {
    const ids = await page(after);
    for (const id of ids) await visit(id);
    if (ids.length < PAGE) return;
    after = ids.at(-1)!;
  }
}

/** Visits every order not in a final state, in id order, a page at a time with the event loop running between. */
export const forEachOpenOrder = (db: Db, visit: (orderId: string) => Promise<void>) =>
  forEachOpen((after) => openOrderIds(db, [...finalOrderStates], after, PAGE), visit);

/** Visits every ticket not in a final status, as forEachOpenOrder visits orders. */
export const forEachOpenTicket = (db: Db, visit: (ticketId: string) => Promise<void>) =>
  forEachOpen((after) => openTicketIds(db, [...finalTicketStatuses], after, PAGE), visit);
