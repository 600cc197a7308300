import { setImmediate } from 'node:timers/promises';
import type { ReportTotalRow } from '../db/repositories/penalty-reports.js';
import type { StagedLine } from '../db/repositories/report-lines-staging.js';
import type { OutcomeForReport, WaiverRef } from '../db/repositories/report-inputs.js';
import { applyPartnerCaps, type CapInput, type CappedLine, type PenaltyCaps } from '../sla-rules/penalties/index.js';
import type { Adjustment } from './adjustments.js';
import type { PricedOutcome, Pricer } from './price-outcome.js';

export const lineIdOf = (month: string, lineNo: number) => `${month}/${lineNo}`;

/**
 * A partner's month as lines numbered from `firstLineNo`: its breaches, then the adjustments frozen months owe it
 * (`owed[i - breaches]`), each with the outcome it prices and what its clause made of it. Parallel arrays rather
 * than an object per line: all of a partner's lines (tens of thousands at a million breaches) are held until capped.
 */
export type PartnerLines = {
  firstLineNo: number;
  lineIds: string[];
  outcomes: OutcomeForReport[];
  priced: PricedOutcome[];
  breaches: number;
  owed: Adjustment[];
};

/** Breaches priced per turn of the event loop. */
const PRICE_PAGE_ROWS = 2_000;

/**
 * Prices a partner's breaches (`rows`, in line order) and lays out the adjustments it is owed after them; the event
 * loop runs between every PRICE_PAGE_ROWS breaches priced.
 */
export async function partnerLines(
  month: string,
  firstLineNo: number,
  rows: OutcomeForReport[],
  owed: Adjustment[],
  waivers: ReadonlyMap<string, WaiverRef>,
  pricer: Pricer,
): Promise<PartnerLines> {
  const outcomes = owed.length === 0 ? rows : [...rows, ...owed.map((a) => a.outcome)];
  const priced = await priceMonth(rows, waivers, pricer);
  for (const a of owed) priced.push(adjustmentPrice(a));
  const lineIds = outcomes.map((_, i) => lineIdOf(month, firstLineNo + i));
  return { firstLineNo, lineIds, outcomes, priced, breaches: rows.length, owed };
}

function adjustmentPrice(a: Adjustment): PricedOutcome {
  const explanation = a.adjustsLineId
    ? `adjusts line ${a.adjustsLineId}: billed ${a.outcome.billedMinor}, now ${a.outcome.billedMinor + a.differenceMinor} (${a.priced.explanation})`
    : `late: final in a frozen month, recorded after it was finalized (${a.priced.explanation})`;
  return {
    ...a.priced,
    amountBeforeCapsMinor: a.differenceMinor,
    amountAfterBreachCapMinor: a.differenceMinor,
    explanation,
  };
}

/**
 * Prices a partner's month. Tiered bands on the monthly outage are priced once per circuit and clause, on the first
 * of its breaches, with the outage of all of them (their elapsed time); the others show 0 and say where it went.
 */
async function priceMonth(
  rows: OutcomeForReport[],
  waivers: ReadonlyMap<string, WaiverRef>,
  pricer: Pricer,
): Promise<PricedOutcome[]> {
  await pricer.load(rows);
  const outage = new Map<string, { total: number; first: OutcomeForReport }>();
  for (const o of rows) {
    const clause = pricer.clauseOf(o);
    if (clause?.kind !== 'tieredBands' || clause.measure !== 'monthlyOutage') continue;
    const key = `${o.circuitId}\u0000${o.clause}`;
    const entry = outage.get(key);
    if (entry) entry.total += o.elapsedMs;
    else outage.set(key, { total: o.elapsedMs, first: o });
  }
  const priced: PricedOutcome[] = [];
  for (const [i, o] of rows.entries()) {
    if (i > 0 && i % PRICE_PAGE_ROWS === 0) await setImmediate();
    priced.push(priceOne(o));
  }
  return priced;

  function priceOne(o: OutcomeForReport): PricedOutcome {
    const waiver = o.breachFactId ? waivers.get(o.breachFactId) : undefined;
    const shared = outage.size > 0 ? outage.get(`${o.circuitId}\u0000${o.clause}`) : undefined;
    if (!shared) return pricer.price(o, waiver);
    if (shared.first === o) return pricer.price(o, waiver, shared.total);
    const p = pricer.price(o, waiver, shared.total);
    return {
      ...p,
      amountBeforeCapsMinor: 0,
      amountAfterBreachCapMinor: 0,
      explanation: `monthly outage priced on the circuit's first breach (${shared.first.id})`,
    };
  }
}

