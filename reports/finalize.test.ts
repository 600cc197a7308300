import { afterEach, describe, expect, it } from 'vitest';
import { statement } from '../db/execute.js';
import { copyBilledLines, reportState } from '../db/repositories/penalty-reports.js';
import { startReportBuild } from '../db/repositories/report-builds.js';
import { finalizeDraft } from './finalize.js';
import { storeReportFiles } from './snapshot.js';
import { generateDraft, getPenaltyReport, isRefusal, waiveBreach } from './index.js';
import { reportFixture, type ReportFixture } from './test-fixtures.js';

const TZ = 'Europe/London';
const MONTH = '2026-10';

describe('finalizing a month in short transactions', () => {
  let fx: ReportFixture;
  afterEach(() => fx?.close());
  const generate = async (month = MONTH) => {
    const r = await generateDraft(fx.db, { month, timeZone: TZ, now: fx.now, by: 'test' });
    if (isRefusal(r)) throw new Error(r.message);
    return r;
  };
  const billedRows = (month = MONTH) =>
    statement(fx.db, 'select count(*) from penalty_billed where month = ?').pluck<number>().get(month);
  const slots = () => statement(fx.db, 'select count(*) from penalty_report_builds where state = ?').pluck<number>();
  /** Seven breaches final in October from one partner. */
  const sevenBreaches = async () => {
    const a = await fx.addPartner('Alpha');
    for (let day = 1; day <= 7; day++) await fx.breach(a, { clause: 'flat', finalAt: `2026-10-0${day}T12:00:00Z` });
  };

  it('copies what the draft bills a few lines per transaction, then freezes it, and gives the build slot back', async () => {
    fx = await reportFixture();
    await sevenBreaches();
    expect((await generate()).lines).toBe(7);

    expect(await finalizeDraft(fx.db, MONTH, 'key_fin', fx.now.toISOString(), 3)).toBe('final');
    expect(await billedRows()).toBe(7);
    expect(await getPenaltyReport(fx.db, MONTH)).toMatchObject({ state: 'final', finalizedBy: 'key_fin' });
    expect(await slots().get('building')).toBe(0);
    expect(await finalizeDraft(fx.db, MONTH, 'key_fin', fx.now.toISOString(), 3)).toBe('already_final');
  });

  it('is refused while the month is being generated, and copies nothing', async () => {
    fx = await reportFixture();
    await sevenBreaches();
    await generate();
    const generation = await startReportBuild(fx.db, MONTH, new Date().toISOString(), new Date(0).toISOString());
    expect('buildId' in generation).toBe(true);

    expect(await finalizeDraft(fx.db, MONTH, 'key_fin', fx.now.toISOString(), 3)).toBe('busy');
    expect(await billedRows()).toBe(0);
    expect((await reportState(fx.db, MONTH))?.state).toBe('draft');
  });

  it('rows a stopped finalization left behind are unseen, and the next finalization clears them first', async () => {
    fx = await reportFixture();
    await sevenBreaches();
    await generate();
    // A finalization that stopped after copying the first four lines and storing the CSV files.
    await copyBilledLines(fx.db, MONTH, (await reportState(fx.db, MONTH))!.buildId, 0, 4);
    await storeReportFiles(fx.db, MONTH);
    expect(await billedRows()).toBe(4);

    // Not billed yet: the month is a draft, so generating it again still prices all seven breaches.
    expect((await generate()).lines).toBe(7);
    expect(await finalizeDraft(fx.db, MONTH, 'key_fin', fx.now.toISOString(), 3)).toBe('final');
    expect(await billedRows()).toBe(7);
    const lineIds = await statement(fx.db, 'select line_id from penalty_billed where month = ? order by line_id')
      .pluck()
      .all(MONTH);
    const draftLineIds = await statement(
      fx.db,
      'select line_id from penalty_report_lines where build_id = (select build_id from penalty_reports where month = ?) order by line_id',
    )
      .pluck()
      .all(MONTH);
    expect(lineIds).toEqual(draftLineIds);
  });
});

