import type { BilledOutcome, WaiverRef } from '../db/repositories/report-inputs.js';
import { addMonths, monthOf } from './month.js';
import type { PricedOutcome, Pricer } from './price-outcome.js';

/** A difference owed on a frozen month's outcome, to be carried by the next open month. */
export type Adjustment = {
  outcome: BilledOutcome;
  priced: PricedOutcome;
  differenceMinor: number;
  adjustsLineId: string | null;
};

/** The first month after `month` that is not frozen: where news about `month` goes. */
export function nextOpenMonth(month: string, frozen: ReadonlySet<string>): string {
  let m = addMonths(month, 1);
  while (frozen.has(m)) m = addMonths(m, 1);
  return m;
}

/**
 * What frozen months still owe, for `month`: each outcome's price now (0 once waived or no longer a breach) minus
 * what frozen reports already billed for it (its line and earlier adjustments). An outcome that became final in a
 * frozen month but was recorded after it was frozen (a late event) is owed in full and names no original line.
 * Each difference goes to the next open month after the last frozen month that billed it (or its own month).
 */
export function adjustmentsFor(
  month: string,
  timeZone: string,
  news: BilledOutcome[],
  frozen: ReadonlySet<string>,
  waivers: ReadonlyMap<string, WaiverRef>,
  pricer: Pricer,
): Map<string, Adjustment[]> {
  const byPartner = new Map<string, Adjustment[]>();
  for (const outcome of news) {
    const home = outcome.lastBilledMonth ?? monthOf(outcome.finalAt, timeZone);
    if (!frozen.has(home) || nextOpenMonth(home, frozen) !== month) continue;
    const waiver = outcome.breachFactId ? waivers.get(outcome.breachFactId) : undefined;
    const priced = pricer.price(outcome, waiver);
    const now = outcome.state === 'breached' ? priced.amountAfterBreachCapMinor : 0;
    const differenceMinor = now - outcome.billedMinor;
    if (differenceMinor === 0) continue;
    const list = byPartner.get(outcome.partnerId) ?? [];
    list.push({
      outcome,
      priced: { ...priced, currency: outcome.billedCurrency ?? priced.currency },
      differenceMinor,
      adjustsLineId: outcome.originalLineId,
    });
    byPartner.set(outcome.partnerId, list);
  }
  return byPartner;
}
