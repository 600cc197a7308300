/**
 * perUnitLate clauses: units late (working days, calendar days, started hours) × a rate, less grace, capped per breach.
 */
import type { PerUnitLateClause } from './clause-schema.js';
import {
  assertSameCurrency,
  chargeLabel,
  dailyRateDivisor,
  resolveAmount,
  shareOfChargeExact,
} from './charge-amounts.js';
import { min, mul, ratio, roundRatio, toSafeNumber, type Ratio } from './exact.js';
import { lateUnits, startedHours } from './late-units.js';
import { formatDuration, formatMoney, plural } from './money-format.js';
import type { BreachToPrice, PricedBreach } from './types.js';

const unitWords = { workingDay: 'working day', calendarDay: 'calendar day', startedHour: 'started hour' } as const;

/** Units after grace: `{ units }` forgives that many; a duration (startedHour only) is taken off the overrun first. */
function unitsAfterGrace(
  clause: PerUnitLateClause,
  breach: BreachToPrice,
  overrunUnits: number,
): { units: number; text: string } {
  const grace = clause.grace;
  if (!grace) return { units: overrunUnits, text: '' };
  if ('units' in grace)
    return {
      units: Math.max(0, overrunUnits - grace.units),
      text: `, ${plural(grace.units, unitWords[clause.unit])} grace`,
    };
  const graceMs = (grace.hours * 60 + grace.minutes) * 60_000;
  return { units: startedHours(breach.overrunMs - graceMs), text: `, ${formatDuration(graceMs)} grace` };
}

/**
 * The per-breach cap in exact minor units (money or a share of a charge); unit caps are applied to the units instead.
 */
function moneyCap(
  clause: PerUnitLateClause,
  breach: BreachToPrice,
  currency: string,
): { exact: Ratio; text: string } | null {
  const cap = clause.capPerBreach;
  if (!cap || 'units' in cap) return null;
  if ('amountMinor' in cap) {
    assertSameCurrency(currency, cap.currency, 'the per-breach cap', breach);
    return { exact: ratio(cap.amountMinor), text: formatMoney(cap.amountMinor, cap.currency) };
  }
  assertSameCurrency(currency, breach.charges.currency, 'the per-breach cap', breach);
  return { exact: shareOfChargeExact(cap, breach), text: `${cap.percent}% of ${chargeLabel[cap.of]}` };
}

export function pricePerUnitLate(clause: PerUnitLateClause, breach: BreachToPrice): PricedBreach {
  const perDay = clause.unit !== 'startedHour';
  const divisor = perDay && 'daysOfCharge' in clause.rate ? dailyRateDivisor(clause, breach) : undefined;
  const rate = resolveAmount(clause.rate, breach, clause.rounding, divisor);
  const overrunUnits = lateUnits(clause.unit, breach);
  const grace = unitsAfterGrace(clause, breach, overrunUnits);
  const unitCap = clause.capPerBreach && 'units' in clause.capPerBreach ? clause.capPerBreach.units : undefined;
  const chargeableUnits = unitCap === undefined ? grace.units : Math.min(grace.units, unitCap);

  const exact = mul(ratio(chargeableUnits), rate.exact);
  const before = toSafeNumber(roundRatio(exact, clause.rounding), 'penalty');
  const cap = moneyCap(clause, breach, rate.currency);
  // A money cap is rounded down, so the line never goes over the cap the contract states.
  const after = cap ? toSafeNumber(roundRatio(min(ratio(before), cap.exact), 'down'), 'penalty') : before;

  const word = unitWords[clause.unit];
  const capText = unitCap !== undefined ? `, cap ${plural(unitCap, word)}` : cap ? `, cap ${cap.text} per breach` : '';
  const explanation =
    `${plural(overrunUnits, word)} late${grace.text}${capText}: ${chargeableUnits} × ${rate.text}/${word} = ${formatMoney(before, rate.currency)}` +
    (after < before ? `, capped to ${formatMoney(after, rate.currency)}` : '') +
    (breach.pausedMs > 0 ? `; ${formatDuration(breach.pausedMs)} paused (buyer-caused) not counted` : '') +
    (clause.unit === 'startedHour' ? ` (overrun ${formatDuration(breach.overrunMs)})` : '');
  return {
    breachId: breach.breachId,
    clauseName: breach.clauseName,
    clauseKind: clause.kind,
    unit: clause.unit,
    overrunUnits,
    chargeableUnits,
    rate: rate.rate,
    amountBeforeCapsMinor: before,
    amountAfterBreachCapMinor: after,
    currency: rate.currency,
    explanation,
  };
}
