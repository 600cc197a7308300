import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { partners } from './schema-directory.js';

/**
 * Certification runs: the conformance suite (partners/certification/) run against a carrier's API, with its report.
 * `adapterFingerprint` names the adapter settings the run exercised: a run certifies those settings only, so a
 * changed base URL or API version needs a new run. Re-exported by schema.ts.
 */
export const partnerCertifications = sqliteTable(
  'partner_certifications',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    adapterFingerprint: text('adapter_fingerprint').notNull(),
    outcome: text('outcome', { enum: ['passed', 'failed'] }).notNull(),
    /** JSON: the report (partners/certification/report.ts), as the API answers it. */
    report: text('report', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    runBy: text('run_by').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
  },
  (t) => [index('partner_certifications_partner_idx').on(t.partnerId, t.startedAt)],
);

/**
 * Every time a partner was made active for live orders, and on what ground: a passing certification run, or an
 * admin's override with its reason (or `noApi`: a carrier that pulls its work from our TMF servers has no API of its
 * own to certify).
 */
export const partnerActivations = sqliteTable(
  'partner_activations',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    ground: text('ground', { enum: ['certified', 'override', 'noApi'] }).notNull(),
    certificationId: text('certification_id').references(() => partnerCertifications.id),
    overrideReason: text('override_reason'),
    activatedBy: text('activated_by').notNull(),
    activatedAt: text('activated_at').notNull(),
  },
  (t) => [index('partner_activations_partner_idx').on(t.partnerId, t.activatedAt)],
);
