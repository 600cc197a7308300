import type { Db } from '../db/client.js';
import { getReport, type ReportRow } from '../db/repositories/penalty-reports.js';
import { getBreachFact, getWaiver, insertWaiver, type WaiverRow } from '../db/repositories/waivers.js';
import { sweepReportBuilds } from '../db/repositories/report-builds.js';
import { buildMonthlyReport, STALE_BUILD_MS, type BuildReportResult } from './build-report.js';
import { finalizeDraft } from './finalize.js';
import { isComplete, previousMonth } from './month.js';

/** What finance does with reports and breaches; handlers map each refusal to an HTTP problem. */
export type Refusal = {
  refused: 'not_found' | 'conflict' | 'unprocessable';
  message: string;
  retryLater?: boolean;
  /** For an unprocessable request: the field that is wrong (its problem's path). */
  field?: string;
};

/**
 * Generates a month's draft; refused (409, try again later) while another generation of the same month is running, or
 * when breaches changed under it.
 */
export async function generateDraft(
  db: Db,
  input: { month: string; timeZone: string; now: Date; by: string },
): Promise<BuildReportResult | Refusal> {
  const result = await buildMonthlyReport(db, {
    month: input.month,
    timeZone: input.timeZone,
    now: input.now,
    generatedBy: input.by,
  });
  if (result.outcome === 'busy')
    return {
      refused: 'conflict',
      message: `the ${input.month} report is being generated already; try again when it is done`,
      retryLater: true,
    };
  if (result.outcome === 'changed')
    return {
      refused: 'conflict',
      message: `breaches of ${input.month} changed while its report was being generated; generate it again`,
      retryLater: true,
    };
  if (result.outcome === 'final')
    return {
      refused: 'conflict',
      message: `the ${input.month} report is final; later changes go into the next open month as adjustments`,
    };
  return result;
}

/** The 1st-of-the-month schedule: the draft of the month before the one `at` falls in. */
export function generatePreviousMonthDraft(
  db: Db,
  input: { at: Date; timeZone: string; now: Date },
): Promise<BuildReportResult | Refusal> {
  return generateDraft(db, {
    month: previousMonth(input.at, input.timeZone),
    timeZone: input.timeZone,
    now: input.now,
    by: 'schedule',
  });
}

/**
 * Freezes a month's draft as it stands (reports/finalize.ts: in short transactions). Only a month that is over, and
 * only a draft generated since, can be frozen.
 */
export async function finalizeMonth(
  db: Db,
  input: { month: string; timeZone: string; now: Date; by: string },
): Promise<ReportRow | Refusal> {
  if (!isComplete(input.month, input.now, input.timeZone)) {
    return {
      refused: 'unprocessable',
      message: `${input.month} is not over yet (finance time zone ${input.timeZone}); a month can be finalized once it has ended`,
    };
  }
  const report = await getReport(db, input.month);
  if (!report)
    return { refused: 'conflict', message: `there is no ${input.month} report to finalize; generate its draft first` };
  if (report.state === 'final')
    return { refused: 'conflict', message: `the ${input.month} report was finalized at ${report.finalizedAt}` };
  if (Date.parse(report.generatedAt) < Date.parse(report.periodEnd)) {
    return {
      refused: 'conflict',
      message: `the ${input.month} draft was generated before the month ended; generate it again, then finalize`,
    };
  }
  const outcome = await finalizeDraft(db, input.month, input.by, input.now.toISOString());
  if (outcome === 'busy' || outcome === 'changed')
    return {
      refused: 'conflict',
      message:
        outcome === 'busy'
          ? `the ${input.month} report is being generated or finalized; try again when it is done`
          : `the ${input.month} draft was generated again while it was being finalized; finalize it again`,
      retryLater: true,
    };
  const after = await getReport(db, input.month);
  if (outcome === 'final' && after) return after;
  return {
    refused: 'conflict',
    message:
      after?.state === 'final'
        ? `the ${input.month} report was finalized at ${after.finalizedAt}`
        : `there is no ${input.month} report to finalize; generate its draft first`,
  };
}

/** Waives a breach (audited: who, when, why). Its line prices at 0 from the next draft, or as an adjustment. */
export async function waiveBreach(
  db: Db,
  input: { breachId: string; reason: string; by: string; now: Date },
): Promise<WaiverRow | Refusal> {
  if (!(await getBreachFact(db, input.breachId)))
    return { refused: 'not_found', message: `no breach ${input.breachId}` };
  const waiver = await insertWaiver(db, {
    breachFactId: input.breachId,
    reason: input.reason,
    waivedBy: input.by,
    waivedAt: input.now.toISOString(),
  });
  if (!waiver)
    return {
      refused: 'conflict',
      message: `breach ${input.breachId} was waived already at ${(await getWaiver(db, input.breachId))?.waivedAt}`,
    };
  return waiver;
}

/** Start-up clean-up: lines of report builds that were replaced, failed, or left behind by a stopped process. */
export const sweepReportDrafts = async (db: Db, now: Date) =>
  await sweepReportBuilds(db, new Date(now.getTime() - STALE_BUILD_MS).toISOString());

export const isRefusal = (value: object): value is Refusal => 'refused' in value;
