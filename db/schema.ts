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
  (t) => [index('coverage_entries_location_idx').on(t.locationKey), index('coverage_entries_version_idx').on(t.versionId)],
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

/** An offer is a snapshot: later coverage uploads never change an offer a desk may order from. */
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
  (t) => [index('qualification_offers_qualification_idx').on(t.qualificationId, t.rank)],
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
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('orders_created_idx').on(t.createdAt, t.id),
    index('orders_partner_created_idx').on(t.partnerId, t.createdAt, t.id),
    index('orders_state_idx').on(t.state),
    uniqueIndex('orders_partner_order_uq').on(t.partnerId, t.partnerOrderId),
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
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    createdAt: text('created_at').notNull(),
    closedAt: text('closed_at'),
  },
  (t) => [index('manual_tasks_status_idx').on(t.status, t.createdAt)],
);
