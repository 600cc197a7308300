import { statement } from '../execute.js';
import { getTableColumns } from 'drizzle-orm';
import { withConnection, writeTransaction } from '../access.js';
import type { Db } from '../client.js';
import {
  penaltyReportConformance,
  penaltyReportLines,
  penaltyReports,
  penaltyReportServiceTimes,
  penaltyReportTotals,
} from '../schema.js';

export type ReportRow = Omit<typeof penaltyReports.$inferSelect, 'buildId'>;
/** A line as shown: stored under its build, read with its report's month. */
export type ReportLineRow = Omit<typeof penaltyReportLines.$inferSelect, 'buildId'> & { month: string };
export type ReportTotalRow = typeof penaltyReportTotals.$inferSelect;
export type ConformanceRow = typeof penaltyReportConformance.$inferSelect;
export type ServiceTimeRow = typeof penaltyReportServiceTimes.$inferSelect;

/** A table's columns as [property, column] pairs, in schema order. */
export const cols = (table: Parameters<typeof getTableColumns>[0]) =>
  Object.entries(getTableColumns(table)) as [string, { name: string }][];
/** The build whose lines a month's report shows (none: no report). */
const currentBuild = '(select build_id from penalty_reports where month = @month)';

export function getReport(db: Db, month: string): Promise<ReportRow | undefined> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select month, state, time_zone as timeZone, period_start as periodStart, period_end as periodEnd, line_count as lineCount,
              generated_at as generatedAt, generated_by as generatedBy, finalized_at as finalizedAt, finalized_by as finalizedBy
         from penalty_reports where month = ?`,
    ).get(month)) as ReportRow | undefined;
  });
}

/** What a month's report is now: its state and the build whose lines it shows. */
export function reportState(db: Db, month: string): Promise<{ state: 'draft' | 'final'; buildId: number } | undefined> {
  return withConnection(db, async () => {
    return (await statement(db, 'select state, build_id as buildId from penalty_reports where month = ?').get(
      month,
    )) as { state: 'draft' | 'final'; buildId: number } | undefined;
  });
}

/**
 * Copies what a draft bills, line numbers (afterLineNo, throughLineNo], into penalty_billed in one short transaction.
 * Readers see penalty_billed rows only of final months (FINAL_BILLED), so rows copied for a draft stay unseen until
 * freezeReport makes it final in the same state.
 */
export function copyBilledLines(db: Db, month: string, buildId: number, afterLineNo: number, throughLineNo: number) {
  return withConnection(db, async () => {
    await writeTransaction(
      db,
      async () =>
        await statement(
          db,
          `insert into penalty_billed (outcome_id, month, line_id, kind, amount_after_caps_minor, currency)
           select outcome_id, @month, line_id, kind, amount_after_caps_minor, currency from penalty_report_lines
            where build_id = @buildId and line_no > @afterLineNo and line_no <= @throughLineNo
           on conflict do nothing`,
        ).run({ month, buildId, afterLineNo, throughLineNo }),
    );
  });
}

/** Deletes up to `limit` penalty_billed rows of a month that is not final (left by a finalization that stopped). */
export function clearUnfrozenBilled(db: Db, month: string, limit: number): Promise<number> {
  return withConnection(db, async () => {
    return await writeTransaction(
      db,
      async () =>
        (
          await statement(
            db,
            `delete from penalty_billed where rowid in (select rowid from penalty_billed where month = @month limit @limit)
             and not exists (select 1 from penalty_reports where month = @month and state = 'final')`,
          ).run({ month, limit })
        ).changes,
    );
  });
}

/**
 * Freezes the draft if it still shows `buildId`; false when it changed (regenerated) or is gone or final. What changed
 * since the draft was generated is recorded as it happens (the triggers of migration 0022), so nothing is scanned.
 */
export function freezeReport(db: Db, month: string, buildId: number, by: string, at: string): Promise<boolean> {
  return withConnection(db, async () => {
    return await writeTransaction(
      db,
      async () =>
        (
          await statement(
            db,
            `update penalty_reports set state = 'final', finalized_at = ?, finalized_by = ?
            where month = ? and state = 'draft' and build_id = ?`,
          ).run(at, by, month, buildId)
        ).changes === 1,
    );
  });
}

/** Reports, newest month first. */
export function listReports(db: Db): Promise<ReportRow[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select month, state, time_zone as timeZone, period_start as periodStart, period_end as periodEnd, line_count as lineCount,
              generated_at as generatedAt, generated_by as generatedBy, finalized_at as finalizedAt, finalized_by as finalizedBy
         from penalty_reports order by month desc`,
    ).all()) as ReportRow[];
  });
}

