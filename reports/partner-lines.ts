import { ReportInputsChanged, type StagedLine } from '../db/repositories/report-lines-staging.js';
import type { OutcomeForReport, WaiverRef } from '../db/repositories/report-inputs.js';
import { applyPartnerCaps, type CapInput, type CappedLine } from '../sla-rules/penalties/index.js';
import type { Adjustment } from './adjustments.js';
import type { PricedOutcome, Pricer } from './price-outcome.js';

export const lineIdOf = (month: string, lineNo: number) => `${month}/${lineNo}`;

/** One line of a partner's month: the outcome it prices, what its clause made of it, and what the caps left. */
export type PartnerLine = {
  lineNo: number;
  lineId: string;
  outcome: OutcomeForReport;
  priced: PricedOutcome;
  /** Absent when the line charges nothing (caps never touch it). */
  capped: CappedLine | undefined;
  /** Present for a line that adjusts a frozen month. */
  adjustment: Adjustment | undefined;
};

/** A partner's month per currency (currencies in code order). */
export type PartnerCurrencyTotal = {
  currency: string;
  lines: number;
  amountBeforeCapsMinor: number;
  amountAfterCapsMinor: number;
};

export type PartnerMonthInput = {
  month: string;
  firstLineNo: number;
  /**
   * The partner's breaches of the month in line order, a page at a time. Read twice: once to cap, once to emit the
   * lines, so no more than a page of them is held; the second read must give the same outcomes (same rowid and
   * revision, in the same order), or the month is refused with ReportInputsChanged.
   */
  breaches: () => AsyncIterable<OutcomeForReport[]>;
  /** The adjustments frozen months owe the partner, laid out after its breaches. */
  owed: Adjustment[];
  waivers: ReadonlyMap<string, WaiverRef>;
  pricer: Pricer;
  /** What the partner's 11 earlier months came to per currency (read only when the partner has lines). */
  prior: () => Promise<Record<string, number>>;
};

/** Adjustments handed to `emit` at a time (breaches go a page at a time, as read). */
const OWED_LINES_PER_EMIT = 2_000;

/** A tiered band on the monthly outage: priced once per circuit and clause, on the first of its breaches. */
type OutageGroup = { totalMs: number; first: OutcomeForReport; position: number };

/**
 * Prices and caps a partner's month, handing its lines to `emit` a page at a time in line order (numbered from
 * `firstLineNo`): its breaches, then the adjustments it is owed. The partner caps (applyPartnerCaps, with `prior`)
 * need every line's amount before the first line is final, so the breaches are read twice: the first read keeps only
 * what the caps and the monthly outage bands need (a few numbers and strings per charging line), the second prices
 * again and emits. Memory is a page of lines plus that, whatever the partner's month holds.
 */
