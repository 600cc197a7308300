import { setImmediate } from 'node:timers/promises';
import type { Db } from '../db/client.js';
import { conformanceBetween, serviceTimesBetween } from '../db/repositories/conformance.js';
import type { ReportTotalRow } from '../db/repositories/penalty-reports.js';
import {
  failReportBuild, makeReportBuildCurrent, purgeReportBuild, ReportInputsChanged, stageReportLines, startReportBuild, type StagedLine,
} from '../db/repositories/report-builds.js';
import { breachOutcomes, finalMonths, lateNews, priorTotals, reportPartnerIds, waiversByBreach, type OutcomeForReport, type WaiverRef } from '../db/repositories/report-inputs.js';
import { applyPartnerCaps, type CapInput } from '../sla-rules/penalties/index.js';
import { adjustmentsFor, type Adjustment } from './adjustments.js';
import { addMonths, monthPeriod } from './month.js';
import { createPricer, type PricedOutcome, type Pricer } from './price-outcome.js';

export type BuildReportInput = { month: string; timeZone: string; now: Date; generatedBy: string };
/** 'busy': another build of the month is running; 'changed': breaches changed while it was built (try again). */
export type BuildReportResult = { month: string; outcome: 'written' | 'final' | 'busy' | 'changed'; lines: number };

/** Lines per write transaction: each holds the write lock for a few tens of milliseconds, then the event loop runs. */
export const BUILD_BATCH_LINES = 20_000;
/** A build whose heartbeat (one per batch) is older than this is taken for dead: its process stopped. */
export const STALE_BUILD_MS = 5 * 60_000;

/** A line priced, before partner caps: the outcome it prices and what its clause made of it. */
type PendingLine = { lineNo: number; lineId: string; kind: 'breach' | 'adjustment'; adjustsLineId: string | null; outcome: OutcomeForReport; priced: PricedOutcome };

export const lineIdOf = (month: string, lineNo: number) => `${month}/${lineNo}`;

/**
 * Builds a month's penalty report and stores it as the month's draft (replacing any earlier draft atomically):
 * partner by partner (in id order), each breach that became final in the month priced by its clause, then the
 * adjustments frozen months owe, then the partner caps over those lines (applyPartnerCaps, with what the partner's
 * 11 earlier months came to). Lines are numbered in that order, so the same inputs give the same report.
 * Each partner's lines are staged under a new build once priced, in batches of at most BUILD_BATCH_LINES (short write
 * transactions, the event loop runs between them), and the build becomes the draft in one short transaction; until
 * then readers see the earlier draft.
 * A failed build leaves the earlier draft current and its lines are purged. While a build of the month runs, another
 * is refused ('busy'); an outcome revised between pricing and staging fails the build ('changed': generate again).
 */
export async function buildMonthlyReport(db: Db, input: BuildReportInput): Promise<BuildReportResult> {
  // Heartbeats are wall-clock time (input.now may be a business date chosen by the caller).
  const wallClock = Date.now();
  const started = startReportBuild(db, input.month, new Date(wallClock).toISOString(), new Date(wallClock - STALE_BUILD_MS).toISOString());
  if ('refused' in started) return { month: input.month, outcome: started.refused, lines: 0 };
  const { buildId } = started;
  try {
    const result = await stageAndSwitch(db, input, buildId);
    if (result.supersededId !== null) await purgeReportBuild(db, result.supersededId);
    return { month: input.month, outcome: result.outcome, lines: result.lines };
  } catch (err) {
    failReportBuild(db, buildId);
    await purgeReportBuild(db, buildId);
    if (err instanceof ReportInputsChanged) return { month: input.month, outcome: 'changed', lines: 0 };
    throw err;
  }
}

