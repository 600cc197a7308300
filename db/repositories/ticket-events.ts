import { and, asc, desc, eq, gt, isNotNull } from 'drizzle-orm';
import type { TicketDecision, TicketFacts, TicketUpdate } from '../../partners/tickets/apply-update.js';
import type { TicketStatus } from '../../sla-rules/ticket-states.js';
import { IMMEDIATE, type Db } from '../client.js';
import { newId } from '../ids.js';
import { ticketEvents, tickets } from '../schema.js';
import type { TicketRow } from './tickets.js';

export type RecordedTicketUpdate = {
  duplicate: boolean;
  outcome: TicketDecision['outcome'] | 'duplicate';
  ticket: TicketRow;
};
type Decide = (ticket: TicketFacts, update: TicketUpdate, receivedAt: string) => TicketDecision;

type Incoming = {
  ticketId: string;
  source: string;
  type: string;
  externalEventId: string | null;
  update: TicketUpdate;
  payload: unknown;
  receivedAt: string;
};

function facts(db: Db, ticket: TicketRow): TicketFacts {
  const last = db
    .select({ occurredAt: ticketEvents.occurredAt })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.ticketId, ticket.id),
        eq(ticketEvents.outcome, 'applied'),
        isNotNull(ticketEvents.externalEventId),
        isNotNull(ticketEvents.toState),
      ),
    )
    .orderBy(desc(ticketEvents.occurredAt))
    .limit(1)
    .get();
  return {
    status: ticket.status as TicketStatus,
    expectedResolutionAt: ticket.expectedResolutionAt,
    resolvedAt: ticket.resolvedAt,
    lastStatusAt: last?.occurredAt ?? null,
  };
}

/**
 * Stores an update about a ticket once (by the carrier's event id) and applies it if `decide` allows, in one
 * transaction. After a status is applied, refused updates newer than it are tried again, so a carrier whose
 * notifications arrive out of order still ends in the right status. Refused and stale updates are kept, not applied.
 */
export function recordTicketUpdate(db: Db, input: Incoming, decide: Decide): RecordedTicketUpdate {
  return db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    let ticket = tx.select().from(tickets).where(eq(tickets.id, input.ticketId)).get();
    if (!ticket) throw new Error(`ticket ${input.ticketId} vanished`);
    if (input.externalEventId) {
      const seen = tx
        .select({ seq: ticketEvents.seq })
        .from(ticketEvents)
        .where(
          and(eq(ticketEvents.partnerId, ticket.partnerId), eq(ticketEvents.externalEventId, input.externalEventId)),
        )
        .get();
      if (seen) return { duplicate: true, outcome: 'duplicate', ticket };
    }
    const decision = decide(facts(txDb, ticket), input.update, input.receivedAt);
    const fromState = ticket.status;
    if (decision.outcome === 'applied') {
      ticket = tx
        .update(tickets)
        .set({ ...decision.patch, updatedAt: input.receivedAt })
        .where(eq(tickets.id, ticket.id))
        .returning()
        .get();
    }
    tx.insert(ticketEvents)
      .values({
        id: newId('evt'),
        ticketId: ticket.id,
        partnerId: ticket.partnerId,
        source: input.source,
        externalEventId: input.externalEventId,
        type: input.type,
        fromState,
        toState: input.update.status ?? null,
        outcome: decision.outcome,
        detail: decision.detail ?? input.update.message ?? null,
        payload: input.payload,
        occurredAt: input.update.occurredAt,
        receivedAt: input.receivedAt,
      })
      .run();
    if (decision.patch.status) ticket = retryRefused(txDb, ticket, input.update.occurredAt, input.receivedAt, decide);
    return { duplicate: false, outcome: decision.outcome, ticket };
  }, IMMEDIATE);
}

function retryRefused(db: Db, ticket: TicketRow, since: string, receivedAt: string, decide: Decide): TicketRow {
  const refused = db
    .select()
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.ticketId, ticket.id),
        eq(ticketEvents.outcome, 'refused'),
        gt(ticketEvents.occurredAt, since),
      ),
    )
    .orderBy(asc(ticketEvents.occurredAt))
    .all();
  let current = ticket;
  for (const event of refused) {
    const decision = decide(
      facts(db, current),
      { status: event.toState as TicketStatus, occurredAt: event.occurredAt },
      receivedAt,
    );
    if (decision.outcome !== 'applied') continue;
    current = db
      .update(tickets)
      .set({ ...decision.patch, updatedAt: receivedAt })
      .where(eq(tickets.id, current.id))
      .returning()
      .get()!;
    db.update(ticketEvents)
      .set({ outcome: 'applied', detail: `applied once the earlier event arrived (${event.detail ?? ''})` })
      .where(eq(ticketEvents.seq, event.seq))
      .run();
  }
  return current;
}
