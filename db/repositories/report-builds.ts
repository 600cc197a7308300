import { statement } from '../execute.js';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { withConnection, writeTransaction } from '../access.js';
import type { Db } from '../client.js';
import { penaltyReportConformance, penaltyReportServiceTimes, penaltyReportTotals } from '../schema.js';
import {
  cols,
  type ConformanceRow,
  type ReportRow,
  type ReportTotalRow,
  type ServiceTimeRow,
} from './penalty-reports.js';
import { lockName } from '../row-locks.js';

/**
 * Staged report builds (see penaltyReportBuilds in db/schema-reports.ts), as coverage versions are staged: lines are
 * written in short IMMEDIATE transactions under a build no reader sees, then one short transaction makes it current.
 */

const insertSql = (table: string, columns: [string, { name: string }][]) =>
  `insert into ${table} (${columns.map(([, c]) => c.name).join(', ')}) values (${columns.map(([k]) => `@${k}`).join(', ')})`;

export type StartedBuild = { buildId: number } | { refused: 'final' | 'busy' };

/**
 * Starts a build of `month`: refused when the month is final, or while another build of it is running (its heartbeat
 * newer than `staleBefore`); a build whose heartbeat is older is taken for dead and marked failed.
 */
export function startReportBuild(db: Db, month: string, now: string, staleBefore: string): Promise<StartedBuild> {
  return withConnection(db, async () => {
    return await writeTransaction(db, async (): Promise<StartedBuild> => {
      // Builds and finalizations of one month, from any process, take the slot one at a time.
      await lockName(db, `report:${month}`);
      const state = await statement(db, 'select state from penalty_reports where month = ?').pluck().get(month);
      if (state === 'final') return { refused: 'final' };
      await statement(
        db,
        `update penalty_report_builds set state = 'failed' where month = ? and state = 'building' and heartbeat_at < ?`,
      ).run(month, staleBefore);
      if (await statement(db, `select 1 from penalty_report_builds where month = ? and state = 'building'`).get(month))
        return { refused: 'busy' };
      const id = (await statement(
        db,
        `insert into penalty_report_builds (month, state, started_at, heartbeat_at) values (?, 'building', ?, ?) returning id`,
      )
        .pluck()
        .get(month, now, now)) as number;
      return { buildId: id };
    });
  });
}

export type BuiltReport = {
  header: Omit<ReportRow, 'lineCount' | 'finalizedAt' | 'finalizedBy' | 'state' | 'buildId'>;
  lineCount: number;
  totals: ReportTotalRow[];
  conformance: ConformanceRow[];
  serviceTimes: ServiceTimeRow[];
};

/**
 * The switch readers see, in one short transaction: the build becomes the month's draft (header, totals, conformance
 * and service times replaced with it) and the build it replaces is superseded. 'final' when the month was frozen
 * meanwhile (the build is failed instead). Returns the superseded build's id, for purging.
 */
