/** tieredBands clauses: the overrun (or the month's outage total) falls in a band that sets a share of a charge. */
import type { TieredBandsClause } from './clause-schema.js';
import { shareOfCharge } from './charge-amounts.js';
import { roundRatio, toSafeNumber } from './exact.js';
import { formatDuration, formatMoney } from './money-format.js';
import type { BreachToPrice, PricedBreach } from './types.js';

const MINUTE_MS = 60_000;

/** The band holding `ms`: bands are half-open [from, to), so exactly 5 min is in the band that starts at 5. */
export function bandOf(bands: TieredBandsClause['bands'], ms: number): number {
  const index = bands.findIndex(
    (b) => ms >= b.fromMinutes * MINUTE_MS && (b.toMinutes === undefined || ms < b.toMinutes * MINUTE_MS),
  );
  if (index < 0) throw new RangeError(`no band holds ${ms} ms: bands must start at 0 and end open-ended`);
  return index;
}

function measuredMs(clause: TieredBandsClause, breach: BreachToPrice): number {
  if (clause.measure === 'overrun') return breach.overrunMs;
  if (breach.monthlyOutageMs === undefined) {
    throw new RangeError(
      `breach ${breach.breachId}: clause ${breach.clauseName} is measured on the monthly outage; pass monthlyOutageMs`,
    );
  }
  return breach.monthlyOutageMs;
}

const bandText = (band: TieredBandsClause['bands'][number]) =>
  band.toMinutes === undefined ? `${band.fromMinutes} min and over` : `${band.fromMinutes}–${band.toMinutes} min`;

/**
 * `overrunUnits` is the measured time in minutes (fractional when it is not whole minutes); `chargeableUnits` is 1
 * when the band charges anything, else 0.
 */
export function priceTieredBands(clause: TieredBandsClause, breach: BreachToPrice): PricedBreach {
  const ms = measuredMs(clause, breach);
  const index = bandOf(clause.bands, ms);
  const band = clause.bands[index]!;
  const share = shareOfCharge({ percent: band.percent, of: clause.of }, breach, clause.rounding);
  const amount = toSafeNumber(roundRatio(share.exact, clause.rounding), 'penalty');
  const what = clause.measure === 'overrun' ? 'overrun' : 'outage this month';
  const explanation =
    `${what} ${formatDuration(ms)} in band ${index + 1} (${bandText(band)}): ${share.text} → ${formatMoney(amount, share.currency)}` +
    (breach.pausedMs > 0 ? `; ${formatDuration(breach.pausedMs)} paused (buyer-caused) not counted` : '');
  return {
    breachId: breach.breachId,
    clauseName: breach.clauseName,
    clauseKind: clause.kind,
    unit: 'band',
    overrunUnits: ms / MINUTE_MS,
    chargeableUnits: band.percent > 0 ? 1 : 0,
    rate: share.rate,
    amountBeforeCapsMinor: amount,
    amountAfterBreachCapMinor: amount,
    currency: share.currency,
    explanation,
  };
}
