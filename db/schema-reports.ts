import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Clock outcomes, penalty reports and waivers (re-exported by schema.ts, which drizzle-kit reads).
 * Timestamps are ISO-8601 UTC strings; money is integer minor units beside an ISO currency.
 */

/**
 * The final outcome of one OLA clock (met, breached or cancelled), once per entity and OLA. A later, different outcome
 * for the same clock (a late event, a reopened fault) updates the row and bumps `revision`; penalty reports price
 * these rows, and a change after a report was frozen becomes an adjustment in the next open month.
 */
export const clockOutcomes = sqliteTable(
  'clock_outcomes',
  {
    id: text('id').primaryKey(),
    entityType: text('entity_type', { enum: ['order', 'ticket'] }).notNull(),
    entityId: text('entity_id').notNull(),
    partnerId: text('partner_id').notNull(),
    olaId: text('ola_id').notNull(),
    metric: text('metric').notNull(),
    /** The stored policy version (ola_policies.id) the entity is measured under, and its number. */
    policyId: text('policy_id').notNull(),
    policyVersion: integer('policy_version').notNull(),
    clause: text('clause'),
    state: text('state', { enum: ['met', 'breached', 'cancelled'] }).notNull(),
    measure: text('measure', { enum: ['business', 'clock'] }).notNull(),
    calendar: text('calendar').notNull(),
    startedAt: text('started_at'),
    dueAt: text('due_at'),
    breachedAt: text('breached_at'),
    /** When the outcome became final: the clock's stop or cancel, or the entity's final state. */
    finalAt: text('final_at').notNull(),
    targetMs: integer('target_ms'),
    elapsedMs: integer('elapsed_ms').notNull(),
    overrunMs: integer('overrun_ms').notNull(),
    pausedMs: integer('paused_ms').notNull(),
    /** The circuit's charges when the outcome was recorded (from the order's offer); null when ordered without one. */
    monthlyChargeMinor: integer('monthly_charge_minor'),
    installChargeMinor: integer('install_charge_minor'),
    currency: text('currency'),
    breachFactId: text('breach_fact_id'),
    /** The instants the clock used and why (sla-rules explainClock); null for outcomes recorded before it existed. */
    explanation: text('explanation'),
    ourReference: text('our_reference').notNull(),
    partnerReference: text('partner_reference'),
    /** The order the circuit was delivered under (the ticket's order for a fault) and the site, for finance. */
    circuitId: text('circuit_id').notNull(),
    site: text('site').notNull(),
    revision: integer('revision').notNull().default(1),
    recordedAt: text('recorded_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('clock_outcomes_clock_uq').on(t.entityType, t.entityId, t.olaId),
    // Report lines per partner come in (final_at, id) order straight from this index, breaches only.
    index('clock_outcomes_partner_final_idx').on(t.partnerId, t.state, t.finalAt, t.id),
    // Late news about a frozen month: its outcomes recorded or changed after it was finalized.
    index('clock_outcomes_final_idx').on(t.finalAt, t.updatedAt),
    // Covers a month's OLA conformance (db/repositories/conformance.ts): read from the index alone, in final_at order,
    // not one table row per outcome (200k outcomes: 598 -> 270 ms).
    index('clock_outcomes_final_conformance_idx').on(t.finalAt, t.partnerId, t.olaId, t.state, t.metric, t.entityType),
    index('clock_outcomes_breach_fact_idx').on(t.breachFactId),
  ],
);

/** A finance user's waiver of one breach: who, when and why. A waived breach prices at 0. */
export const breachWaivers = sqliteTable(
  'breach_waivers',
  {
    id: text('id').primaryKey(),
    breachFactId: text('breach_fact_id').notNull(),
    reason: text('reason').notNull(),
    waivedBy: text('waived_by').notNull(),
    waivedAt: text('waived_at').notNull(),
  },
  (t) => [uniqueIndex('breach_waivers_breach_uq').on(t.breachFactId)],
);

/** One monthly penalty report (month YYYY-MM in the finance time zone): a draft until finalized, then frozen. */
export const penaltyReports = sqliteTable('penalty_reports', {
  month: text('month').primaryKey(),
  state: text('state', { enum: ['draft', 'final'] }).notNull(),
  timeZone: text('time_zone').notNull(),
  periodStart: text('period_start').notNull(),
  periodEnd: text('period_end').notNull(),
  lineCount: integer('line_count').notNull(),
  generatedAt: text('generated_at').notNull(),
  generatedBy: text('generated_by').notNull(),
  finalizedAt: text('finalized_at'),
  finalizedBy: text('finalized_by'),
  /** The build whose lines are this report's (penalty_report_builds.id). */
  buildId: integer('build_id').notNull().default(0),
});

/**
 * One run of the report builder for a month. Its lines are written in batches under its id while it is `building`
 * (no reader sees them: readers follow penalty_reports.build_id), then the report points at it in one short
 * transaction (`current`); the build it replaced becomes `superseded` and its lines are purged in batches, as are a
 * `failed` build's. A `building` build whose heartbeat stopped (its process died) is taken for failed.
 */
export const penaltyReportBuilds = sqliteTable(
  'penalty_report_builds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    month: text('month').notNull(),
    state: text('state', { enum: ['building', 'current', 'superseded', 'failed'] }).notNull(),
    startedAt: text('started_at').notNull(),
    heartbeatAt: text('heartbeat_at').notNull(),
  },
  (t) => [
    index('penalty_report_builds_month_idx').on(t.month, t.state),
    index('penalty_report_builds_state_idx').on(t.state),
  ],
);

