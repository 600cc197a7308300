import { queryAll, queryFirst, queryRun, statement } from '../execute.js';
import { and, asc, desc, eq, gt, isNull, lt, lte, notInArray, or } from 'drizzle-orm';
import type { TicketStatus } from '../../sla-rules/ticket-states.js';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { ticketEvents, tickets } from '../schema.js';
import { insertWithFirstEvent } from './first-event.js';
import { workflowStartedMark } from './workflow-started.js';

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicketRow = typeof tickets.$inferInsert;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export type NewTicketEvent = Omit<typeof ticketEvents.$inferInsert, 'seq'>;

/**
 * Writes a ticket and its first event together: both or neither. When another run of the same request (its key's
 * claim taken over after a lease ran out) stored its ticket first, answers that ticket and writes nothing.
 */
export function insertTicketWithEvent(db: Db, ticket: NewTicketRow, event: NewTicketEvent): Promise<TicketRow> {
  return withConnection(db, async () => {
    const row = await insertWithFirstEvent(db, { table: tickets, row: ticket, events: ticketEvents, event });
    if (row) return row;
    const raised = ticket.requestKey ? await getTicketByRequestKey(db, ticket.requestKey) : undefined;
    if (!raised) throw new Error(`ticket ${ticket.id} conflicts with a stored ticket`);
    return raised;
  });
}

export function getTicket(db: Db, id: string): Promise<TicketRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(db.select().from(tickets).where(eq(tickets.id, id)));
  });
}

/** The ticket a desk request created, if any (see tickets.request_key). */
export function getTicketByRequestKey(db: Db, requestKey: string): Promise<TicketRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(db.select().from(tickets).where(eq(tickets.requestKey, requestKey)));
  });
}

/** Records that the ticket's workflow is running (or ran): the reconciler leaves it alone from now on. */
export const markTicketWorkflowStarted = workflowStartedMark('tickets');

/** Records that a create request for the ticket is about to go to its carrier (the first time only). */
export function markTicketCarrierContacted(
  db: Db,
  ticket: Pick<TicketRow, 'id' | 'carrierContactedAt'>,
  at: Date,
): Promise<void> {
  return withConnection(db, async () => {
    if (ticket.carrierContactedAt) return;
    await queryRun(
      db
        .update(tickets)
        .set({ carrierContactedAt: at.toISOString() })
        .where(and(eq(tickets.id, ticket.id), isNull(tickets.carrierContactedAt))),
    );
  });
}

/** Tickets stored before `createdBefore` whose workflow is not known to have started, oldest first. */
export function ticketsAwaitingWorkflow(db: Db, createdBefore: string, limit: number): Promise<TicketRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(tickets)
        .where(and(isNull(tickets.workflowStartedAt), lte(tickets.createdAt, createdBefore)))
        .orderBy(tickets.createdAt)
        .limit(limit),
    );
  });
}

export function getTicketByPartnerTicketId(
  db: Db,
  partnerId: string,
  partnerTicketId: string,
): Promise<TicketRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .select()
        .from(tickets)
        .where(and(eq(tickets.partnerId, partnerId), eq(tickets.partnerTicketId, partnerTicketId))),
    );
  });
}

export function ticketTimeline(db: Db, ticketId: string): Promise<TicketEventRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(ticketEvents.seq),
    );
  });
}

export type TicketFilter = {
  status?: TicketStatus | undefined;
  partnerId?: string | undefined;
  orderId?: string | undefined;
  /** Our ticket id, the desk's reference or the carrier's ticket id, exactly. */
  reference?: string | undefined;
  after?: { createdAt: string; id: string } | undefined;
  limit: number;
};

/** Newest first, keyset-paginated on (created_at, id). */
export function listTickets(db: Db, f: TicketFilter): Promise<TicketRow[]> {
  return withConnection(db, async () => {
    const where = and(
      f.status ? eq(tickets.status, f.status) : undefined,
      f.partnerId ? eq(tickets.partnerId, f.partnerId) : undefined,
      f.orderId ? eq(tickets.orderId, f.orderId) : undefined,
      f.reference
        ? or(
            eq(tickets.id, f.reference),
            eq(tickets.deskReference, f.reference),
            eq(tickets.partnerTicketId, f.reference),
          )
        : undefined,
      f.after
        ? or(
            lt(tickets.createdAt, f.after.createdAt),
            and(eq(tickets.createdAt, f.after.createdAt), lt(tickets.id, f.after.id)),
          )
        : undefined,
    );
    return await queryAll(
      db.select().from(tickets).where(where).orderBy(desc(tickets.createdAt), desc(tickets.id)).limit(f.limit),
    );
  });
}

export function updateTicket(db: Db, id: string, patch: Partial<NewTicketRow>): Promise<TicketRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(db.update(tickets).set(patch).where(eq(tickets.id, id)).returning());
  });
}

export function appendTicketEvent(db: Db, event: NewTicketEvent): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(db.insert(ticketEvents).values(event));
  });
}

/** A monotonic version of the ticket: the sequence number of its newest event. */
export function ticketVersion(db: Db, ticketId: string): Promise<number> {
  return withConnection(db, async () => {
    const row = (await statement(db, 'select max(seq) as v from ticket_events where ticket_id = ?').get(ticketId)) as {
      v: number | null;
    };
    return row.v ?? 0;
  });
}

/** Ids of tickets not in a final status, after `afterId` in id order, at most `limit` (a sweep's page). */
export function openTicketIds(
  db: Db,
  finalStatuses: readonly TicketStatus[],
  afterId: string,
  limit: number,
): Promise<string[]> {
  return withConnection(db, async () => {
    const rows = await queryAll(
      db
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(notInArray(tickets.status, [...finalStatuses]), gt(tickets.id, afterId)))
        .orderBy(asc(tickets.id))
        .limit(limit),
    );
    return rows.map((r) => r.id);
  });
}
