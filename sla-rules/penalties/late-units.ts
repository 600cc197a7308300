/** Counting how late a breach is in a clause's unit. Pure; time zones through @date-fns/tz. */
import { tzOffset } from '@date-fns/tz';
import { workingDaysLate } from '../calendar-queries.js';
import { DAY, HOUR, MINUTE, toMs } from '../instants.js';
import type { BreachToPrice } from './types.js';

export type LateUnit = 'workingDay' | 'calendarDay' | 'startedHour';

/** The zone that places calendar days and months: the breach's own, else its calendar's, else UTC. */
export const zoneOf = (breach: BreachToPrice): string => breach.timeZone ?? breach.calendar?.timeZone ?? 'UTC';

function localDayNumber(ms: number, timeZone: string): number {
  const offset = tzOffset(timeZone, new Date(ms));
  if (Number.isNaN(offset)) throw new RangeError(`unknown time zone ${timeZone}`);
  return Math.floor((ms + offset * MINUTE) / DAY);
}

/** Local dates after the due date up to and including the stop date (0 when it stopped on the due date). */
export function calendarDaysLate(dueAt: string, stoppedAt: string, timeZone: string): number {
  const due = toMs(dueAt);
  const end = toMs(stoppedAt);
  return end <= due ? 0 : localDayNumber(end, timeZone) - localDayNumber(due, timeZone);
}

/** Days in the local month of `at` (28-31): the `calendarDaysInMonth` divisor. */
export function daysInLocalMonth(at: string, timeZone: string): number {
  const local = new Date(localDayNumber(toMs(at), timeZone) * DAY);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Started hours of an amount of time: 1 ms -> 1, 60 min -> 1, 61 min -> 2. */
export const startedHours = (ms: number): number => Math.ceil(Math.max(0, ms) / HOUR);

/**
 * How late in whole units, before grace. Days count from `dueAt` to `stoppedAt`: the engine never applies a pause
 * received at or after the due instant, so buyer-caused pauses have already moved `dueAt` later. Hours count the
 * clock's `overrunMs`, which excludes paused time.
 */
export function lateUnits(unit: LateUnit, breach: BreachToPrice): number {
  switch (unit) {
    case 'startedHour':
      return startedHours(breach.overrunMs);
    case 'calendarDay':
      return calendarDaysLate(breach.dueAt, breach.stoppedAt, zoneOf(breach));
    case 'workingDay':
      if (!breach.calendar)
        throw new RangeError(
          `breach ${breach.breachId}: clause ${breach.clauseName} counts working days but the OLA has no calendar`,
        );
      return workingDaysLate(breach.calendar, breach.dueAt, breach.stoppedAt);
  }
}
