import type { Db } from '../db/client.js';
import { conformanceBetween } from '../db/repositories/conformance.js';
import {
  getReport,
  listReports,
  reportConformance,
  reportLinesPage,
  reportServiceTimes,
  reportTotals,
  type ReportLineRow,
  type ReportRow,
  type ReportTotalRow,
  type ServiceTimeRow,
} from '../db/repositories/penalty-reports.js';
import { addMonths, monthOf, monthPeriod } from './month.js';

/**
 * Read functions over stored penalty reports and clock outcomes, for the API and the dashboard (finance page,
 * partner scorecards). Totals are per partner and currency: currencies are never summed together.
 */

export type PartnerTotal = Omit<ReportTotalRow, 'month' | 'firstLineNo' | 'lastLineNo'>;
export type ReportSummary = ReportRow & { totals: PartnerTotal[] };
export type Conformance = {
  partnerId: string;
  olaId: string;
  metric: string;
  entityType: string;
  met: number;
  breached: number;
  percentage: number | null;
};
export type ReportView = ReportSummary & { conformance: Conformance[]; serviceTimes: Omit<ServiceTimeRow, 'month'>[] };

const percentage = (met: number, breached: number) =>
  met + breached === 0 ? null : Math.round((met / (met + breached)) * 10_000) / 100;
const withoutMonth = <T extends { month: string }>({ month, ...rest }: T): Omit<T, 'month'> => (void month, rest);

/** Every stored report, newest month first, with its state and per-partner, per-currency totals. */
export async function listPenaltyReports(db: Db): Promise<ReportSummary[]> {
  const reports = await listReports(db);
  const totals = await reportTotals(
    db,
    reports.map((r) => r.month),
  );
  return reports.map((r) => ({ ...r, totals: totals.filter((t) => t.month === r.month).map(withoutMonth) }));
}

/** One month's report without its lines (page those with penaltyReportLines), or undefined when none is stored. */
export async function getPenaltyReport(db: Db, month: string): Promise<ReportView | undefined> {
  const report = await getReport(db, month);
  if (!report) return undefined;
  return {
    ...report,
    totals: (await reportTotals(db, [month])).map(withoutMonth),
    conformance: (await reportConformance(db, month)).map((c) => ({
      ...withoutMonth(c),
      percentage: percentage(c.met, c.breached),
    })),
    serviceTimes: (await reportServiceTimes(db, month)).map(withoutMonth),
  };
}

/** A page of a report's lines in line order; `nextAfter` continues it (null at the end). */
export async function penaltyReportLines(
  db: Db,
  month: string,
  opts: { partnerId?: string | undefined; afterLineNo?: number; limit: number },
): Promise<{ lines: ReportLineRow[]; nextAfter: number | null }> {
  const rows = await reportLinesPage(db, month, {
    partnerId: opts.partnerId,
    afterLineNo: opts.afterLineNo ?? 0,
    limit: opts.limit + 1,
  });
  const lines = rows.slice(0, opts.limit);
  return { lines, nextAfter: rows.length > opts.limit ? lines.at(-1)!.lineNo : null };
}

export type MonthlyConformance = Conformance & { month: string };

/**
 * OLA conformance per partner, OLA and finance month for the last `months` months up to the one `now` falls in
 * (that one so far), from clock outcomes as they stand now: met / breached / percentage met.
 */
export async function conformanceHistory(
  db: Db,
  opts: { timeZone: string; now: Date; months?: number; partnerId?: string | undefined },
): Promise<MonthlyConformance[]> {
  const current = monthOf(opts.now, opts.timeZone);
  const result: MonthlyConformance[] = [];
  for (let back = (opts.months ?? 12) - 1; back >= 0; back -= 1) {
    const month = addMonths(current, -back);
    const period = monthPeriod(month, opts.timeZone);
    for (const c of await conformanceBetween(db, period.startsAt, period.endsAt, opts.partnerId)) {
      result.push({ month, ...c, percentage: percentage(c.met, c.breached) });
    }
  }
  return result;
}
