/** Penalty clauses: pure pricing of breaches and partner caps. Workflow-safe (zod and @date-fns/tz only). */
export {
  PenaltyClauseSchema,
  PenaltyCapsSchema,
  chargeKinds,
  roundingModes,
  lateUnits,
  type PenaltyClause,
  type PerUnitLateClause,
  type TieredBandsClause,
  type FlatPerBreachClause,
  type PenaltyCaps,
  type CapLimit,
  type RoundingMode,
  type ChargeKind,
} from './clause-schema.js';
export type { BreachToPrice, PricedBreach, PenaltyRate, PenaltyUnit, CapInput, CappedLine } from './types.js';
export { priceBreach } from './price-breach.js';
export { applyPartnerCaps } from './partner-caps.js';
export { totalsByCurrency } from './currency-totals.js';
