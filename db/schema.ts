import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Timestamps are ISO-8601 UTC strings; money is integer minor units beside an ISO currency. */
const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'desk', 'finance', 'partner'] }).notNull(),
    partnerId: text('partner_id').references(() => partners.id),
    keyHash: text('key_hash').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    createdAt: createdAt(),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash)],
);

export const partners = sqliteTable('partners', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  country: text('country').notNull(),
  status: text('status', { enum: ['onboarding', 'active', 'suspended'] }).notNull(),
  defaultCurrency: text('default_currency').notNull(),
  /** JSON: which TMF API and version, base URL, credentials reference, per-partner mapping. */
  adapter: text('adapter', { mode: 'json' }).notNull(),
  /** JSON: escalation contacts by level. */
  escalation: text('escalation', { mode: 'json' }).notNull(),
  /** JSON: time zone, working hours, holiday region, closure dates. */
  calendar: text('calendar', { mode: 'json' }).notNull(),
  currentCoverageVersionId: text('current_coverage_version_id'),
  /** The carrier's id for our TMF hub registration (their notifications to our listener), once registered. */
  hubId: text('hub_id'),
  /** The same for our TMF621 hub registration (trouble ticket notifications), which the carrier numbers separately. */
  ticketHubId: text('ticket_hub_id'),
  createdAt: createdAt(),
  updatedAt: text('updated_at').notNull(),
});

export const coverageVersions = sqliteTable(
  'coverage_versions',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull().references(() => partners.id),
    status: text('status', { enum: ['importing', 'active', 'superseded', 'failed'] }).notNull(),
    source: text('source').notNull(),
    rowCount: integer('row_count').notNull().default(0),
    rejectedCount: integer('rejected_count').notNull().default(0),
    createdAt: createdAt(),
    activatedAt: text('activated_at'),
  },
  (t) => [index('coverage_versions_partner_idx').on(t.partnerId, t.createdAt)],
);

export const coverageEntries = sqliteTable(
  'coverage_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: false }),
    versionId: text('version_id').notNull(),
    partnerId: text('partner_id').notNull(),
    locationKey: text('location_key').notNull(),
    matchLevel: text('match_level', { enum: ['address', 'postcode', 'sector', 'district', 'area'] }).notNull(),
    productCode: text('product_code').notNull(),
    bandwidthMbps: integer('bandwidth_mbps').notNull(),
    accessType: text('access_type', { enum: ['onNet', 'nearNet'] }).notNull(),
    installChargeMinor: integer('install_charge_minor').notNull(),
    monthlyChargeMinor: integer('monthly_charge_minor').notNull(),
    currency: text('currency').notNull(),
    leadTimeDays: integer('lead_time_days').notNull(),
  },
  (t) => [
    // Covering the qualification lookup (db/repositories/offers-lookup.ts): it reads every entry at a location key,
    // and from the index alone it skips a table row fetch per entry. Product code and bandwidth come right after
    // the key, so a lookup for one product seeks straight to it.
    index('coverage_entries_location_cover_idx').on(
      t.locationKey, t.productCode, t.bandwidthMbps, t.partnerId, t.versionId, t.matchLevel, t.accessType,
      t.installChargeMinor, t.monthlyChargeMinor, t.currency, t.leadTimeDays,
    ),
    index('coverage_entries_version_idx').on(t.versionId),
  ],
);

export const qualifications = sqliteTable('qualifications', {
  id: text('id').primaryKey(),
  requestedBy: text('requested_by').notNull(),
  /** JSON: the request as received (address and product needs). */
  request: text('request', { mode: 'json' }).notNull(),
  /** JSON: the normalised address the offers were found for. */
  address: text('address', { mode: 'json' }).notNull(),
  createdAt: createdAt(),
  expiresAt: text('expires_at').notNull(),
});

/**
 * An offer is a snapshot: later coverage uploads never change an offer a desk may order from.
 * No index on qualification_id: an offer's id starts with its qualification's (offerId in
 * db/repositories/qualifications.ts), so the primary key keeps a qualification's offers together already, and a
 * second index cost a b-tree insert per offer and a quarter of the pages each qualification writes. Qualifications
 * are never deleted; code that deletes one must delete its offers by that id range first, or each delete scans.
 */