describe("a frozen month's late news", () => {
  let fx: ReportFixture;
  afterEach(() => fx?.close());
  const later = new Date('2026-11-10T00:00:00Z');
  const lateNews = () =>
    statement(fx.db, 'select month, outcome_id as outcomeId from report_late_news order by outcome_id').all();

  it('is recorded as outcomes change and breaches are waived after the freeze, and becomes adjustments', async () => {
    fx = await reportFixture();
    const a = await fx.addPartner('Alpha');
    const revised = await fx.breach(a, { clause: 'hourly', finalAt: '2026-10-02T12:00:00Z', overrunHours: 1 });
    const waived = await fx.breach(a, { clause: 'flat', finalAt: '2026-10-03T12:00:00Z' });
    await fx.breach(a, { clause: 'flat', finalAt: '2026-10-04T12:00:00Z' }); // never touched again
    const draft = await generateDraft(fx.db, { month: MONTH, timeZone: TZ, now: fx.now, by: 'test' });
    expect(isRefusal(draft)).toBe(false);
    expect(await finalizeDraft(fx.db, MONTH, 'key_fin', fx.now.toISOString())).toBe('final');
    expect(await lateNews()).toEqual([]);

    // The repair was longer than first recorded (3 started hours, not 1); the flat breach is forgiven.
    await statement(
      fx.db,
      'update clock_outcomes set overrun_ms = ?, revision = revision + 1, updated_at = ? where id = ?',
    ).run(3 * 3_600_000, later.toISOString(), revised.id);
    await waiveBreach(fx.db, { breachId: waived.breachFactId!, reason: 'goodwill', by: 'key_fin', now: later });
    await fx.breach(a, { clause: 'flat', finalAt: '2026-11-02T12:00:00Z', recordedAt: later.toISOString() }); // November's own
    expect(await lateNews()).toEqual([revised.id, waived.id].sort().map((outcomeId) => ({ month: MONTH, outcomeId })));

    const nov = await generateDraft(fx.db, { month: '2026-11', timeZone: TZ, now: later, by: 'test' });
    if (isRefusal(nov)) throw new Error(nov.message);
    const novLines = await statement(
      fx.db,
      `select kind, outcome_id as outcomeId, amount_after_caps_minor as amount from penalty_report_lines
          where build_id = (select build_id from penalty_reports where month = '2026-11') order by line_no`,
    ).all();
    expect(novLines).toEqual([
      { kind: 'breach', outcomeId: expect.any(String), amount: 5000 },
      { kind: 'adjustment', outcomeId: revised.id, amount: 2000 },
      { kind: 'adjustment', outcomeId: waived.id, amount: -5000 },
    ]);
  });

  it('counts from the draft that was frozen: a change between generating and finalizing becomes an adjustment', async () => {
    fx = await reportFixture();
    const a = await fx.addPartner('Alpha');
    const revised = await fx.breach(a, { clause: 'hourly', finalAt: '2026-10-02T12:00:00Z', overrunHours: 1 });
    const draft = await generateDraft(fx.db, { month: MONTH, timeZone: TZ, now: fx.now, by: 'test' });
    expect(isRefusal(draft)).toBe(false);
    // Revised after the draft was generated, before finance froze it: the frozen line still says 1 started hour.
    const between = new Date(fx.now.getTime() + 3_600_000).toISOString();
    await statement(
      fx.db,
      'update clock_outcomes set overrun_ms = ?, revision = revision + 1, updated_at = ? where id = ?',
    ).run(2 * 3_600_000, between, revised.id);
    expect(await finalizeDraft(fx.db, MONTH, 'key_fin', new Date(fx.now.getTime() + 7_200_000).toISOString())).toBe(
      'final',
    );

    const nov = await generateDraft(fx.db, { month: '2026-11', timeZone: TZ, now: later, by: 'test' });
    if (isRefusal(nov)) throw new Error(nov.message);
    const adjustments = await statement(
      fx.db,
      `select outcome_id as outcomeId, amount_after_caps_minor as amount from penalty_report_lines
          where build_id = (select build_id from penalty_reports where month = '2026-11') and kind = 'adjustment'`,
    ).all();
    expect(adjustments).toEqual([{ outcomeId: revised.id, amount: 1000 }]);
  });
});
