import { afterEach, describe, expect, it } from 'vitest';
import { statement } from '../db/execute.js';
import { reportLinesPage } from '../db/repositories/penalty-reports.js';
import { failReportBuild, purgeReportBuild, startReportBuild } from '../db/repositories/report-builds.js';
import { ReportInputsChanged, stageReportLines, type StagedLine } from '../db/repositories/report-lines-staging.js';
import { generateDraft, isRefusal, sweepReportDrafts } from './service.js';
import { STALE_BUILD_MS } from './build-report.js';
import { reportFixture, type ReportFixture } from './test-fixtures.js';

const TZ = 'Europe/London';
const MONTH = '2026-10';
const lineIds = async (db: Parameters<typeof reportLinesPage>[0]) =>
  (await reportLinesPage(db, MONTH, { afterLineNo: 0, limit: 100 })).map((l) => l.lineId);
const buildRows = (db: Parameters<typeof reportLinesPage>[0]) =>
  statement(
    db,
    'select id, state, (select count(*) from penalty_report_lines l where l.build_id = b.id) as lines from penalty_report_builds b order by id',
  ).all();

/** The current draft's lines as a build would stage them again (same outcomes, priced the same). */
const stagedCopies = async (db: Parameters<typeof reportLinesPage>[0], revisionOffset = 0): Promise<StagedLine[]> => {
  const outcomeRowid = statement(db, 'select rowid from clock_outcomes where id = ?').pluck<number>();
  const copies: StagedLine[] = [];
  for (const l of await reportLinesPage(db, MONTH, { afterLineNo: 0, limit: 100 })) {
    copies.push([
      l.lineNo,
      l.lineId,
      l.kind,
      l.adjustsLineId,
      (await outcomeRowid.get(l.outcomeId))!,
      l.outcomeId,
      l.outcomeRevision + revisionOffset,
      l.clauseKind,
      l.unit,
      l.overrunUnits,
      l.chargeableUnits,
      l.rate,
      l.amountBeforeCapsMinor,
      l.amountAfterBreachCapMinor,
      l.amountAfterCapsMinor,
      l.currency,
      l.cappedBy,
      l.waiverId,
      l.waiverReason,
      l.explanation,
    ]);
  }
  return copies;
};