async function stageAndSwitch(db: Db, input: BuildReportInput, buildId: number): Promise<{ outcome: 'written' | 'final'; lines: number; supersededId: number | null }> {
  const period = monthPeriod(input.month, input.timeZone);
  const pricer = createPricer(db, Number(input.month.slice(0, 4)));
  const waivers = waiversByBreach(db);
  const frozen = new Set(finalMonths(db));
  const adjustments = adjustmentsFor(input.month, input.timeZone, lateNews(db, addMonths(input.month, -12), input.month), frozen, waivers, pricer);
  let lineNo = 0;
  const header = {
    month: input.month, timeZone: input.timeZone, periodStart: period.startsAt, periodEnd: period.endsAt,
    generatedAt: input.now.toISOString(), generatedBy: input.generatedBy,
  };
  const totals: ReportTotalRow[] = [];
  for (const partnerId of reportPartnerIds(db)) {
    const rows = breachOutcomes(db, partnerId, period.startsAt, period.endsAt);
    const owed = adjustments.get(partnerId) ?? [];
    if (rows.length === 0 && owed.length === 0) continue;
    const pending = [...priceMonth(rows, waivers, pricer).map(([o, p]) => toLine(o, p, 'breach', null)), ...owed.map(adjustmentLine)];
    const caps = pricer.capsOf((rows.at(-1) ?? owed.at(-1)!.outcome).policyId);
    const inputs: CapInput[] = [];
    for (const { lineId, outcome: o, priced: p } of pending) {
      if (p.amountAfterBreachCapMinor > 0) {
        inputs.push({ lineId, finalAt: o.finalAt, amountMinor: p.amountAfterBreachCapMinor, currency: p.currency, monthlyChargeMinor: o.monthlyChargeMinor ?? 0, circuitId: o.circuitId });
      }
    }
    // What was given back by adjustments never makes room beyond zero.
    const prior = Object.fromEntries(Object.entries(priorTotals(db, partnerId, addMonths(input.month, -11), input.month)).map(([c, t]) => [c, Math.max(0, t)]));
    const capped = new Map(applyPartnerCaps(inputs, caps, prior).map((c) => [c.lineId, c]));
    const staged: StagedLine[] = [];
    totals.push(...stagePartner(staged, input.month, partnerId, pending, capped));
    // Written as soon as priced, so no more than one partner's lines are ever held.
    for (let from = 0; from < staged.length; from += BUILD_BATCH_LINES) {
      stageReportLines(db, buildId, staged.slice(from, from + BUILD_BATCH_LINES), new Date().toISOString());
      await setImmediate();
    }
  }
  const switched = makeReportBuildCurrent(db, buildId, {
    header, lineCount: lineNo, totals,
    conformance: conformanceBetween(db, period.startsAt, period.endsAt).map((row) => ({ month: input.month, ...row })),
    serviceTimes: serviceTimesBetween(db, period.startsAt, period.endsAt).map((row) => ({ month: input.month, ...row })),
  });
  if (switched.outcome === 'final') return { outcome: 'final', lines: lineNo, supersededId: buildId };
  return { outcome: 'written', lines: lineNo, supersededId: switched.supersededId };

  function toLine(outcome: OutcomeForReport, priced: PricedOutcome, kind: 'breach' | 'adjustment', adjustsLineId: string | null): PendingLine {
    lineNo += 1;
    return { lineNo, lineId: lineIdOf(input.month, lineNo), kind, adjustsLineId, outcome, priced };
  }

  function adjustmentLine(a: Adjustment) {
    const explanation = a.adjustsLineId
      ? `adjusts line ${a.adjustsLineId}: billed ${a.outcome.billedMinor}, now ${a.outcome.billedMinor + a.differenceMinor} (${a.priced.explanation})`
      : `late: final in a frozen month, recorded after it was finalized (${a.priced.explanation})`;
    const p = { ...a.priced, amountBeforeCapsMinor: a.differenceMinor, amountAfterBreachCapMinor: a.differenceMinor, explanation };
    return toLine(a.outcome, p, 'adjustment', a.adjustsLineId);
  }
}

/**
 * Prices a partner's month. Tiered bands on the monthly outage are priced once per circuit and clause, on the first
 * of its breaches, with the outage of all of them (their elapsed time); the others show 0 and say where it went.
 */
function priceMonth(rows: OutcomeForReport[], waivers: ReadonlyMap<string, WaiverRef>, pricer: Pricer): [OutcomeForReport, PricedOutcome][] {
  const outage = new Map<string, { total: number; first: OutcomeForReport }>();
  for (const o of rows) {
    const clause = pricer.clauseOf(o);
    if (clause?.kind !== 'tieredBands' || clause.measure !== 'monthlyOutage') continue;
    const key = `${o.circuitId}\u0000${o.clause}`;
    const entry = outage.get(key);
    if (entry) entry.total += o.elapsedMs;
    else outage.set(key, { total: o.elapsedMs, first: o });
  }
  return rows.map((o) => {
    const waiver = o.breachFactId ? waivers.get(o.breachFactId) : undefined;
    const shared = outage.size > 0 ? outage.get(`${o.circuitId}\u0000${o.clause}`) : undefined;
    if (!shared) return [o, pricer.price(o, waiver)];
    if (shared.first === o) return [o, pricer.price(o, waiver, shared.total)];
    const p = pricer.price(o, waiver, shared.total);
    return [o, { ...p, amountBeforeCapsMinor: 0, amountAfterBreachCapMinor: 0, explanation: `monthly outage priced on the circuit's first breach (${shared.first.id})` }];
  });
}

/** Adds a partner's lines to the batch (after caps, as StagedLines) and returns its totals per currency. */
function stagePartner(
  batch: StagedLine[],
  month: string,
  partnerId: string,
  lines: PendingLine[],
  capped: Map<string, { amountAfterCapsMinor: number; cappedBy: string | null }>,
): ReportTotalRow[] {
  const totals = new Map<string, { lines: number; before: number; after: number }>();
  for (const { lineNo, lineId, kind, adjustsLineId, outcome: o, priced: p } of lines) {
    const cap = capped.get(lineId);
    const after = cap ? cap.amountAfterCapsMinor : p.amountAfterBreachCapMinor;
    batch.push([
      lineNo, lineId, kind, adjustsLineId, o.rowid, o.id, o.revision, p.clauseKind, p.unit, p.overrunUnits, p.chargeableUnits, p.rate,
      p.amountBeforeCapsMinor, p.amountAfterBreachCapMinor, after, p.currency, cap?.cappedBy ?? null, p.waiverId, p.waiverReason, p.explanation,
    ]);
    const t = totals.get(p.currency) ?? { lines: 0, before: 0, after: 0 };
    t.lines += 1;
    t.before += p.amountBeforeCapsMinor;
    t.after += after;
    totals.set(p.currency, t);
  }
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, t]) => ({
    month, partnerId, currency, lines: t.lines, amountBeforeCapsMinor: t.before, amountAfterCapsMinor: t.after,
    firstLineNo: lines[0]!.lineNo, lastLineNo: lines.at(-1)!.lineNo,
  }));
}