const lineSelect = [
  '@month as month',
  ...cols(penaltyReportLines)
    .filter(([k]) => k !== 'buildId')
    .map(([k, c]) => `${c.name} as ${k}`),
].join(', ');

/** Line numbers after `afterLineNo` up to the last, or one partner's (its lines are contiguous, from its totals). */
async function lineRange(
  db: Db,
  month: string,
  partnerId: string | undefined,
  afterLineNo: number,
): Promise<[number, number]> {
  if (partnerId === undefined) return [afterLineNo, Number.MAX_SAFE_INTEGER];
  const range = (await statement(
    db,
    'select min(first_line_no) as first, max(last_line_no) as last from penalty_report_totals where month = ? and partner_id = ?',
  ).get(month, partnerId)) as { first: number | null; last: number | null };
  if (range.first === null || range.last === null) return [0, 0];
  return [Math.max(afterLineNo, range.first - 1), range.last];
}

/** One page of a report's lines in line order (keyset on line_no), optionally one partner's only. */
export function reportLinesPage(
  db: Db,
  month: string,
  opts: { partnerId?: string | undefined; afterLineNo: number; limit: number },
): Promise<ReportLineRow[]> {
  return withConnection(db, async () => {
    const [after, last] = await lineRange(db, month, opts.partnerId, opts.afterLineNo);
    return (await statement(
      db,
      `select ${lineSelect} from penalty_report_lines where build_id = ${currentBuild} and line_no > @after and line_no <= @last order by line_no limit @limit`,
    ).all({ month, after, last, limit: opts.limit })) as ReportLineRow[];
  });
}

/**
 * One page of a report's lines as arrays of the named columns (then line_no, popped by the caller), in line order:
 * what the CSV writer hands to papaparse without making an object per line.
 */
/**
 * What the CSV reads beside a line's own columns: its partner's name, the carrier's circuit reference and its clock's
 * measure (business|clock).
 */
export type LineContext = 'partnerName' | 'carrierCircuitRef' | 'measure';

export function reportLineValuesPage(
  db: Db,
  month: string,
  columns: readonly (keyof ReportLineRow | LineContext)[],
  opts: { partnerId?: string | undefined; afterLineNo: number; limit: number },
): Promise<unknown[][]> {
  return withConnection(db, async () => {
    const byName: Record<string, string> = {
      ...Object.fromEntries(cols(penaltyReportLines).map(([k, c]) => [k, c.name])),
      month: '@month',
      partnerName: '(select p.name from partners p where p.id = partner_id)',
      // The line's circuit is the order it was delivered under (a fault's too).
      carrierCircuitRef: '(select o.carrier_circuit_ref from orders o where o.id = circuit_id)',
      measure: '(select o.measure from clock_outcomes o where o.id = outcome_id)',
    };
    const [after, last] = await lineRange(db, month, opts.partnerId, opts.afterLineNo);
    return (await statement(
      db,
      `select ${columns.map((k) => byName[k]).join(', ')}, line_no from penalty_report_lines
        where build_id = ${currentBuild} and line_no > @after and line_no <= @last order by line_no limit @limit`,
    )
      .raw()
      .all({ month, after, last, limit: opts.limit })) as unknown[][];
  });
}

export function reportTotals(db: Db, months: string[]): Promise<Omit<ReportTotalRow, 'firstLineNo' | 'lastLineNo'>[]> {
  return withConnection(db, async () => {
    if (months.length === 0) return [];
    return (await statement(
      db,
      `select month, partner_id as partnerId, currency, lines, amount_before_caps_minor as amountBeforeCapsMinor,
              amount_after_caps_minor as amountAfterCapsMinor
         from penalty_report_totals where month in (${months.map(() => '?').join(', ')}) order by month desc, partner_id, currency`,
    ).all(...months)) as Omit<ReportTotalRow, 'firstLineNo' | 'lastLineNo'>[];
  });
}

export function reportConformance(db: Db, month: string): Promise<ConformanceRow[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select month, partner_id as partnerId, ola_id as olaId, metric, entity_type as entityType, met, breached
         from penalty_report_conformance where month = ? order by partner_id, ola_id`,
    ).all(month)) as ConformanceRow[];
  });
}

export function reportServiceTimes(db: Db, month: string): Promise<ServiceTimeRow[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select month, partner_id as partnerId, orders_completed as ordersCompleted, mean_time_to_provide_ms as meanTimeToProvideMs,
              tickets_resolved as ticketsResolved, mean_time_to_restore_ms as meanTimeToRestoreMs
         from penalty_report_service_times where month = ? order by partner_id`,
    ).all(month)) as ServiceTimeRow[];
  });
}
