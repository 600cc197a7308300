import { setImmediate } from 'node:timers/promises';
import type { Db } from '../db/client.js';
import { serviceTimesBetween } from '../db/repositories/conformance.js';
import { partnerIds } from '../db/repositories/partners.js';
import type { ReportTotalRow } from '../db/repositories/penalty-reports.js';
import {
  failReportBuild,
  makeReportBuildCurrent,
  purgeReportBuild,
  startReportBuild,
} from '../db/repositories/report-builds.js';
import { ReportInputsChanged, stageReportLines } from '../db/repositories/report-lines-staging.js';
import {
  addWaiversOf,
  breachOutcomesPage,
  finalMonths,
  lateNews,
  priorTotals,
  type OutcomeCursor,
  type OutcomeForReport,
  type WaiverRef,
} from '../db/repositories/report-inputs.js';
import { adjustmentsFor } from './adjustments.js';
import { conformanceInSlices } from './conformance-slices.js';
import { addMonths, monthPeriod } from './month.js';
import { pricePartnerMonth, stagedLine } from './partner-lines.js';
import { createPricer } from './price-outcome.js';

export { lineIdOf } from './partner-lines.js';

export type BuildReportInput = { month: string; timeZone: string; now: Date; generatedBy: string };
/** 'busy': another build of the month is running; 'changed': breaches changed while it was built (try again). */
export type BuildReportResult = { month: string; outcome: 'written' | 'final' | 'busy' | 'changed'; lines: number };

/**
 * Breaches read per query, priced per turn of the event loop, and staged per write transaction (each holds the write
 * lock for a few tens of milliseconds): a partner's 10,000 breaches read and priced in one go held the loop for about
 * 200 ms. Measured on the 1M-breach stress run (PostgreSQL): staging 5,000 lines a transaction kept more of them alive
 * across young-generation collections (RSS growth 163-177 MB against 152 MB); pages of 500 grew it as much (150 MB)
 * and took 71 s against 49 s. Reading in pages is consistent enough: anything that changes after the draft's
 * generation instant is late news for the month (report_late_news), so a frozen draft missing it is adjusted later.
 */
export const BUILD_PAGE_ROWS = 2_000;
/** A build whose heartbeat (one per staged page) is older than this is taken for dead: its process stopped. */
export const STALE_BUILD_MS = 5 * 60_000;

/**
 * Builds a month's penalty report and stores it as the month's draft (replacing any earlier draft atomically):
 * partner by partner (in id order), each breach that became final in the month priced by its clause, then the
 * adjustments frozen months owe, then the partner caps over those lines (applyPartnerCaps, with what the partner's
 * 11 earlier months came to). Lines are numbered in that order, so the same inputs give the same report.
 * A partner's breaches are read twice, a page at a time (reports/partner-lines.ts: once for the caps, once to stage),
 * so the build holds a page of lines whatever a partner's month holds. Each page is staged under a new build in a
 * short write transaction of its own (the event loop runs between them), and the build becomes the draft in one
 * short transaction; until then readers see the earlier draft.
 * A failed build leaves the earlier draft current and its lines are purged. While a build of the month runs, another
 * is refused ('busy'); an outcome revised between the two reads or before its line is staged fails the build
 * ('changed': generate again).
 */
export async function buildMonthlyReport(db: Db, input: BuildReportInput): Promise<BuildReportResult> {
  // Heartbeats are wall-clock time (input.now may be a business date chosen by the caller).
  const wallClock = Date.now();
  const started = await startReportBuild(
    db,
    input.month,
    new Date(wallClock).toISOString(),
    new Date(wallClock - STALE_BUILD_MS).toISOString(),
  );
  if ('refused' in started) return { month: input.month, outcome: started.refused, lines: 0 };
  const { buildId } = started;
  try {
    const result = await stageAndSwitch(db, input, buildId);
    if (result.supersededId !== null) await purgeReportBuild(db, result.supersededId);
    return { month: input.month, outcome: result.outcome, lines: result.lines };
  } catch (err) {
    await failReportBuild(db, buildId);
    await purgeReportBuild(db, buildId);
    if (err instanceof ReportInputsChanged) return { month: input.month, outcome: 'changed', lines: 0 };
    throw err;
  }
}

