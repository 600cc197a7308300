/** Prices one breach by the clause its OLA names. Pure: time comes in the breach, never from the clock. */
import type { FlatPerBreachClause, PenaltyClause } from './clause-schema.js';
import { resolveAmount } from './charge-amounts.js';
import { roundRatio, toSafeNumber } from './exact.js';
import { toMs } from '../instants.js';
import { formatDuration, formatMoney } from './money-format.js';
import { priceTieredBands } from './price-bands.js';
import { pricePerUnitLate } from './price-per-unit.js';
import type { BreachToPrice, PricedBreach } from './types.js';

function priceFlat(clause: FlatPerBreachClause, breach: BreachToPrice): PricedBreach {
  const amount = resolveAmount(clause.amount, breach, clause.rounding);
  const minor = toSafeNumber(roundRatio(amount.exact, clause.rounding), 'penalty');
  return {
    breachId: breach.breachId,
    clauseName: breach.clauseName,
    clauseKind: clause.kind,
    unit: 'breach',
    overrunUnits: 1,
    chargeableUnits: 1,
    rate: amount.rate,
    amountBeforeCapsMinor: minor,
    amountAfterBreachCapMinor: minor,
    currency: amount.currency,
    explanation: `1 breach (overrun ${formatDuration(breach.overrunMs)}) × ${amount.text} = ${formatMoney(minor, amount.currency)}`,
  };
}

function checkBreach(b: BreachToPrice): void {
  // Checked one by one, not by looping over [name, value] pairs: this runs for every line of a report.
  checkDuration(b, 'overrunMs', b.overrunMs);
  checkDuration(b, 'pausedMs', b.pausedMs);
  checkDuration(b, 'monthlyOutageMs', b.monthlyOutageMs ?? 0);
  checkMinorUnits(b, 'monthlyMinor', b.charges.monthlyMinor);
  checkMinorUnits(b, 'installMinor', b.charges.installMinor);
  if (!/^[A-Z]{3}$/.test(b.charges.currency))
    throw invalid(b, `charges.currency must be an ISO currency code, got '${b.charges.currency}'`);
  if (toMs(b.stoppedAt) < toMs(b.dueAt)) throw invalid(b, `stoppedAt ${b.stoppedAt} is before dueAt ${b.dueAt}`);
}

const invalid = (b: BreachToPrice, what: string) => new RangeError(`breach ${b.breachId}: ${what}`);

function checkDuration(b: BreachToPrice, name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0) throw invalid(b, `${name} must be a number >= 0, got ${v}`);
}

function checkMinorUnits(b: BreachToPrice, name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw invalid(b, `charges.${name} must be whole minor units >= 0, got ${v}`);
}

/** Prices one breach by its clause: same input, same output. See sla-rules/README.md "Penalty clauses". */
export function priceBreach(clause: PenaltyClause, breach: BreachToPrice): PricedBreach {
  checkBreach(breach);
  switch (clause.kind) {
    case 'perUnitLate':
      return pricePerUnitLate(clause, breach);
    case 'tieredBands':
      return priceTieredBands(clause, breach);
    case 'flatPerBreach':
      return priceFlat(clause, breach);
    default:
      // Only reachable with a document that skipped PenaltyClauseSchema (e.g. stored before clauses had kinds).
      throw new RangeError(
        `breach ${breach.breachId}: clause ${breach.clauseName} has no known kind (${String((clause as { kind?: unknown }).kind)}); validate the policy with PenaltyClauseSchema`,
      );
  }
}
