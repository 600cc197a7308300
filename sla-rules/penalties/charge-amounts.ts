/** Turns a clause's amount (money, a share of a charge, days of the monthly charge) into exact minor units. */
import type { ChargeKind, PerUnitLateClause, RoundingMode } from './clause-schema.js';
import { decimalOf, div, formatRatio, mul, ratio, roundRatio, toSafeNumber, type Ratio } from './exact.js';
import { daysInLocalMonth, zoneOf } from './late-units.js';
import { formatExactMoney, formatMoney } from './money-format.js';
import type { BreachToPrice, PenaltyRate } from './types.js';

type Money = { amountMinor: number; currency: string };
type ChargeShare = { percent: number; of: ChargeKind };

export type ResolvedAmount = { exact: Ratio; currency: string; rate: PenaltyRate; text: string };

export const chargeLabel: Record<ChargeKind, string> = {
  monthlyCharge: 'monthly charge',
  installCharge: 'install charge',
};

function chargeMinor(of: ChargeKind, breach: BreachToPrice): number {
  return of === 'monthlyCharge' ? breach.charges.monthlyMinor : breach.charges.installMinor;
}

/**
 * Days the monthly charge is divided by for a daily rate: the clause's number, or the days of the month the breach
 * became final.
 */
export function dailyRateDivisor(clause: Pick<PerUnitLateClause, 'dailyRateDivisor'>, breach: BreachToPrice): Ratio {
  const divisor = clause.dailyRateDivisor;
  return divisor === 'calendarDaysInMonth'
    ? ratio(daysInLocalMonth(breach.stoppedAt, zoneOf(breach)))
    : decimalOf(divisor);
}

function finish(exact: Ratio, currency: string, rounding: RoundingMode, text: string, shape: object): ResolvedAmount {
  const amountMinor = toSafeNumber(roundRatio(exact, rounding), 'rate');
  return { exact, currency, text, rate: { ...shape, amountMinor, exactMinor: formatRatio(exact) } as PenaltyRate };
}

export function moneyAmount(spec: Money, rounding: RoundingMode): ResolvedAmount {
  return finish(ratio(spec.amountMinor), spec.currency, rounding, formatMoney(spec.amountMinor, spec.currency), {});
}

/** `percent`% of one of the breach's charges, exact, in the charge's currency. */
export const shareOfChargeExact = (spec: ChargeShare, breach: BreachToPrice): Ratio =>
  div(mul(ratio(chargeMinor(spec.of, breach)), decimalOf(spec.percent)), ratio(100));

export function shareOfCharge(spec: ChargeShare, breach: BreachToPrice, rounding: RoundingMode): ResolvedAmount {
  const base = chargeMinor(spec.of, breach);
  const { currency } = breach.charges;
  const exact = shareOfChargeExact(spec, breach);
  const text = `${spec.percent}% of ${chargeLabel[spec.of]} ${formatMoney(base, currency)} = ${formatExactMoney(exact, currency)}`;
  return finish(exact, currency, rounding, text, { percent: spec.percent, of: spec.of });
}

/**
 * A clause amount in exact minor units. `divisor` is needed for `daysOfCharge` rates only. Money keeps its own
 * currency; shares of a charge are in the charge's currency.
 */
export function resolveAmount(
  spec: Money | ChargeShare | { daysOfCharge: number; of: 'monthlyCharge' },
  breach: BreachToPrice,
  rounding: RoundingMode,
  divisor?: Ratio,
): ResolvedAmount {
  if ('amountMinor' in spec) return moneyAmount(spec, rounding);
  if ('percent' in spec) return shareOfCharge(spec, breach, rounding);
  if (!divisor) throw new RangeError('a daysOfCharge rate needs a daily rate divisor');
  const monthly = breach.charges.monthlyMinor;
  const { currency } = breach.charges;
  const exact = div(mul(ratio(monthly), decimalOf(spec.daysOfCharge)), divisor);
  const divisorText = formatRatio(divisor);
  const days = `${spec.daysOfCharge} ${spec.daysOfCharge === 1 ? 'day' : 'days'}`;
  const text = `${days} of ${chargeLabel.monthlyCharge} ${formatMoney(monthly, currency)} / ${divisorText} = ${formatExactMoney(exact, currency)}`;
  return finish(exact, currency, rounding, text, {
    daysOfCharge: spec.daysOfCharge,
    of: spec.of,
    divisor: Number(divisor.n) / Number(divisor.d),
  });
}

/** Several currencies never meet in one line. */
export function assertSameCurrency(line: string, other: string, what: string, breach: BreachToPrice): void {
  if (line !== other)
    throw new RangeError(
      `breach ${breach.breachId}: clause ${breach.clauseName} mixes currencies (${what} in ${other}, line in ${line})`,
    );
}
