/**
 * Partner caps per month and per rolling 12 months, applied after each line's per-breach cap. Per currency: lines
 * of one currency never affect another's.
 */
import { toMs } from '../instants.js';
import type { CapLimit, PenaltyCaps } from './clause-schema.js';
import { decimalOf, div, mul, ratio, roundRatio, toSafeNumber } from './exact.js';
import type { CapInput, CappedLine } from './types.js';

/**
 * Sum of monthly charges per currency, each circuit once (a line without `circuitId` is its own circuit). Lines are
 * visited in cap order (`order`): a circuit whose lines disagree counts the charge on its last line.
 */
function monthlyChargesByCurrency(lines: CapInput[], order: readonly number[]): Map<string, number> {
  // Per currency, then per circuit: no key string is built per line.
  const circuits = new Map<string, Map<string, number>>();
  for (const i of order) {
    const line = lines[i]!;
    let ofCurrency = circuits.get(line.currency);
    if (!ofCurrency) circuits.set(line.currency, (ofCurrency = new Map()));
    ofCurrency.set(line.circuitId ?? `line:${line.lineId}`, line.monthlyChargeMinor);
  }
  const totals = new Map<string, number>();
  for (const [currency, charges] of circuits) {
    let total = 0;
    for (const charge of charges.values()) total += charge;
    totals.set(currency, total);
  }
  return totals;
}

/** The cap in minor units for a currency (rounded down), or undefined when that currency is not capped. */
function limitFor(
  limit: CapLimit | undefined,
  currency: string,
  monthlyCharges: number,
  months: number,
): number | undefined {
  if (!limit) return undefined;
  if ('maxMinor' in limit) return limit.maxMinor[currency];
  const exact = div(
    mul(ratio(BigInt(monthlyCharges) * BigInt(months)), decimalOf(limit.percentOfMonthlyCharges)),
    ratio(100),
  );
  return toSafeNumber(roundRatio(exact, 'down'), 'cap');
}

/**
 * Line positions in cap order, first come, first served: by final instant, then line id (plain code-unit order, the
 * same on every machine). Positions are sorted, not copies of the lines: a partner's month can be 10,000s of lines.
 */
function capOrder(lines: CapInput[]): number[] {
  const at = lines.map((l) => toMs(l.finalAt));
  return lines
    .map((_, i) => i)
    .sort(
      (a, b) =>
        at[a]! - at[b]! || (lines[a]!.lineId < lines[b]!.lineId ? -1 : lines[a]!.lineId > lines[b]!.lineId ? 1 : 0),
    );
}

function checkLines(lines: CapInput[], priorMonthsTotals: Record<string, number>): void {
  const ids = new Set<string>();
  for (const l of lines) {
    if (ids.has(l.lineId)) throw new RangeError(`duplicate line id ${l.lineId}`);
    ids.add(l.lineId);
    if (!Number.isSafeInteger(l.amountMinor) || l.amountMinor < 0)
      throw new RangeError(`line ${l.lineId}: amountMinor must be whole minor units >= 0`);
    if (!Number.isSafeInteger(l.monthlyChargeMinor) || l.monthlyChargeMinor < 0)
      throw new RangeError(`line ${l.lineId}: monthlyChargeMinor must be whole minor units >= 0`);
  }
  for (const [currency, total] of Object.entries(priorMonthsTotals)) {
    if (!Number.isSafeInteger(total) || total < 0)
      throw new RangeError(`priorMonthsTotals.${currency} must be whole minor units >= 0`);
  }
}

/**
 * Caps one partner's lines for one month. Order: the monthly cap, then the rolling-12-months cap (which counts
 * `priorMonthsTotals` first); within the month lines take their turn by final instant then line id, the line that
 * crosses a cap is reduced to what is left, later lines get 0. `cappedBy` names the last cap that reduced a line.
 * A money cap (`maxMinor`) caps only the currencies it lists. A percentage cap is of the month's monthly charges of
 * the circuits with lines (each `circuitId` once, at its last line's charge), × 12 for the rolling cap. Lines come
 * back in the input order.
 *
 * priorMonthsTotals: what the partner's earlier 11 months already paid, per currency, after caps.
 */
export function applyPartnerCaps(
  lines: CapInput[],
  caps: PenaltyCaps | undefined,
  priorMonthsTotals: Record<string, number>,
): CappedLine[] {
  checkLines(lines, priorMonthsTotals);
  const order = capOrder(lines);
  const charges = monthlyChargesByCurrency(lines, order);
  const paidThisMonth = new Map<string, number>();
  // The limits depend only on the currency (its month's charges are known before the first line): worked out once.
  const limits = new Map<string, { monthly: number | undefined; rolling: number | undefined }>();
  const limitsOf = (currency: string) => {
    let l = limits.get(currency);
    if (!l) {
      const monthCharges = charges.get(currency) ?? 0;
      l = {
        monthly: limitFor(caps?.monthly, currency, monthCharges, 1),
        rolling: limitFor(caps?.rolling12Months, currency, monthCharges, 12),
      };
      limits.set(currency, l);
    }
    return l;
  };
  const capped: CappedLine[] = new Array(lines.length);
  for (const i of order) {
    const line = lines[i]!;
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
    capped[i] = { lineId: line.lineId, amountAfterCapsMinor: amount, cappedBy };
  }
  return capped;
}