async function stageAndSwitch(
  db: Db,
  input: BuildReportInput,
  buildId: number,
): Promise<{ outcome: 'written' | 'final'; lines: number; supersededId: number | null }> {
  const period = monthPeriod(input.month, input.timeZone);
  const pricer = createPricer(db, Number(input.month.slice(0, 4)));
  // The waivers of the breaches priced: the late news's now, each page's as it is read (partnerBreachPages).
  const waivers = new Map<string, WaiverRef>();
  const frozen = new Set(await finalMonths(db));
  const news = await lateNews(db, addMonths(input.month, -12), input.month);
  await addWaiversOf(
    db,
    news.map((o) => o.breachFactId),
    waivers,
  );
  await pricer.load(news);
  const adjustments = adjustmentsFor(input.month, input.timeZone, news, frozen, waivers, pricer);
  let lineNo = 0;
  const header = {
    month: input.month,
    timeZone: input.timeZone,
    periodStart: period.startsAt,
    periodEnd: period.endsAt,
    generatedAt: input.now.toISOString(),
    generatedBy: input.generatedBy,
  };
  const totals: ReportTotalRow[] = [];
  for (const partnerId of await partnerIds(db)) {
    const firstLineNo = lineNo + 1;
    const partnerMonth = await pricePartnerMonth(
      {
        month: input.month,
        firstLineNo,
        breaches: () => partnerBreachPages(db, partnerId, period, waivers),
        owed: adjustments.get(partnerId) ?? [],
        waivers,
        pricer,
        // What was given back by adjustments never makes room beyond zero.
        prior: async () =>
          Object.fromEntries(
            Object.entries(await priorTotals(db, partnerId, addMonths(input.month, -11), input.month)).map(([c, t]) => [
              c,
              Math.max(0, t),
            ]),
          ),
      },
      // Staged as soon as priced, a page per transaction.
      async (lines) => {
        await stageReportLines(db, buildId, lines.map(stagedLine), new Date().toISOString());
        await setImmediate();
      },
    );
    if (partnerMonth.lines === 0) continue;
    lineNo += partnerMonth.lines;
    for (const t of partnerMonth.totals)
      totals.push({ month: input.month, partnerId, ...t, firstLineNo, lastLineNo: lineNo });
  }
  const conformance = await conformanceInSlices(db, period.startsAt, period.endsAt);
  const switched = await makeReportBuildCurrent(db, buildId, {
    header,
    lineCount: lineNo,
    totals,
    conformance: conformance.map((row) => ({ month: input.month, ...row })),
    serviceTimes: (await serviceTimesBetween(db, period.startsAt, period.endsAt)).map((row) => ({
      month: input.month,
      ...row,
    })),
  });
  if (switched.outcome === 'final') return { outcome: 'final', lines: lineNo, supersededId: buildId };
  return { outcome: 'written', lines: lineNo, supersededId: switched.supersededId };
}

/**
 * A partner's breaches of the period, BUILD_PAGE_ROWS at a time with the event loop running between pages; each page's
 * waivers are added to `waivers` before it is handed out.
 */
async function* partnerBreachPages(
  db: Db,
  partnerId: string,
  period: { startsAt: string; endsAt: string },
  waivers: Map<string, WaiverRef>,
): AsyncGenerator<OutcomeForReport[]> {
  const shared = new Map<string, string>();
  for (let after: OutcomeCursor | null = null; ; await setImmediate()) {
    const page = await breachOutcomesPage(db, partnerId, period, after, BUILD_PAGE_ROWS, shared);
    await addWaiversOf(
      db,
      page.map((o) => o.breachFactId),
      waivers,
    );
    if (page.length > 0) yield page;
    if (page.length < BUILD_PAGE_ROWS) return;
    const last = page[page.length - 1]!;
    after = { finalAt: last.finalAt, id: last.id };
  }
}
