import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { MONTHLY_REPORT_SCHEDULE_ID, monthlyReportAt, monthlyReportRunId, TASK_QUEUE } from './config.js';
import { monthlyPenaltyReportWorkflow } from './monthly-report.workflow.js';

/**
 * Creates the monthly report schedule, or brings an existing one up to date (time zone, task queue): safe on
 * every start of the platform or a worker.
 */
export async function ensureMonthlyReportSchedule(
  client: Client,
  opts: { timeZone: string; taskQueue?: string; scheduleId?: string },
): Promise<string> {
  const scheduleId = opts.scheduleId ?? MONTHLY_REPORT_SCHEDULE_ID;
  const spec = {
    calendars: [{ dayOfMonth: monthlyReportAt.dayOfMonth, hour: monthlyReportAt.hour, minute: monthlyReportAt.minute }],
    timezone: opts.timeZone,
  };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: monthlyPenaltyReportWorkflow,
    workflowId: monthlyReportRunId(scheduleId),
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    args: [] as [],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
  return scheduleId;
}
