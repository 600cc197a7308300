import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * API keys and the partner directory: partners, their coverage versions and rows, qualifications and the offers
 * they returned.
 * Re-exported by schema.ts, which drizzle-kit reads. Timestamps are ISO-8601 UTC strings; money is integer minor
 * units beside an ISO currency.
 */

const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

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
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
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
      t.locationKey,
      t.productCode,
      t.bandwidthMbps,
      t.partnerId,
      t.versionId,
      t.matchLevel,
      t.accessType,
      t.installChargeMinor,
      t.monthlyChargeMinor,
      t.currency,
      t.leadTimeDays,
    ),
    index('coverage_entries_version_idx').on(t.versionId),
  ],
);

/**
 * A ranked answer exactly as offered: the offers found for one set of location keys and product needs while the
 * directory stood still (one directory generation), as a JSON array of offer snapshots (OfferSnapshot in
 * db/repositories/qualifications.ts). Never changed once written, so later coverage uploads, renames or suspensions
 * never change an offer a desk may order from. Every qualification that got the same answer shares the row: storing a
 * qualification writes one row of its own, not one per offer.
 */
export const qualificationAnswers = sqliteTable(
  'qualification_answers',
  {
    id: integer('id').primaryKey(),
    /** JSON: the offers in rank order. */
    offers: text('offers').notNull(),
    createdAt: createdAt(),
  },
  // The retention sweep (db/repositories/qualification-retention.ts) finds old answers by age.
  (t) => [index('qualification_answers_created_idx').on(t.createdAt)],
);

/**
 * A stored qualification: the request, the normalised address, its expiry and the answer it got. An offer is
 * addressed as `qof_<qualification id without its prefix>_<rank>` (offerId in db/repositories/qualifications.ts).
 */
export const qualifications = sqliteTable(
  'qualifications',
  {
    id: text('id').primaryKey(),
    requestedBy: text('requested_by').notNull(),
    /** JSON: the request as received (address and product needs). */
    request: text('request', { mode: 'json' }).notNull(),
    /** JSON: the normalised address the offers were found for. */
    address: text('address', { mode: 'json' }).notNull(),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
    answerId: integer('answer_id')
      .notNull()
      .references(() => qualificationAnswers.id),
    /** JSON: LiveCheck[], the carriers asked in real time; null when none was. */
    liveChecks: text('live_checks', { mode: 'json' }),
  },
  // The retention sweep finds expired qualifications, and answers no qualification shares any more.
  (t) => [index('qualifications_expires_idx').on(t.expiresAt), index('qualifications_answer_idx').on(t.answerId)],
);

/** One item of a TMF679 qualification of several items: its stored qualification, or why it has none. */
export type OfferingQualificationItem = {
  itemId: string;
  productOfferingId?: string | undefined;
  /** The item's own qualification (its offers may be ordered); absent when it named no site. */
  qualificationId?: string | undefined;
  /** Why the item is unqualified without a qualification of its own. */
  unqualified?: { code: string; label: string } | undefined;
};

/**
 * A TMF679 qualification of several items, or of one naming no site: what each item was answered. Its id is a
 * qualification id (`qlf_`, ordered by time as theirs are), so TMF679 lists both together. A request of one item with
 * a site is simply that item's qualification and is not stored here.
 */
export const offeringQualifications = sqliteTable(
  'offering_qualifications',
  {
    id: text('id').primaryKey(),
    requestedBy: text('requested_by').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    /** JSON: OfferingQualificationItem[], in the request's order. */
    items: text('items', { mode: 'json' }).$type<OfferingQualificationItem[]>().notNull(),
  },
  // The retention sweep removes them with the qualifications of their items.
  (t) => [index('offering_qualifications_expires_idx').on(t.expiresAt)],
);

/**
 * Each partner's measured OLA conformance, as ranking uses it: clocks met and breached per product and OLA metric
 * among the clock outcomes that became final in the window of partner_conformance_window (written together by the
 * refresh, partners/performance/performance-refresh.ts). Rewritten only when a count changes, and then the directory
 * generation moves with it, so every process's ranked answers follow.
 */
export const partnerConformance = sqliteTable(
  'partner_conformance',
  {
    partnerId: text('partner_id').notNull(),
    /** The order's product (a ticket's order's); empty when the outcome's order is gone. */
    productCode: text('product_code').notNull(),
    metric: text('metric').notNull(),
    met: integer('met').notNull(),
    breached: integer('breached').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.productCode, t.metric] })],
);

/** The window partner_conformance counts (one row, id 1): final in [from, to), and the sample ranking requires. */
export const partnerConformanceWindow = sqliteTable('partner_conformance_window', {
  id: integer('id').primaryKey(),
  windowFrom: text('window_from').notNull(),
  windowTo: text('window_to').notNull(),
  windowDays: integer('window_days').notNull(),
  minimumSample: integer('minimum_sample').notNull(),
});

/**
 * How long partners take to deliver, as Kaplan–Meier curves of working days from an order's start to its delivery
 * (partners/performance/delivery-estimates.ts), one per group: a partner's product and access type, a partner, a
 * product across partners, and all partners (the keys a group does not use are empty). Rewritten by the performance
 * refresh only when a curve moved, and then the directory generation moves with it.
 */
export const deliveryCurves = sqliteTable(
  'delivery_curves',
  {
    partnerId: text('partner_id').notNull(),
    productCode: text('product_code').notNull(),
    accessType: text('access_type').notNull(),
    /** Orders observed (delivered or still waiting when last seen) and how many were delivered. */
    observations: integer('observations').notNull(),
    completions: integer('completions').notNull(),
    /** JSON: the curve's steps, [working days, share not yet delivered] in time order. */
    steps: text('steps').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.productCode, t.accessType] })],
);
