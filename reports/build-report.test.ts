import { afterEach, describe, expect, it } from 'vitest';
import { reportLinesPage } from '../db/repositories/penalty-reports.js';
import { BUILD_PAGE_ROWS } from './build-report.js';
import { reportFixture, type ReportFixture } from './test-fixtures.js';
import { finalizeMonth, generateDraft, getPenaltyReport, isRefusal, reportCsvChunks, waiveBreach } from './index.js';

const TZ = 'Europe/London';
async function csvOf(db: Parameters<typeof reportCsvChunks>[0], month: string, partnerId?: string) {
  let csv = '';
  for await (const chunk of reportCsvChunks(db, month, { partnerId, pageRows: 2 })) csv += chunk;
  return csv;
}
const lines = async (db: Parameters<typeof reportLinesPage>[0], month: string) =>
  await reportLinesPage(db, month, { afterLineNo: 0, limit: 1000 });

describe('monthly penalty report builder', () => {
  let fx: ReportFixture;
  afterEach(() => fx?.close());
  const generate = async (month: string, now = fx.now) => {
    const r = await generateDraft(fx.db, { month, timeZone: TZ, now, by: 'test' });
    if (isRefusal(r)) throw new Error(r.message);
    return r;
  };

  it('one line per breach final in the month (finance time zone), priced by its clause, totals per partner and currency', async () => {
    fx = await reportFixture();
    const a = await fx.addPartner('Alpha');
    const b = await fx.addPartner('Beta');
    await fx.breach(a, { clause: 'hourly', finalAt: '2026-10-10T12:00:00Z', overrunHours: 2.5 }); // 3 started hours x 10.00
    await fx.breach(a, { clause: 'flat', finalAt: '2026-10-20T12:00:00Z' });
    await fx.breach(a, { clause: 'flat', finalAt: '2026-09-30T23:30:00Z' }); // 00:30 on 1 Oct in London: October
    await fx.breach(a, { clause: 'flat', finalAt: '2026-10-31T23:30:00Z' }); // 23:30 GMT on 31 Oct: October
    await fx.breach(a, { clause: 'flat', finalAt: '2026-11-01T00:30:00Z' }); // November
    await fx.breach(a, { clause: 'flat', finalAt: '2026-10-15T00:00:00Z', state: 'met' });
    await fx.breach(b, { clause: 'share', finalAt: '2026-10-12T08:00:00Z', monthly: 120_000, currency: 'USD' });
    await fx.breach(b, { clause: 'flat', finalAt: '2026-10-13T08:00:00Z' });
    expect((await generate('2026-10')).lines).toBe(6);
    const rows = await lines(fx.db, '2026-10');
    expect(rows.map((l) => [l.partnerId === a.id ? 'A' : 'B', l.clause, l.amountAfterCapsMinor, l.currency])).toEqual(
      expect.arrayContaining([
        ['A', 'hourly', 3000, 'GBP'],
        ['B', 'share', 12_000, 'USD'],
        ['B', 'flat', 5000, 'GBP'],
      ]),
    );
    expect(rows.find((l) => l.clause === 'hourly')).toMatchObject({
      unit: 'startedHour',
      overrunUnits: 3,
      chargeableUnits: 3,
    });
    const report = (await getPenaltyReport(fx.db, '2026-10'))!;
    const total = (p: string, c: string) =>
      report.totals.find((t) => t.partnerId === p && t.currency === c)?.amountAfterCapsMinor;
    expect(total(a.id, 'GBP')).toBe(3000 + 3 * 5000);
    expect(total(b.id, 'USD')).toBe(12_000);
    expect(total(b.id, 'GBP')).toBe(5000);
    expect(report.conformance.find((c) => c.partnerId === a.id && c.olaId === 'ola-flat')).toMatchObject({
      met: 1,
      breached: 3,
      percentage: 25,
    });
  });

  it('caps each partner per month in final-instant order; lines after caps add up to the totals', async () => {
    fx = await reportFixture({ caps: { monthly: { maxMinor: { GBP: 12_000 } } } });
    const a = await fx.addPartner('Alpha');
    for (const day of [3, 1, 2]) await fx.breach(a, { clause: 'flat', finalAt: `2026-10-0${day}T12:00:00Z` });
    await generate('2026-10');
    const rows = await lines(fx.db, '2026-10');
    expect(
      rows.map((l) => [l.finalAt.slice(8, 10), l.amountBeforeCapsMinor, l.amountAfterCapsMinor, l.cappedBy]),
    ).toEqual([
      ['01', 5000, 5000, null],
      ['02', 5000, 5000, null],
      ['03', 5000, 2000, 'monthly'],
    ]);
    expect((await getPenaltyReport(fx.db, '2026-10'))!.totals[0]).toMatchObject({
      amountBeforeCapsMinor: 15_000,
      amountAfterCapsMinor: 12_000,
    });
  });

  it('a waived breach prices at 0 and names its waiver; re-generating replaces the draft; the CSV is byte-identical on re-runs', async () => {
    fx = await reportFixture();
    const a = await fx.addPartner('Alpha');
    const waived = await fx.breach(a, { clause: 'flat', finalAt: '2026-10-02T12:00:00Z' });
    await fx.breach(a, { clause: 'hourly', finalAt: '2026-10-03T12:00:00Z' });
    await generate('2026-10');
    const first = await csvOf(fx.db, '2026-10');
    await generate('2026-10', new Date('2026-11-06T00:00:00Z'));
    expect(await csvOf(fx.db, '2026-10')).toBe(first);
    expect(first.split('\r\n')[0]).toMatch(/^\uFEFFline_id,kind,adjusts_line_id,partner_id,/);
    expect(first.split('\r\n').slice(1)).toEqual([
      expect.stringMatching(/^2026-10\/1,breach,,/),
      expect.stringMatching(/^2026-10\/2,breach,,/),
      '',
    ]);

    const waiver = await waiveBreach(fx.db, {
      breachId: waived.breachFactId!,
      reason: 'Carrier was blocked by our site access',
      by: 'key_fin',
      now: fx.now,
    });
    expect(isRefusal(waiver)).toBe(false);
    expect(
      isRefusal(
        await waiveBreach(fx.db, { breachId: waived.breachFactId!, reason: 'again', by: 'key_fin', now: fx.now }),
      ),
    ).toBe(true);
    await generate('2026-10');
    const line = (await lines(fx.db, '2026-10')).find((l) => l.outcomeId === waived.id)!;
    expect(line).toMatchObject({ amountAfterCapsMinor: 0, waiverReason: 'Carrier was blocked by our site access' });
    expect(line.waiverId).toMatch(/^wvr_/);
  });

  it('reads and prices a partner with more breaches than a page, ties on the final instant included, each once', async () => {
    fx = await reportFixture();
    const a = await fx.addPartner('Alpha');
    const count = BUILD_PAGE_ROWS + 500;
    // Five instants, so a page ends inside a run of breaches final at the same instant.
    for (let i = 0; i < count; i++) await fx.breach(a, { clause: 'flat', finalAt: `2026-10-1${i % 5}T12:00:00Z` });
    expect((await generate('2026-10')).lines).toBe(count);
    const rows = await reportLinesPage(fx.db, '2026-10', { afterLineNo: 0, limit: count + 1 });
    expect(new Set(rows.map((l) => l.outcomeId)).size).toBe(count);
    const order = rows.map((l) => `${l.finalAt} ${l.outcomeId}`);
    expect(order).toEqual([...order].sort());
  });

  it('a frozen month never changes; a later waiver and a late breach become adjustments in the next open month', async () => {
    fx = await reportFixture();
    const a = await fx.addPartner('Alpha');
    const billed = await fx.breach(a, { clause: 'flat', finalAt: '2026-10-02T12:00:00Z' });
    await generate('2026-10');
    expect(isRefusal(await finalizeMonth(fx.db, { month: '2026-11', timeZone: TZ, now: fx.now, by: 'key_fin' }))).toBe(
      true,
    );
    expect(await finalizeMonth(fx.db, { month: '2026-10', timeZone: TZ, now: fx.now, by: 'key_fin' })).toMatchObject({
      state: 'final',
    });
    const frozenCsv = await csvOf(fx.db, '2026-10');
    const original = (await lines(fx.db, '2026-10'))[0]!;

    const later = new Date('2026-11-10T00:00:00Z');
    await waiveBreach(fx.db, { breachId: billed.breachFactId!, reason: 'goodwill', by: 'key_fin', now: later });
    await fx.breach(a, {
      clause: 'hourly',
      finalAt: '2026-10-30T12:00:00Z',
      overrunHours: 1,
      recordedAt: later.toISOString(),
    });
    await fx.breach(a, { clause: 'flat', finalAt: '2026-11-03T12:00:00Z' });
    expect(isRefusal(await generateDraft(fx.db, { month: '2026-10', timeZone: TZ, now: later, by: 't' }))).toBe(true);
    await generate('2026-11', later);

    expect(await csvOf(fx.db, '2026-10')).toBe(frozenCsv);
    const nov = await lines(fx.db, '2026-11');
    expect(nov.map((l) => [l.kind, l.adjustsLineId, l.amountAfterCapsMinor])).toEqual([
      ['breach', null, 5000],
      ['adjustment', original.lineId, -5000],
      ['adjustment', null, 1000],
    ]);
    await generate('2026-11', later);
    expect(await lines(fx.db, '2026-11')).toHaveLength(3);
  });
});
