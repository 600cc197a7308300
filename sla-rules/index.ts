/**
 * The workflow-safe SLA engine: pure functions of (policy, calendars, events, now). Nothing here imports
 * date-holidays or yaml; parse policies with parse-policy.ts and expand holidays with holidays.ts outside workflows.
 */
export * from './types.js';
export * from './order-states.js';
export * from './ticket-states.js';
export { computeClocks, type ClockInput } from './clocks.js';
export { selectPolicyVersion, selectOlas, olaApplies, effectiveFromMs } from './select.js';
export { nextWakeUp, slaFacts, type SlaFact } from './wake-up.js';
export { addBusinessTime, businessTimeBetween, type Landing } from './measure.js';
export { workingDaysLate, workingDaysDue } from './calendar-queries.js';
export { toMs, toIso } from './instants.js';
export { finalOutcomes, outcomeSignature, type FinalOutcome } from './final-outcomes.js';
export * from './penalties/index.js';
export { explainClock } from './explain.js';