describe('staged penalty report builds', () => {
  let fx: ReportFixture;
  afterEach(() => fx?.close());

  async function withDraft() {
    fx = await reportFixture();
    const a = await fx.addPartner('Alpha');
    await fx.breach(a, { clause: 'flat', finalAt: '2026-10-02T12:00:00Z' });
    await fx.breach(a, { clause: 'hourly', finalAt: '2026-10-03T12:00:00Z' });
    return a;
  }
  const generate = () => generateDraft(fx.db, { month: MONTH, timeZone: TZ, now: fx.now, by: 'test' });

  it('re-generating leaves one current build; the lines of the build it replaced are purged', async () => {
    await withDraft();
    await generate();
    await generate();
    expect(await buildRows(fx.db)).toEqual([{ id: 2, state: 'current', lines: 2 }]);
    expect(await lineIds(fx.db)).toEqual(['2026-10/1', '2026-10/2']);
  });

  it('gives the month to one of many builds starting at once, from any process; the others are refused as busy', async () => {
    await withDraft();
    // Six connections open first (on PostgreSQL), so the six starts below run side by side rather than one by one.
    await Promise.all(Array.from({ length: 6 }, () => statement(fx.db, 'select 1').get()));
    const started = await Promise.all(
      Array.from({ length: 6 }, () => startReportBuild(fx.db, MONTH, fx.now.toISOString(), '1970-01-01T00:00:00Z')),
    );
    expect(started.filter((s) => 'buildId' in s)).toHaveLength(1);
    expect(started.filter((s) => 'refused' in s && s.refused === 'busy')).toHaveLength(5);
  });

  it('while a build of the month runs another is refused (409, retry later) and readers keep seeing the earlier draft', async () => {
    await withDraft();
    await generate();
    const running = await startReportBuild(fx.db, MONTH, fx.now.toISOString(), '1970-01-01T00:00:00Z');
    if (!('buildId' in running)) throw new Error('expected a build');
    await stageReportLines(fx.db, running.buildId, [], new Date().toISOString());
    const refused = await generate();
    expect(refused).toMatchObject({ refused: 'conflict', retryLater: true });
    expect(await lineIds(fx.db)).toEqual(['2026-10/1', '2026-10/2']);
    expect(await buildRows(fx.db)).toEqual([
      { id: 1, state: 'current', lines: 2 },
      { id: 2, state: 'building', lines: 0 },
    ]);
  });

  it('a build whose heartbeat stopped is taken for dead: the next generation fails it and goes ahead', async () => {
    await withDraft();
    const longAgo = new Date(Date.now() - 2 * STALE_BUILD_MS).toISOString();
    const dead = await startReportBuild(fx.db, MONTH, longAgo, '1970-01-01T00:00:00Z');
    if (!('buildId' in dead)) throw new Error('expected a build');
    const result = await generate();
    expect(isRefusal(result)).toBe(false);
    expect(await buildRows(fx.db)).toEqual([
      { id: 1, state: 'failed', lines: 0 },
      { id: 2, state: 'current', lines: 2 },
    ]);
  });

  it('a failed build changes nothing readers see and its staged lines are purged; a finalized month refuses new builds', async () => {
    await withDraft();
    await generate();
    const build = await startReportBuild(fx.db, MONTH, fx.now.toISOString(), '1970-01-01T00:00:00Z');
    if (!('buildId' in build)) throw new Error('expected a build');
    await stageReportLines(fx.db, build.buildId, await stagedCopies(fx.db), new Date().toISOString());
    expect(await buildRows(fx.db)).toEqual([
      { id: 1, state: 'current', lines: 2 },
      { id: 2, state: 'building', lines: 2 },
    ]);
    await failReportBuild(fx.db, build.buildId);
    expect(await purgeReportBuild(fx.db, build.buildId, 1)).toBe(2);
    expect(await buildRows(fx.db)).toEqual([{ id: 1, state: 'current', lines: 2 }]);
    expect(await lineIds(fx.db)).toEqual(['2026-10/1', '2026-10/2']);
    await expect(stageReportLines(fx.db, build.buildId, [], new Date().toISOString())).rejects.toThrow(
      /no longer building/,
    );

    await statement(fx.db, `update penalty_reports set state = 'final' where month = ?`).run(MONTH);
    expect(await startReportBuild(fx.db, MONTH, fx.now.toISOString(), '1970-01-01T00:00:00Z')).toEqual({
      refused: 'final',
    });
  });

  it('a staged line is a copy of the line its outcome priced to; an outcome revised since it was priced fails the batch', async () => {
    await withDraft();
    await generate();
    const build = await startReportBuild(fx.db, MONTH, fx.now.toISOString(), '1970-01-01T00:00:00Z');
    if (!('buildId' in build)) throw new Error('expected a build');
    await stageReportLines(fx.db, build.buildId, await stagedCopies(fx.db), new Date().toISOString());
    const copied = await statement(fx.db, 'select * from penalty_report_lines where build_id = ? order by line_no').all(
      build.buildId,
    );
    const current = await statement(
      fx.db,
      'select * from penalty_report_lines where build_id = 1 order by line_no',
    ).all();
    expect(copied).toEqual(current.map((l) => ({ ...(l as object), build_id: build.buildId })));

    const again = await startReportBuild(fx.db, '2026-11', fx.now.toISOString(), '1970-01-01T00:00:00Z');
    if (!('buildId' in again)) throw new Error('expected a build');
    const copies = await stagedCopies(fx.db, -1);
    await expect(stageReportLines(fx.db, again.buildId, copies, new Date().toISOString())).rejects.toThrow(
      ReportInputsChanged,
    );
    expect(await buildRows(fx.db)).toContainEqual({ id: again.buildId, state: 'building', lines: 0 });
  });

  it('the start-up sweep fails builds left behind by a stopped process and purges them; a live build is left alone', async () => {
    await withDraft();
    await generate();
    const longAgo = new Date(Date.now() - 2 * STALE_BUILD_MS).toISOString();
    const dead = await startReportBuild(fx.db, '2026-09', longAgo, '1970-01-01T00:00:00Z');
    const live = await startReportBuild(fx.db, '2026-08', new Date().toISOString(), '1970-01-01T00:00:00Z');
    expect('buildId' in dead && 'buildId' in live).toBe(true);
    expect(await sweepReportDrafts(fx.db, new Date())).toEqual({ purgedBuildIds: [2], linesPurged: 0 });
    expect(await buildRows(fx.db)).toEqual([
      { id: 1, state: 'current', lines: 2 },
      { id: 3, state: 'building', lines: 0 },
    ]);
  });
});
