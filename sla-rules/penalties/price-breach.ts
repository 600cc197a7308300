import type { PenaltyClause } from './clause-schema.js';
import type { BreachToPrice, PricedBreach } from './types.js';

/** Prices one breach by its clause. Pure: same input, same output. */
export function priceBreach(clause: PenaltyClause, breach: BreachToPrice): PricedBreach {
  void clause;
  void breach;
  throw new Error('not implemented');
}
