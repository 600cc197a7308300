// Workflow code (runs in the Temporal sandbox): imports only @temporalio/workflow and activity types.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from './activities.js';

const reports = proxyActivities<Activities>({
  // A big month is built in one activity (a million lines in seconds); retried if the worker dies mid-way.
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
});

/**
 * Started by the monthly schedule (workers/report-schedule.ts): drafts the penalty report of the month before the
 * one this run started in (finance time zone). Workflow time is the schedule's firing time, also on a retry.
 */
export async function monthlyPenaltyReportWorkflow(): Promise<{ month: string; lines: number }> {
  return reports.generatePreviousMonthReport(new Date(Date.now()).toISOString());
}
