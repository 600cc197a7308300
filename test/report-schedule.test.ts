import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Client } from '@temporalio/client';
import { getReport, reportLinesPage } from '../db/repositories/penalty-reports.js';
import { monthPeriod, previousMonth } from '../reports/month.js';
import { reportFixture, type ReportFixture } from '../reports/test-fixtures.js';
import { connectTemporal } from '../workers/client.js';
import { ensureMonthlyReportSchedule } from '../workers/report-schedule.js';
import { createWorker } from '../workers/worker.js';
import { waitFor } from './support/wait.js';
import { withoutCarriers } from './support/no-carriers.js';
import { testOutbound } from './support/outbound.js';

/** The monthly penalty report schedule on the run's real Temporal dev server, its workflow and activity included. */
describe('monthly penalty report schedule (real Temporal)', () => {
  let fx: ReportFixture;
  const taskQueue = `reports-${randomUUID()}`;
  const scheduleId = `test-monthly-report-${randomUUID()}`;
  let client: Client;
  let stopWorker: () => Promise<void>;

  beforeAll(async () => {
    fx = await reportFixture();
    const address = inject('temporalAddress');
    client = await connectTemporal(address, 'default');
    const { worker, connection } = await createWorker({
      address,
      namespace: 'default',
      taskQueue,
      deps: {
        db: fx.db,
        log: pino({ level: 'silent' }),
        now: () => new Date(),
        financeTimeZone: 'Europe/Paris',
        ...withoutCarriers,
        outbound: testOutbound,
      },
    });
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running;
      await connection.close();
    };
  }, 60_000);

  afterAll(async () => {
    await client?.schedule
      .getHandle(scheduleId)
      .delete()
      .catch(() => undefined);
    await stopWorker?.();
    await client?.connection.close();
    await fx?.close();
  });

  it('is created idempotently for the 1st of each month in the finance time zone, and a run drafts the previous month', async () => {
    const month = previousMonth(new Date(), 'Europe/Paris');
    const period = monthPeriod(month, 'Europe/Paris');
    const partner = await fx.addPartner('Alpha');
    const middle = new Date((Date.parse(period.startsAt) + Date.parse(period.endsAt)) / 2).toISOString();
    await fx.breach(partner, { clause: 'flat', finalAt: middle });

    await ensureMonthlyReportSchedule(client, { timeZone: 'Europe/Paris', taskQueue, scheduleId });
    await ensureMonthlyReportSchedule(client, { timeZone: 'Europe/Paris', taskQueue, scheduleId });
    const handle = client.schedule.getHandle(scheduleId);
    const described = await handle.describe();
    expect(described.spec.timezone).toBe('Europe/Paris');
    expect(described.spec.calendars?.[0]).toMatchObject({
      dayOfMonth: [{ start: 1, end: 1, step: 1 }],
      hour: [{ start: 2, end: 2, step: 1 }],
    });
    expect(Date.parse(described.info.nextActionTimes[0]!.toISOString())).toBeGreaterThan(Date.now());

    await handle.trigger();
    const report = await waitFor(async () => await getReport(fx.db, month), {
      timeoutMs: 30_000,
      what: `the ${month} draft`,
    });
    expect(report).toMatchObject({ state: 'draft', timeZone: 'Europe/Paris', generatedBy: 'schedule', lineCount: 1 });
    expect((await reportLinesPage(fx.db, month, { afterLineNo: 0, limit: 10 }))[0]).toMatchObject({
      clause: 'flat',
      amountAfterCapsMinor: 5000,
    });
  }, 60_000);
});
