import { queryAll, queryFirst, queryRun } from '../execute.js';
import { and, asc, desc, eq, gt, isNotNull } from 'drizzle-orm';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { ticketEvents } from '../schema.js';
import type { TicketEventRow } from './tickets.js';

/** What receiving a carrier's update reads and marks of a ticket's events (tails/tickets/receive-update.ts decides). */

/** Whether the carrier already sent an event about this ticket under this id (a retry or a duplicate). */
export function hasTicketEventWithExternalId(db: Db, ticketId: string, externalEventId: string): Promise<boolean> {
  return withConnection(db, async () => {
    const seen = await queryFirst(
      db
        .select({ seq: ticketEvents.seq })
        .from(ticketEvents)
        .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.externalEventId, externalEventId))),
    );
    return seen !== undefined;
  });
}

/** When the newest status change a carrier notified (by event id) that was applied says it happened, if any. */
export function lastNotifiedStatusAt(db: Db, ticketId: string): Promise<string | null> {
  return withConnection(db, async () => {
    const last = await queryFirst(
      db
        .select({ occurredAt: ticketEvents.occurredAt })
        .from(ticketEvents)
        .where(
          and(
            eq(ticketEvents.ticketId, ticketId),
            eq(ticketEvents.outcome, 'applied'),
            isNotNull(ticketEvents.externalEventId),
            isNotNull(ticketEvents.toState),
          ),
        )
        .orderBy(desc(ticketEvents.occurredAt))
        .limit(1),
    );
    return last?.occurredAt ?? null;
  });
}

/** Refused events said to have happened after `since`, earliest first. */
export function refusedTicketEventsAfter(db: Db, ticketId: string, since: string): Promise<TicketEventRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(ticketEvents)
        .where(
          and(
            eq(ticketEvents.ticketId, ticketId),
            eq(ticketEvents.outcome, 'refused'),
            gt(ticketEvents.occurredAt, since),
          ),
        )
        .orderBy(asc(ticketEvents.occurredAt)),
    );
  });
}

/** A refused event that applies after all (an earlier event arrived late), with why. */
export function markTicketEventApplied(db: Db, seq: number, detail: string): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(db.update(ticketEvents).set({ outcome: 'applied', detail }).where(eq(ticketEvents.seq, seq)));
  });
}