/**
 * A report line: a breach priced by its clause (kind `breach`), or a difference learned after the month it belongs
 * to was frozen (kind `adjustment`, naming the original line). Everything shown is copied here, so a frozen report
 * never changes when its outcomes do.
 */
export const penaltyReportLines = sqliteTable(
  'penalty_report_lines',
  {
    buildId: integer('build_id').notNull(),
    lineNo: integer('line_no').notNull(),
    lineId: text('line_id').notNull(),
    kind: text('kind', { enum: ['breach', 'adjustment'] }).notNull(),
    adjustsLineId: text('adjusts_line_id'),
    outcomeId: text('outcome_id').notNull(),
    outcomeRevision: integer('outcome_revision').notNull(),
    breachId: text('breach_id').notNull(),
    partnerId: text('partner_id').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    ourReference: text('our_reference').notNull(),
    partnerReference: text('partner_reference'),
    circuitId: text('circuit_id').notNull(),
    site: text('site').notNull(),
    olaId: text('ola_id').notNull(),
    metric: text('metric').notNull(),
    policyVersion: integer('policy_version').notNull(),
    dueAt: text('due_at'),
    finalAt: text('final_at').notNull(),
    targetMs: integer('target_ms'),
    actualMs: integer('actual_ms').notNull(),
    pausedMs: integer('paused_ms').notNull(),
    clause: text('clause'),
    clauseKind: text('clause_kind'),
    unit: text('unit'),
    /** Whole units, except a banded clause's, which counts minutes and keeps their fraction (price-bands.ts). */
    overrunUnits: real('overrun_units').notNull(),
    chargeableUnits: integer('chargeable_units').notNull(),
    rate: text('rate'),
    amountBeforeCapsMinor: integer('amount_before_caps_minor').notNull(),
    /** After the clause's own cap per breach: what the partner caps are applied to. */
    amountAfterBreachCapMinor: integer('amount_after_breach_cap_minor').notNull().default(0),
    amountAfterCapsMinor: integer('amount_after_caps_minor').notNull(),
    currency: text('currency').notNull(),
    cappedBy: text('capped_by'),
    waiverId: text('waiver_id'),
    waiverReason: text('waiver_reason'),
    explanation: text('explanation').notNull(),
  },
  (t) => [
    // The table is WITHOUT ROWID (migrations 0011, 0013; drizzle cannot say so): lines are clustered by (build_id,
    // line_no) and that is the only b-tree a draft of a million lines writes. A partner's lines are contiguous
    // (numbered partner by partner), so its range comes from penalty_report_totals; what frozen reports billed per
    // outcome is copied to penalty_billed when a month is finalized.
    primaryKey({ columns: [t.buildId, t.lineNo] }),
  ],
);

