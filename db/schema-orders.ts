import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { eventOutcomes, eventSources, orderEventTypes } from '../openapi/events.js';
import {
  orderActions,
  submissionStates,
  type CarrierFieldValues,
  type SiteAddress,
  type SiteContact,
} from '../openapi/orders.js';
import { orderStates } from '../sla-rules/order-states.js';
import { partners } from './schema-directory.js';

/**
 * Tail orders, their events, idempotency keys and the desk's manual tasks.
 * Re-exported by schema.ts, which drizzle-kit reads. Timestamps are ISO-8601 UTC strings; money is integer minor
 * units beside an ISO currency.
 */

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    /** The qualification offer the order was placed from (`qof_...`, inside its qualification's stored answer). */
    offerId: text('offer_id'),
    deskReference: text('desk_reference').notNull(),
    /** add: a new tail; modify: a change of a delivered one (its bandwidth); delete: its cease. */
    action: text('action', { enum: orderActions }).notNull().default('add'),
    /** For modify and delete: the delivered order whose tail this changes or ceases. */
    changesOrderId: text('changes_order_id'),
    productCode: text('product_code').notNull(),
    bandwidthMbps: integer('bandwidth_mbps').notNull(),
    /** JSON: site address and on-site contact. */
    site: text('site', { mode: 'json' }).$type<SiteAddress>().notNull(),
    contact: text('contact', { mode: 'json' }).$type<SiteContact>().notNull(),
    /** JSON: the desk's values for the partner's per-order fields (adapter.customFields.orderDefaults); null: none. */
    carrierFields: text('carrier_fields', { mode: 'json' }).$type<CarrierFieldValues>(),
    installChargeMinor: integer('install_charge_minor'),
    monthlyChargeMinor: integer('monthly_charge_minor'),
    currency: text('currency'),
    leadTimeDays: integer('lead_time_days'),
    /** The offer's access type (onNet, nearNet); null for an order placed without an offer. */
    accessType: text('access_type', { enum: ['onNet', 'nearNet'] }),
    requestedCompletionDate: text('requested_completion_date').notNull(),
    state: text('state', { enum: orderStates }).notNull(),
    /** Tailgate's own progress with the carrier: submitting, submitted, awaitingPartnerPull, failed, manual. */
    submission: text('submission', { enum: submissionStates }).notNull(),
    partnerOrderId: text('partner_order_id'),
    /** The carrier's reference for the delivered circuit (its product instance id), once it gives one. */
    carrierCircuitRef: text('carrier_circuit_ref'),
    committedDate: text('committed_date'),
    completedAt: text('completed_at'),
    failureReason: text('failure_reason'),
    /** The OLA policy version in force when the order was placed (null: the partner had none). */
    policyId: text('policy_id'),
    /** The desk's request that placed it (API key id and Idempotency-Key): one order per request, whatever happens. */
    requestKey: text('request_key'),
    /** When its workflow was known to be started; null: the reconciler (tails/reconcile.ts) starts it. */
    workflowStartedAt: text('workflow_started_at'),
    /**
     * When a create request for it was first sent to the carrier (null: none ever was, so the carrier cannot hold it,
     * whatever became of the attempts).
     */
    carrierContactedAt: text('carrier_contacted_at'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('orders_created_idx').on(t.createdAt, t.id),
    index('orders_partner_created_idx').on(t.partnerId, t.createdAt, t.id),
    index('orders_state_idx').on(t.state),
    uniqueIndex('orders_partner_order_uq').on(t.partnerId, t.partnerOrderId),
    // The dashboard finds an order by any of its references (id, desk's, carrier's) in one OR over three indexes.
    index('orders_desk_reference_idx').on(t.deskReference),
    index('orders_partner_order_id_idx').on(t.partnerOrderId),
    uniqueIndex('orders_request_key_uq').on(t.requestKey),
    index('orders_awaiting_workflow_idx').on(t.workflowStartedAt, t.createdAt),
    // The retention sweep keeps every qualification an order was placed from.
    index('orders_offer_idx').on(t.offerId),
    index('orders_changes_order_idx').on(t.changesOrderId),
  ],
);

/** Everything that happened to an order, in receipt order; partner events are stored once per event id. */
export const orderEvents = sqliteTable(
  'order_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    partnerId: text('partner_id').notNull(),
    /** Where it came from (openapi/events.ts says what each source is). */
    source: text('source', { enum: eventSources }).notNull(),
    /** The carrier's event id (TMF eventId), for de-duplication; null for our own events. */
    externalEventId: text('external_event_id'),
    type: text('type', { enum: orderEventTypes }).notNull(),
    fromState: text('from_state', { enum: orderStates }),
    toState: text('to_state', { enum: orderStates }),
    /** applied, refused (invalid transition), stale (older than the state applied), recorded (no state change) */
    outcome: text('outcome', { enum: eventOutcomes }).notNull(),
    detail: text('detail'),
    /** The carrier's committed completion date this event set, if it set one (drives committed-date OLAs). */
    committedDate: text('committed_date'),
    payload: text('payload', { mode: 'json' }),
    /** When the sender says it happened (may be claimed, never applied backwards). */
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
    uniqueIndex('order_events_id_uq').on(t.id),
    // A carrier's event id is unique per order: one reused on another order is that order's news.
    uniqueIndex('order_events_external_uq').on(t.orderId, t.externalEventId),
    index('order_events_order_idx').on(t.orderId, t.seq),
  ],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    apiKeyId: text('api_key_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** in_progress until the first response is stored */
    status: text('status', { enum: ['in_progress', 'done'] }).notNull(),
    responseStatus: integer('response_status'),
    /** Null for a request finished by the reconciler: a replay shows what it created as it is now. */
    responseBody: text('response_body'),
    /** When the request that holds it claimed it; a claim older than the lease was left by a process that died. */
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] })],
);

/**
 * What a workflow or a carrier's update hands to a person: a carrier that stayed unreachable for an order, or for one
 * of its tickets; an update the carrier sent that Tailgate refused (an invalid transition), to be taken up with it.
 */
export const manualTaskKinds = ['partner_unreachable', 'ticket_partner_unreachable', 'event_refused'] as const;

export const manualTasks = sqliteTable(
  'manual_tasks',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    /** Set when the task is about one of the order's trouble tickets rather than the order itself. */
    ticketId: text('ticket_id'),
    kind: text('kind', { enum: manualTaskKinds }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    createdAt: text('created_at').notNull(),
    /** The API key of the person who took it on, and when; null while nobody has. */
    claimedBy: text('claimed_by'),
    claimedAt: text('claimed_at'),
    closedAt: text('closed_at'),
    /** Who resolved it (null: closed by the platform, e.g. the carrier answered again) and what they wrote. */
    resolvedBy: text('resolved_by'),
    note: text('note'),
  },
  (t) => [index('manual_tasks_status_idx').on(t.status, t.createdAt)],
);
