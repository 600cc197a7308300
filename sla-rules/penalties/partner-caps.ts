/**
 * Partner caps per month and per rolling 12 months, applied after each line's per-breach cap. Per currency: lines
 * of one currency never affect another's.
 */
import { toMs } from '../instants.js';
import type { CapLimit, PenaltyCaps } from './clause-schema.js';
import { decimalOf, div, mul, ratio, roundRatio, toSafeNumber } from './exact.js';
import type { CapInput, CappedLine } from './types.js';

/**
 * Sum of monthly charges per currency, each circuit once (a line without `circuitId` is its own circuit). Lines must
 * come in cap order: a circuit whose lines disagree counts the charge on its last line.
 */
function monthlyChargesByCurrency(ordered: CapInput[]): Map<string, number> {
  const circuits = new Map<string, { currency: string; charge: number }>();
  for (const line of ordered) {
    circuits.set(`${line.currency}\u0000${line.circuitId ?? `line:${line.lineId}`}`, { currency: line.currency, charge: line.monthlyChargeMinor });
  }
  const totals = new Map<string, number>();
  for (const { currency, charge } of circuits.values()) totals.set(currency, (totals.get(currency) ?? 0) + charge);
  return totals;
}

/** The cap in minor units for a currency (rounded down), or undefined when that currency is not capped. */
function limitFor(limit: CapLimit | undefined, currency: string, monthlyCharges: number, months: number): number | undefined {
  if (!limit) return undefined;
  if ('maxMinor' in limit) return limit.maxMinor[currency];
  const exact = div(mul(ratio(BigInt(monthlyCharges) * BigInt(months)), decimalOf(limit.percentOfMonthlyCharges)), ratio(100));
  return toSafeNumber(roundRatio(exact, 'down'), 'cap');
}

/** First come, first served: by final instant, then line id (plain code-unit order, the same on every machine). */
const byFinalThenId = (a: CapInput & { at: number }, b: CapInput & { at: number }) =>
  a.at - b.at || (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0);

function checkLines(lines: CapInput[], priorMonthsTotals: Record<string, number>): void {
  const ids = new Set<string>();
  for (const l of lines) {
    if (ids.has(l.lineId)) throw new RangeError(`duplicate line id ${l.lineId}`);
    ids.add(l.lineId);
    if (!Number.isSafeInteger(l.amountMinor) || l.amountMinor < 0) throw new RangeError(`line ${l.lineId}: amountMinor must be whole minor units >= 0`);
    if (!Number.isSafeInteger(l.monthlyChargeMinor) || l.monthlyChargeMinor < 0) throw new RangeError(`line ${l.lineId}: monthlyChargeMinor must be whole minor units >= 0`);
  }
  for (const [currency, total] of Object.entries(priorMonthsTotals)) {
    if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`priorMonthsTotals.${currency} must be whole minor units >= 0`);
  }
}

/**
 * Caps one partner's lines for one month. Order: the monthly cap, then the rolling-12-months cap (which counts
 * `priorMonthsTotals` first); within the month lines take their turn by final instant then line id, the line that
 * crosses a cap is reduced to what is left, later lines get 0. `cappedBy` names the last cap that reduced a line.
 * A money cap (`maxMinor`) caps only the currencies it lists. A percentage cap is of the month's monthly charges of
 * the circuits with lines (each `circuitId` once, at its last line's charge), × 12 for the rolling cap. Lines come back in the input order.
 *
 * priorMonthsTotals: what the partner's earlier 11 months already paid, per currency, after caps.
 */
export function applyPartnerCaps(lines: CapInput[], caps: PenaltyCaps | undefined, priorMonthsTotals: Record<string, number>): CappedLine[] {
  checkLines(lines, priorMonthsTotals);
  const ordered = lines.map((l) => ({ ...l, at: toMs(l.finalAt) })).sort(byFinalThenId);
  const charges = monthlyChargesByCurrency(ordered);
  const paidThisMonth = new Map<string, number>();
  // The limits depend only on the currency (its month's charges are known before the first line): worked out once.
  const limits = new Map<string, { monthly: number | undefined; rolling: number | undefined }>();
  const limitsOf = (currency: string) => {
    let l = limits.get(currency);
    if (!l) {
      const monthCharges = charges.get(currency) ?? 0;
      l = { monthly: limitFor(caps?.monthly, currency, monthCharges, 1), rolling: limitFor(caps?.rolling12Months, currency, monthCharges, 12) };
      limits.set(currency, l);
    }
    return l;
  };
  const capped = new Map<string, CappedLine>();
  for (const line of ordered) {
    const paid = paidThisMonth.get(line.currency) ?? 0;
    const { monthly, rolling } = limitsOf(line.currency);
    let amount = line.amountMinor;
    let cappedBy: CappedLine['cappedBy'] = null;
    if (monthly !== undefined && amount > Math.max(0, monthly - paid)) {
      amount = Math.max(0, monthly - paid);
      cappedBy = 'monthly';
    }
    const paidRolling = (priorMonthsTotals[line.currency] ?? 0) + paid;
    if (rolling !== undefined && amount > Math.max(0, rolling - paidRolling)) {
      amount = Math.max(0, rolling - paidRolling);
      cappedBy = 'rolling12Months';
    }
    paidThisMonth.set(line.currency, paid + amount);
    capped.set(line.lineId, { lineId: line.lineId, amountAfterCapsMinor: amount, cappedBy });
  }
  return lines.map((l) => capped.get(l.lineId)!);
}