/** Per report, partner and currency: line count and sums (currencies are never summed together). */
export const penaltyReportTotals = sqliteTable(
  'penalty_report_totals',
  {
    month: text('month').notNull(),
    partnerId: text('partner_id').notNull(),
    currency: text('currency').notNull(),
    lines: integer('lines').notNull(),
    amountBeforeCapsMinor: integer('amount_before_caps_minor').notNull(),
    amountAfterCapsMinor: integer('amount_after_caps_minor').notNull(),
    /** The partner's lines (all its currencies) are line_no firstLineNo..lastLineNo of the month. */
    firstLineNo: integer('first_line_no').notNull().default(0),
    lastLineNo: integer('last_line_no').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.partnerId, t.currency] })],
);

/** OLA conformance of a report's month: met and breached clocks per partner and OLA. */
export const penaltyReportConformance = sqliteTable(
  'penalty_report_conformance',
  {
    month: text('month').notNull(),
    partnerId: text('partner_id').notNull(),
    olaId: text('ola_id').notNull(),
    metric: text('metric').notNull(),
    entityType: text('entity_type').notNull(),
    met: integer('met').notNull(),
    breached: integer('breached').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.partnerId, t.olaId] })],
);

/** Mean time to provide (orders completed in the month) and to restore (tickets resolved in it), per partner. */
export const penaltyReportServiceTimes = sqliteTable(
  'penalty_report_service_times',
  {
    month: text('month').notNull(),
    partnerId: text('partner_id').notNull(),
    ordersCompleted: integer('orders_completed').notNull(),
    meanTimeToProvideMs: integer('mean_time_to_provide_ms'),
    ticketsResolved: integer('tickets_resolved').notNull(),
    meanTimeToRestoreMs: integer('mean_time_to_restore_ms'),
  },
  (t) => [primaryKey({ columns: [t.month, t.partnerId] })],
);

/**
 * What frozen reports billed per outcome (their lines, copied when a month is finalized): where adjustments start.
 * Rows of a month that is not final belong to a finalization under way (or one that stopped): nobody counts them.
 */
export const penaltyBilled = sqliteTable(
  'penalty_billed',
  {
    outcomeId: text('outcome_id').notNull(),
    month: text('month').notNull(),
    lineId: text('line_id').notNull(),
    kind: text('kind', { enum: ['breach', 'adjustment'] }).notNull(),
    amountAfterCapsMinor: integer('amount_after_caps_minor').notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [primaryKey({ columns: [t.outcomeId, t.month, t.lineId] }), index('penalty_billed_month_idx').on(t.month)],
);

/**
 * Late news about months, kept as it happens: (month, outcome) for every outcome written, or waived, after `month`'s
 * draft was generated that falls in its period or was billed in it. Triggers on clock_outcomes and breach_waivers
 * fill it (migration 0022), for drafts and final months alike, so a report build reads the changes instead of every
 * frozen month's outcomes (lateNews in db/repositories/report-inputs.ts reads final months' news only).
 */
export const reportLateNews = sqliteTable(
  'report_late_news',
  {
    month: text('month').notNull(),
    outcomeId: text('outcome_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.outcomeId] })],
);

/**
 * A frozen month's CSV as it downloads, gzip-compressed, for all partners (partner_id '') and for each partner with
 * lines: written by the finalization before it freezes the month (reports/snapshot.ts) in chunks of about 1 MiB, and
 * served from here once the month is final, so a frozen report is never computed again.
 */
export const penaltyReportFiles = sqliteTable(
  'penalty_report_files',
  {
    month: text('month').notNull(),
    partnerId: text('partner_id').notNull(),
    chunkNo: integer('chunk_no').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.partnerId, t.chunkNo] })],
);