/**
 * The partner caps over the lines that charge anything (applyPartnerCaps, `prior` being what the partner's 11 earlier
 * months came to), by line position; a line that charges nothing has no entry.
 */
export function capPartnerLines(
  lines: PartnerLines,
  caps: PenaltyCaps | undefined,
  prior: Record<string, number>,
): (CappedLine | undefined)[] {
  const inputs: CapInput[] = [];
  const positions: number[] = [];
  lines.priced.forEach((p, i) => {
    if (p.amountAfterBreachCapMinor <= 0) return;
    const o = lines.outcomes[i]!;
    inputs.push({
      lineId: lines.lineIds[i]!,
      finalAt: o.finalAt,
      amountMinor: p.amountAfterBreachCapMinor,
      currency: p.currency,
      monthlyChargeMinor: o.monthlyChargeMinor ?? 0,
      circuitId: o.circuitId,
    });
    positions.push(i);
  });
  const capped: (CappedLine | undefined)[] = new Array(lines.priced.length);
  applyPartnerCaps(inputs, caps, prior).forEach((c, k) => (capped[positions[k]!] = c));
  return capped;
}

const amountAfterCaps = (lines: PartnerLines, capped: (CappedLine | undefined)[], i: number) =>
  capped[i]?.amountAfterCapsMinor ?? lines.priced[i]!.amountAfterBreachCapMinor;

/** Lines [from, to) as the builder stages them. */
export function stagedLines(
  lines: PartnerLines,
  capped: (CappedLine | undefined)[],
  from: number,
  to: number,
): StagedLine[] {
  const staged: StagedLine[] = [];
  for (let i = from; i < to; i += 1) {
    const o = lines.outcomes[i]!;
    const p = lines.priced[i]!;
    const adjustment = i >= lines.breaches ? lines.owed[i - lines.breaches]! : undefined;
    staged.push([
      lines.firstLineNo + i,
      lines.lineIds[i]!,
      adjustment ? 'adjustment' : 'breach',
      adjustment?.adjustsLineId ?? null,
      o.rowid,
      o.id,
      o.revision,
      p.clauseKind,
      p.unit,
      p.overrunUnits,
      p.chargeableUnits,
      p.rate,
      p.amountBeforeCapsMinor,
      p.amountAfterBreachCapMinor,
      amountAfterCaps(lines, capped, i),
      p.currency,
      capped[i]?.cappedBy ?? null,
      p.waiverId,
      p.waiverReason,
      p.explanation,
    ]);
  }
  return staged;
}

/** A partner's totals per currency (currencies in code order), with the range of its line numbers. */
export function partnerTotals(
  month: string,
  partnerId: string,
  lines: PartnerLines,
  capped: (CappedLine | undefined)[],
): ReportTotalRow[] {
  const totals = new Map<string, { lines: number; before: number; after: number }>();
  lines.priced.forEach((p, i) => {
    let t = totals.get(p.currency);
    if (!t) totals.set(p.currency, (t = { lines: 0, before: 0, after: 0 }));
    t.lines += 1;
    t.before += p.amountBeforeCapsMinor;
    t.after += amountAfterCaps(lines, capped, i);
  });
  const lastLineNo = lines.firstLineNo + lines.priced.length - 1;
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => ({
      month,
      partnerId,
      currency,
      lines: t.lines,
      amountBeforeCapsMinor: t.before,
      amountAfterCapsMinor: t.after,
      firstLineNo: lines.firstLineNo,
      lastLineNo,
    }));
}
