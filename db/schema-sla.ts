import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { partners } from './schema-directory.js';

/**
 * OLA policy versions, jeopardy and breach facts, notification destinations and deliveries.
 * Re-exported by schema.ts, which drizzle-kit reads. Timestamps are ISO-8601 UTC strings; money is integer minor
 * units beside an ISO currency.
 */

/** OLA policy documents per partner contract, versioned; an order or ticket keeps the version it was placed under. */
export const olaPolicies = sqliteTable(
  'ola_policies',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
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
    kind: text('kind', { enum: ['jeopardy', 'breach', 'carrierJeopardy', 'predictedJeopardy'] }).notNull(),
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
    factId: text('fact_id')
      .notNull()
      .references(() => slaFacts.id),
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
  (t) => [
    uniqueIndex('notifications_once_uq').on(t.factId, t.channel, t.destination),
    index('notifications_status_idx').on(t.status),
    // One delivery queue per destination, oldest first (tails/notify/dispatch.ts).
    index('notifications_queue_idx').on(t.channel, t.destination, t.status, t.createdAt),
  ],
);

// Clock outcomes, penalty reports and waivers live in their own file.

/**
 * One row per running API process, its beat renewed every few seconds (tails/liveness.ts): a span no process beat
 * through is time Tailgate could not receive carriers' news, which a carrier's claimed stop time may reach back over.
 */
export const platformHeartbeats = sqliteTable(
  'platform_heartbeats',
  {
    id: text('id').primaryKey(),
    startedAt: text('started_at').notNull(),
    beatAt: text('beat_at').notNull(),
  },
  (t) => [index('platform_heartbeats_beat_idx').on(t.beatAt)],
);
