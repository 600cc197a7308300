import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { eventOutcomes, eventSources, ticketEventTypes } from '../openapi/events.js';
import { submissionStates, type SiteContact } from '../openapi/orders.js';
import { ticketSeverities, type TicketPriority } from '../openapi/tickets.js';
import { ticketStatuses } from '../sla-rules/ticket-states.js';
import { partners } from './schema-directory.js';
import { orders } from './schema-orders.js';

/**
 * Trouble tickets and their events.
 * Re-exported by schema.ts, which drizzle-kit reads. Timestamps are ISO-8601 UTC strings.
 */

/** A fault raised on a delivered tail, routed to the carrier over TMF621. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    deskReference: text('desk_reference').notNull(),
    severity: text('severity', { enum: ticketSeverities }).notNull(),
    priority: integer('priority').$type<TicketPriority>().notNull(),
    impact: text('impact').notNull(),
    description: text('description').notNull(),
    contact: text('contact', { mode: 'json' }).$type<SiteContact>().notNull(),
    status: text('status', { enum: ticketStatuses }).notNull(),
    submission: text('submission', { enum: submissionStates }).notNull(),
    partnerTicketId: text('partner_ticket_id'),
    expectedResolutionAt: text('expected_resolution_at'),
    resolvedAt: text('resolved_at'),
    policyId: text('policy_id'),
    /** The desk's request that raised it (API key id and Idempotency-Key): one ticket per request, whatever happens. */
    requestKey: text('request_key'),
    /** When its workflow was known to be started; null: the reconciler (tails/reconcile.ts) starts it. */
    workflowStartedAt: text('workflow_started_at'),
    /**
     * When a create request for it was first sent to the carrier (null: none ever was, so the carrier cannot hold it,
     * whatever became of the attempts).
     */
    carrierContactedAt: text('carrier_contacted_at'),
    failureReason: text('failure_reason'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('tickets_created_idx').on(t.createdAt, t.id),
    index('tickets_partner_idx').on(t.partnerId, t.createdAt),
    uniqueIndex('tickets_partner_ticket_uq').on(t.partnerId, t.partnerTicketId),
    index('tickets_desk_reference_idx').on(t.deskReference),
    index('tickets_partner_ticket_id_idx').on(t.partnerTicketId),
    uniqueIndex('tickets_request_key_uq').on(t.requestKey),
    index('tickets_awaiting_workflow_idx').on(t.workflowStartedAt, t.createdAt),
  ],
);

/** Everything that happened to a ticket, in receipt order; partner events are stored once per event id. */
export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    partnerId: text('partner_id').notNull(),
    source: text('source', { enum: eventSources }).notNull(),
    /** The carrier's event id (TMF eventId), for de-duplication; null for our own events. */
    externalEventId: text('external_event_id'),
    type: text('type', { enum: ticketEventTypes }).notNull(),
    fromState: text('from_state', { enum: ticketStatuses }),
    toState: text('to_state', { enum: ticketStatuses }),
    outcome: text('outcome', { enum: eventOutcomes }).notNull(),
    detail: text('detail'),
    payload: text('payload', { mode: 'json' }),
    occurredAt: text('occurred_at').notNull(),
    receivedAt: text('received_at').notNull(),
    /**
     * Set when the sender's claimed time could not be believed (in the future, or before the order or ticket existed):
     * says why and what was claimed; occurred_at is then the receipt.
     */
    claimNote: text('claim_note'),
    /** Of the time between occurred_at and received_at, how much Tailgate knows was its own (tails/liveness.ts). */
    ownDelayMs: integer('own_delay_ms'),
  },
  (t) => [
    uniqueIndex('ticket_events_id_uq').on(t.id),
    // A carrier's event id is unique per ticket: one reused on another ticket is that ticket's news.
    uniqueIndex('ticket_events_external_uq').on(t.ticketId, t.externalEventId),
    index('ticket_events_ticket_idx').on(t.ticketId, t.seq),
  ],
);
