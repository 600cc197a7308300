/** What the penalty calculator takes and gives. Types only. */
import type { ResolvedCalendar } from '../types.js';

/** One breach, ready to be priced by the clause its OLA names. */
export type BreachToPrice = {
  breachId: string;
  clauseName: string;
  /** UTC ISO instant the clock fell due. */
  dueAt: string;
  /** UTC ISO instant the clock stopped (delivered / restored): when the breach became final. */
  stoppedAt: string;
  /** Beyond target in the clock's measure (business or 24x7 ms); paused (buyer-caused) time already excluded. */
  overrunMs: number;
  /** Paused time, shown in the explanation; never charged. */
  pausedMs: number;
  /** The OLA's business calendar: needed for workingDay clauses; its time zone places calendar days and months. */
  calendar: ResolvedCalendar | null;
  charges: { monthlyMinor: number; installMinor: number; currency: string };
  /** For tieredBands clauses measured on the month's outage total (summed by the caller). */
  monthlyOutageMs?: number | undefined;
  /** Zone for calendar days and the month of `calendarDaysInMonth`; default the calendar's zone, else UTC. */
  timeZone?: string | undefined;
};

export type PenaltyUnit = 'workingDay' | 'calendarDay' | 'startedHour' | 'band' | 'breach';

/**
 * The per-unit rate. `amountMinor` is the rate rounded to the minor unit with the clause's rounding, for display;
 * `exactMinor` is the exact rate as a decimal string (e.g. '3278.688524' for 100,000 / 30.5, cut at 6 places and
 * marked with a trailing '…' when it does not end). The line amount is units × the exact rate, rounded once.
 */
export type PenaltyRate =
  | { amountMinor: number; exactMinor: string }
  | { percent: number; of: 'monthlyCharge' | 'installCharge'; amountMinor: number; exactMinor: string }
  | { daysOfCharge: number; of: 'monthlyCharge'; divisor: number; amountMinor: number; exactMinor: string };

export type PricedBreach = {
  breachId: string;
  clauseName: string;
  clauseKind: string;
  unit: PenaltyUnit;
  /** In the clause's unit, before grace (bands: the band's index; breach: 1). */
  overrunUnits: number;
  /** After grace and any unit cap. */
  chargeableUnits: number;
  rate: PenaltyRate;
  amountBeforeCapsMinor: number;
  amountAfterBreachCapMinor: number;
  currency: string;
  /** One line finance can defend, e.g. "3 working days late × 1,000.00 GBP/day, cap 10 days". */
  explanation: string;
};

export type CapInput = {
  lineId: string;
  finalAt: string;
  amountMinor: number;
  currency: string;
  monthlyChargeMinor: number;
  circuitId?: string | undefined;
};
export type CappedLine = {
  lineId: string;
  amountAfterCapsMinor: number;
  cappedBy: 'monthly' | 'rolling12Months' | null;
};