export async function pricePartnerMonth(
  input: PartnerMonthInput,
  emit: (lines: PartnerLine[]) => Promise<void>,
): Promise<{ lines: number; totals: PartnerCurrencyTotal[] }> {
  const { month, firstLineNo, owed, waivers, pricer } = input;
  const waiverOf = (o: OutcomeForReport) => (o.breachFactId ? waivers.get(o.breachFactId) : undefined);
  const outageKeyOf = (o: OutcomeForReport) => {
    const clause = pricer.clauseOf(o);
    return clause?.kind === 'tieredBands' && clause.measure === 'monthlyOutage'
      ? `${o.circuitId}\u0000${o.clause}`
      : undefined;
  };
  const outage = new Map<string, OutageGroup>();
  const priceAt = (o: OutcomeForReport, position: number): PricedOutcome => {
    const key = outage.size > 0 ? outageKeyOf(o) : undefined;
    const group = key === undefined ? undefined : outage.get(key);
    if (!group) return pricer.price(o, waiverOf(o));
    const p = pricer.price(o, waiverOf(o), group.totalMs);
    if (group.position === position) return p;
    return {
      ...p,
      amountBeforeCapsMinor: 0,
      amountAfterBreachCapMinor: 0,
      explanation: `monthly outage priced on the circuit's first breach (${group.first.id})`,
    };
  };

  // First read: the outage groups, and the cap inputs of the lines that charge anything.
  const capInputs: CapInput[] = [];
  const capPositions: number[] = [];
  const charging = (position: number, o: OutcomeForReport, c: { amountMinor: number; currency: string }) => {
    if (c.amountMinor <= 0) return;
    capInputs.push({
      lineId: lineIdOf(month, firstLineNo + position),
      finalAt: o.finalAt,
      amountMinor: c.amountMinor,
      currency: c.currency,
      monthlyChargeMinor: o.monthlyChargeMinor ?? 0,
      circuitId: o.circuitId,
    });
    capPositions.push(position);
  };
  const rowids: number[] = [];
  const revisions: number[] = [];
  let lastPolicyId: string | undefined;
  for await (const page of input.breaches()) {
    await pricer.load(page);
    for (const o of page) {
      const position = rowids.length;
      rowids.push(o.rowid);
      revisions.push(o.revision);
      lastPolicyId = o.policyId;
      const key = outageKeyOf(o);
      if (key === undefined) {
        charging(position, o, pricer.charge(o, waiverOf(o)));
        continue;
      }
      const group = outage.get(key);
      if (group) group.totalMs += o.elapsedMs;
      else outage.set(key, { totalMs: o.elapsedMs, first: o, position });
    }
  }
  const breaches = rowids.length;
  for (const group of outage.values())
    charging(group.position, group.first, pricer.charge(group.first, waiverOf(group.first), group.totalMs));
  const owedPriced = owed.map(adjustmentPrice);
  owedPriced.forEach((p, i) =>
    charging(breaches + i, owed[i]!.outcome, { amountMinor: p.amountAfterBreachCapMinor, currency: p.currency }),
  );
  const policyId = lastPolicyId ?? owed.at(-1)?.outcome.policyId;
  if (policyId === undefined) return { lines: 0, totals: [] };
  const capped = new Map<number, CappedLine>();
  applyPartnerCaps(capInputs, pricer.capsOf(policyId), await input.prior()).forEach((c, k) =>
    capped.set(capPositions[k]!, c),
  );

  // Second read: price again (the same inputs give the same lines) and emit, totalling as lines go.
  const totals = new Map<string, PartnerCurrencyTotal>();
  const lineAt = (position: number, outcome: OutcomeForReport, priced: PricedOutcome, adjustment?: Adjustment) => {
    const line: PartnerLine = {
      lineNo: firstLineNo + position,
      lineId: lineIdOf(month, firstLineNo + position),
      outcome,
      priced,
      capped: capped.get(position),
      adjustment,
    };
    let t = totals.get(priced.currency);
    if (!t) {
      t = { currency: priced.currency, lines: 0, amountBeforeCapsMinor: 0, amountAfterCapsMinor: 0 };
      totals.set(priced.currency, t);
    }
    t.lines += 1;
    t.amountBeforeCapsMinor += priced.amountBeforeCapsMinor;
    t.amountAfterCapsMinor += amountAfterCaps(line);
    return line;
  };
  let position = 0;
  for await (const page of input.breaches()) {
    await pricer.load(page);
    const lines: PartnerLine[] = [];
    for (const o of page) {
      if (position >= breaches || rowids[position] !== o.rowid || revisions[position] !== o.revision)
        throw new ReportInputsChanged(`breach outcome ${o.id} changed while the report was being built`);
      lines.push(lineAt(position, o, priceAt(o, position)));
      position += 1;
    }
    await emit(lines);
  }
  if (position !== breaches)
    throw new ReportInputsChanged(`${breaches - position} breach outcome(s) went while the report was being built`);
  for (let from = 0; from < owed.length; from += OWED_LINES_PER_EMIT) {
    const page = owed.slice(from, from + OWED_LINES_PER_EMIT);
    await emit(page.map((a, i) => lineAt(breaches + from + i, a.outcome, owedPriced[from + i]!, a)));
  }
  return {
    lines: breaches + owed.length,
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
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

/** What a line charges after the partner caps (a line that charges nothing is never capped). */
export const amountAfterCaps = (line: PartnerLine) =>
  line.capped?.amountAfterCapsMinor ?? line.priced.amountAfterBreachCapMinor;

/** A line as the builder stages it. */
export function stagedLine(line: PartnerLine): StagedLine {
  const { outcome: o, priced: p, adjustment } = line;
  return [
    line.lineNo,
    line.lineId,
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
    amountAfterCaps(line),
    p.currency,
    line.capped?.cappedBy ?? null,
    p.waiverId,
    p.waiverReason,
    p.explanation,
  ];
}