export const qualificationOffers = sqliteTable(
  'qualification_offers',
  {
    id: text('id').primaryKey(),
    qualificationId: text('qualification_id').notNull().references(() => qualifications.id),
    rank: integer('rank').notNull(),
    partnerId: text('partner_id').notNull().references(() => partners.id),
    coverageVersionId: text('coverage_version_id').notNull(),
    productCode: text('product_code').notNull(),
    bandwidthMbps: integer('bandwidth_mbps').notNull(),
    accessType: text('access_type', { enum: ['onNet', 'nearNet'] }).notNull(),
    installChargeMinor: integer('install_charge_minor').notNull(),
    monthlyChargeMinor: integer('monthly_charge_minor').notNull(),
    currency: text('currency').notNull(),
    leadTimeDays: integer('lead_time_days').notNull(),
    matchLevel: text('match_level', { enum: ['address', 'postcode', 'sector', 'district', 'area'] }).notNull(),
    matchedLocationKey: text('matched_location_key').notNull(),
    confidence: text('confidence', { enum: ['green', 'yellow', 'red'] }).notNull(),
  },
);

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull().references(() => partners.id),
    offerId: text('offer_id').references(() => qualificationOffers.id),
    deskReference: text('desk_reference').notNull(),
    productCode: text('product_code').notNull(),
    bandwidthMbps: integer('bandwidth_mbps').notNull(),
    /** JSON: site address and on-site contact. */
    site: text('site', { mode: 'json' }).notNull(),
    contact: text('contact', { mode: 'json' }).notNull(),
    installChargeMinor: integer('install_charge_minor'),
    monthlyChargeMinor: integer('monthly_charge_minor'),
    currency: text('currency'),
    leadTimeDays: integer('lead_time_days'),
    requestedCompletionDate: text('requested_completion_date').notNull(),
    state: text('state').notNull(),
    /** Tailgate's own progress with the carrier: submitting, submitted, failed, manual. */
    submission: text('submission').notNull(),
    partnerOrderId: text('partner_order_id'),
    committedDate: text('committed_date'),
    completedAt: text('completed_at'),
    failureReason: text('failure_reason'),
    /** The OLA policy version in force when the order was placed (null: the partner had none). */
    policyId: text('policy_id'),
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
  ],
);

/** Everything that happened to an order, in receipt order; partner events are stored once per event id. */
export const orderEvents = sqliteTable(
  'order_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    orderId: text('order_id').notNull().references(() => orders.id),
    partnerId: text('partner_id').notNull(),
    /** desk, listener, partner-pull, adapter-poll, adapter, workflow */
    source: text('source').notNull(),
    /** The carrier's event id (TMF eventId), for de-duplication; null for our own events. */
    externalEventId: text('external_event_id'),
    type: text('type').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    /** applied, refused (invalid transition), recorded (no state change) */
    outcome: text('outcome').notNull(),
    detail: text('detail'),
    /** The carrier's committed completion date this event set, if it set one (drives committed-date OLAs). */
    committedDate: text('committed_date'),
    payload: text('payload', { mode: 'json' }),
    /** When the sender says it happened (may be claimed, never applied backwards). */
    occurredAt: text('occurred_at').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('order_events_id_uq').on(t.id),
    uniqueIndex('order_events_external_uq').on(t.partnerId, t.externalEventId),
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
    responseBody: text('response_body'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] })],
);

export const manualTasks = sqliteTable(
  'manual_tasks',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().references(() => orders.id),
    /** Set when the task is about one of the order's trouble tickets rather than the order itself. */
    ticketId: text('ticket_id'),
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    createdAt: text('created_at').notNull(),
    closedAt: text('closed_at'),
  },
  (t) => [index('manual_tasks_status_idx').on(t.status, t.createdAt)],
);

/** OLA policy documents per partner contract, versioned; an order or ticket keeps the version it was placed under. */
export const olaPolicies = sqliteTable(
  'ola_policies',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull().references(() => partners.id),
    version: integer('version').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    /** JSON: the validated policy (sla-rules Policy). */
    document: text('document', { mode: 'json' }).notNull(),
    source: text('source').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('ola_policies_partner_version_uq').on(t.partnerId, t.version)],
);