export function makeReportBuildCurrent(
  db: Db,
  buildId: number,
  built: BuiltReport,
): Promise<{ outcome: 'written'; supersededId: number | null } | { outcome: 'final' }> {
  return withConnection(db, async () => {
    const { header } = built;
    return await writeTransaction(db, async () => {
      await lockName(db, `report:${header.month}`);
      const report = (await statement(db, 'select state, build_id as buildId from penalty_reports where month = ?').get(
        header.month,
      )) as { state: string; buildId: number } | undefined;
      if (report?.state === 'final') {
        await statement(db, `update penalty_report_builds set state = 'failed' where id = ?`).run(buildId);
        return { outcome: 'final' as const };
      }
      const flipped = await statement(
        db,
        `update penalty_report_builds set state = 'current' where id = ? and state = 'building'`,
      ).run(buildId);
      if (flipped.changes !== 1) throw new Error(`report build ${buildId} is no longer building`);
      const supersededId = report ? report.buildId : null;
      if (supersededId !== null)
        await statement(db, `update penalty_report_builds set state = 'superseded' where id = ?`).run(supersededId);
      for (const table of [
        'penalty_report_totals',
        'penalty_report_conformance',
        'penalty_report_service_times',
        'penalty_reports',
      ]) {
        await statement(db, `delete from ${table} where month = ?`).run(header.month);
      }
      const total = statement(db, insertSql('penalty_report_totals', cols(penaltyReportTotals)));
      for (const row of built.totals) await total.run(row);
      const conformance = statement(db, insertSql('penalty_report_conformance', cols(penaltyReportConformance)));
      for (const row of built.conformance) await conformance.run(row);
      const serviceTime = statement(db, insertSql('penalty_report_service_times', cols(penaltyReportServiceTimes)));
      for (const row of built.serviceTimes) await serviceTime.run(row);
      await statement(
        db,
        `insert into penalty_reports (month, state, time_zone, period_start, period_end, line_count, generated_at, generated_by, build_id)
           values (?, 'draft', ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        header.month,
        header.timeZone,
        header.periodStart,
        header.periodEnd,
        built.lineCount,
        header.generatedAt,
        header.generatedBy,
        buildId,
      );
      return { outcome: 'written' as const, supersededId };
    });
  });
}

/** Beats a build's heart (it is alive: not taken for dead after STALE_BUILD_MS); throws once it is not building. */
export function beatReportBuild(db: Db, buildId: number, now: string): Promise<void> {
  return withConnection(db, async () => {
    const alive = await writeTransaction(
      db,
      async () =>
        await statement(
          db,
          `update penalty_report_builds set heartbeat_at = ? where id = ? and state = 'building'`,
        ).run(now, buildId),
    );
    if (alive.changes !== 1) throw new Error(`report build ${buildId} is no longer building`);
  });
}

/** A build that will never become current (its builder threw); its lines are purged separately. */
export function failReportBuild(db: Db, buildId: number): Promise<void> {
  return withConnection(db, async () => {
    await writeTransaction(
      db,
      async () =>
        await statement(
          db,
          `update penalty_report_builds set state = 'failed' where id = ? and state = 'building'`,
        ).run(buildId),
    );
  });
}

/**
 * Deletes a failed or superseded build's lines a primary-key range per transaction, yielding between batches so a
 * million-line purge never holds the write lock (or the event loop) for long; then the build's row.
 */
export async function purgeReportBuild(db: Db, buildId: number, batchSize = 20_000): Promise<number> {
  const last = await withConnection(
    db,
    async () =>
      ((await statement(db, 'select max(line_no) from penalty_report_lines where build_id = ?')
        .pluck()
        .get(buildId)) as number | null) ?? 0,
  );
  const deleteRange = statement(
    db,
    'delete from penalty_report_lines where build_id = ? and line_no > ? and line_no <= ?',
  );
  let purged = 0;
  for (let from = 0; from < last; from += batchSize) {
    purged += await writeTransaction(db, async () => (await deleteRange.run(buildId, from, from + batchSize)).changes);
    await yieldToEventLoop();
  }
  await writeTransaction(
    db,
    async () =>
      await statement(db, `delete from penalty_report_builds where id = ? and state in ('failed', 'superseded')`).run(
        buildId,
      ),
  );
  return purged;
}

/**
 * Start-up clean-up: builds left `building` by a process that is gone (heartbeat older than `staleBefore`) are
 * failed, then every failed or superseded build's lines are purged. No reader sees them; it runs beside traffic.
 */
export async function sweepReportBuilds(
  db: Db,
  staleBefore: string,
): Promise<{ purgedBuildIds: number[]; linesPurged: number }> {
  await writeTransaction(
    db,
    async () =>
      await statement(
        db,
        `update penalty_report_builds set state = 'failed' where state = 'building' and heartbeat_at < ?`,
      ).run(staleBefore),
  );
  const ids = await withConnection(
    db,
    async () =>
      (await statement(db, `select id from penalty_report_builds where state in ('failed', 'superseded') order by id`)
        .pluck()
        .all()) as number[],
  );
  let linesPurged = 0;
  for (const id of ids) linesPurged += await purgeReportBuild(db, id);
  return { purgedBuildIds: ids, linesPurged };
}
