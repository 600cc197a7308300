/**
 * The Kaplan–Meier estimator of a time-to-event distribution with right censoring: here the time from an order's
 * start to its delivery, where orders still open (or cancelled) are censored, known only to take longer than they
 * have so far. Pure: no I/O, no clock; times are in any unit (working days here).
 */

/** One order: delivered after `time`, or (censored) not delivered after `time`. */
export type Observation = { time: number; delivered: boolean };

/** The curve at one time where deliveries happened: orders still waiting just before it, deliveries at it, S(t). */
export type SurvivalStep = { time: number; atRisk: number; delivered: number; survival: number };

/** What reading a curve needs: its steps' times and S (a stored curve keeps only these). */
export type CurvePoints = { steps: readonly Pick<SurvivalStep, 'time' | 'survival'>[] };

export type SurvivalCurve = {
  steps: readonly SurvivalStep[];
  /** Orders observed, and how many of them were delivered. */
  observations: number;
  delivered: number;
};

/**
 * S(t), the share of orders not yet delivered at t, as a step function over the distinct delivery times: at each,
 * S falls by the share delivered among the orders still waiting. An order censored at a delivery time still counts
 * as waiting at that time (the usual convention: censoring after deliveries at the same time).
 */
export function kaplanMeier(observations: readonly Observation[]): SurvivalCurve {
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const steps: SurvivalStep[] = [];
  let atRisk = sorted.length;
  let survival = 1;
  let delivered = 0;
  for (let i = 0; i < sorted.length;) {
    const time = sorted[i]!.time;
    let deliveredNow = 0;
    let leaving = 0;
    for (; i < sorted.length && sorted[i]!.time === time; i++) {
      leaving += 1;
      if (sorted[i]!.delivered) deliveredNow += 1;
    }
    if (deliveredNow > 0) {
      survival *= 1 - deliveredNow / atRisk;
      steps.push({ time, atRisk, delivered: deliveredNow, survival });
      delivered += deliveredNow;
    }
    atRisk -= leaving;
  }
  return { steps, observations: sorted.length, delivered };
}

/** S(t): the estimated share of orders not delivered by `time` (1 before the first delivery). */
export function survivalAt(curve: CurvePoints, time: number): number {
  let survival = 1;
  for (const step of curve.steps) {
    if (step.time > time) break;
    survival = step.survival;
  }
  return survival;
}

/**
 * The smallest time by which at least `share` of orders are estimated delivered (1 − S(t) ≥ share), or null when the
 * curve never gets there (too many orders censored before).
 */
export function timeToDeliver(curve: CurvePoints, share: number): number | null {
  // A small tolerance, so 0.8 is reached when 1 − S is 0.7999999999999999 by floating point.
  for (const step of curve.steps) if (1 - step.survival >= share - 1e-12) return step.time;
  return null;
}

/**
 * P(delivered by `time` | not delivered at `elapsed`) = 1 − S(time) / S(elapsed): for an open order, the chance it is
 * delivered by its due time given how long it has waited. Null when the curve says nothing waits that long (S = 0).
 */
export function deliveredByGiven(curve: CurvePoints, elapsed: number, time: number): number | null {
  const waiting = survivalAt(curve, elapsed);
  if (waiting <= 0) return null;
  if (time <= elapsed) return 0;
  return 1 - survivalAt(curve, time) / waiting;
}