/** Jeopardy and breach facts, each recorded once per clock and threshold. */
export const slaFacts = sqliteTable(
  'sla_facts',
  {
    id: text('id').primaryKey(),
    entityType: text('entity_type', { enum: ['order', 'ticket'] }).notNull(),
    entityId: text('entity_id').notNull(),
    partnerId: text('partner_id').notNull(),
    olaId: text('ola_id').notNull(),
    metric: text('metric').notNull(),
    policyVersion: integer('policy_version').notNull(),
    kind: text('kind', { enum: ['jeopardy', 'breach', 'carrierJeopardy'] }).notNull(),
    /** Percentage for jeopardy, 100 for a breach. */
    threshold: integer('threshold').notNull(),
    /** The instant the clock reached the threshold. */
    at: text('at').notNull(),
    dueAt: text('due_at'),
    /** When the workflow noticed (workflow time). */
    detectedAt: text('detected_at').notNull(),
    detail: text('detail'),
  },
  (t) => [
    uniqueIndex('sla_facts_once_uq').on(t.entityType, t.entityId, t.olaId, t.kind, t.threshold),
    index('sla_facts_kind_at_idx').on(t.kind, t.at),
    index('sla_facts_partner_idx').on(t.partnerId, t.at),
  ],
);

/** A fault raised on a delivered tail, routed to the carrier over TMF621. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().references(() => orders.id),
    partnerId: text('partner_id').notNull().references(() => partners.id),
    deskReference: text('desk_reference').notNull(),
    severity: text('severity').notNull(),
    priority: integer('priority').notNull(),
    impact: text('impact').notNull(),
    description: text('description').notNull(),
    contact: text('contact', { mode: 'json' }).notNull(),
    status: text('status').notNull(),
    submission: text('submission').notNull(),
    partnerTicketId: text('partner_ticket_id'),
    expectedResolutionAt: text('expected_resolution_at'),
    resolvedAt: text('resolved_at'),
    policyId: text('policy_id'),
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
  ],
);

export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    ticketId: text('ticket_id').notNull().references(() => tickets.id),
    partnerId: text('partner_id').notNull(),
    source: text('source').notNull(),
    externalEventId: text('external_event_id'),
    type: text('type').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    outcome: text('outcome').notNull(),
    detail: text('detail'),
    payload: text('payload', { mode: 'json' }),
    occurredAt: text('occurred_at').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('ticket_events_id_uq').on(t.id),
    uniqueIndex('ticket_events_external_uq').on(t.partnerId, t.externalEventId),
    index('ticket_events_ticket_idx').on(t.ticketId, t.seq),
  ],
);

/** Where jeopardy and breach notifications go: desk subscriptions and partner escalation webhooks. */
export const webhookSubscriptions = sqliteTable('webhook_subscriptions', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  /** HMAC-SHA256 key; shown once at creation. */
  secret: text('secret').notNull(),
  /** JSON: fact kinds to receive, e.g. ["jeopardy","breach"]. */
  kinds: text('kinds', { mode: 'json' }).notNull(),
  /** Only this partner's orders and tickets (null: all). */
  partnerId: text('partner_id'),
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
  disabledAt: text('disabled_at'),
});

/** One notification of one fact to one destination; its id is the delivery id receivers de-duplicate on. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    factId: text('fact_id').notNull().references(() => slaFacts.id),
    /** webhook (subscription), escalation (partner ladder contact), carrier (TMF622 v5 jeopardy alert) */
    channel: text('channel').notNull(),
    destination: text('destination').notNull(),
    subscriptionId: text('subscription_id'),
    escalationLevel: integer('escalation_level'),
    status: text('status', { enum: ['pending', 'delivered', 'failed', 'recorded'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [uniqueIndex('notifications_once_uq').on(t.factId, t.channel, t.destination), index('notifications_status_idx').on(t.status)],
);

// Clock outcomes, penalty reports and waivers live in their own file.
export * from './schema-reports.js';
