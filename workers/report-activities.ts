import { ApplicationFailure } from '@temporalio/activity';
import { DEFAULT_FINANCE_TIME_ZONE, generatePreviousMonthDraft, isRefusal } from '../reports/index.js';
import type { ActivityDeps } from './activity-deps.js';

export function createReportActivities(deps: ActivityDeps) {
  return {
    /** The schedule's draft of the month before `at` (finance time zone). A month already final is left alone. */
    async generatePreviousMonthReport(at: string): Promise<{ month: string; lines: number }> {
      const timeZone = deps.financeTimeZone ?? DEFAULT_FINANCE_TIME_ZONE;
      const result = await generatePreviousMonthDraft(deps.db, { at: new Date(at), timeZone, now: deps.now() });
      // Another generation of the month is running: Temporal retries this one after it.
      if (isRefusal(result) && result.retryLater) throw ApplicationFailure.retryable(result.message, 'ReportBusy');
      if (isRefusal(result)) throw ApplicationFailure.nonRetryable(result.message, 'ReportFinal');
      deps.log.info({ month: result.month, lines: result.lines }, 'monthly penalty report drafted');
      return { month: result.month, lines: result.lines };
    },
  };
}
export type ReportActivities = ReturnType<typeof createReportActivities>;
