import type { CalendarDays } from './calendar-days.js';
import { isDateOnly, dayNumberOf, minutesOf, toMs } from './instants.js';
import type { Landing, Measure } from './measure.js';

/** A bound on working-day searches, so an all-closed calendar fails instead of looping. */
const MAX_DAYS = 366 * 60;

/**
 * Day 0 of a working-day count: the local date of the start. With a cut-off time, a start at or after the cut-off,
 * or on a day with no working time, counts as received on the next working day (carrier "order received" rules).
 */
export function dayZero(days: CalendarDays, start: number, cutOff?: string): number {
  const day = days.localDayOf(start);
  if (cutOff === undefined) return day;
  const late = start >= days.at(day, minutesOf(cutOff));
  return late || !days.isWorkingDay(day) ? nthWorkingDayAfter(days, day, 1) : day;
}

/** The Nth working day strictly after local day `day` (N >= 1); N = 0 is `day` itself. */
export function nthWorkingDayAfter(days: CalendarDays, day: number, n: number): number {
  let count = 0;
  let d = day;
  while (count < n) {
    d++;
    if (d - day > MAX_DAYS) throw new RangeError(`calendar ${days.name} has no working day within ${MAX_DAYS} days`);
    if (days.isWorkingDay(d)) count++;
  }
  return d;
}

/** Close of business: the end of the day's last open period (local midnight ending the day if it has none). */
export function closeOfBusiness(days: CalendarDays, day: number): number {
  const { periods, end } = days.day(day);
  return periods.length > 0 ? periods[periods.length - 1]! : end;
}

/** Close of business on the Nth working day after day 0 (see `dayZero`). */
export function workingDaysDeadline(days: CalendarDays, start: number, n: number, cutOff?: string): number {
  return closeOfBusiness(days, nthWorkingDayAfter(days, dayZero(days, start, cutOff), n));
}

/** `time` (local) on the first working day after day 0; may be outside working hours, then it rolls forward. */
export function nextWorkingDayByDeadline(days: CalendarDays, start: number, time: string, cutOff?: string): number {
  return days.at(nthWorkingDayAfter(days, dayZero(days, start, cutOff), 1), minutesOf(time));
}

/**
 * A committed date as an instant: a full ISO instant as given; a bare date means close of business on that local
 * date, or the end of that date when it is not a working day (which then rolls to the next opening).
 */
export function committedDeadline(days: CalendarDays | null, committed: string): number {
  if (!isDateOnly(committed)) return toMs(committed);
  const day = dayNumberOf(committed);
  if (!days) return (day + 1) * 86_400_000;
  return days.isWorkingDay(day) ? closeOfBusiness(days, day) : days.day(day).end;
}

/** A deadline turned into an amount of measured time, so pauses can push it later like any other target. */
export type DeadlineAmount = { amount: number; landing: Landing; fixedDue?: number };

/**
 * Converts a deadline D0 into the measured time from `start` to D0. A deadline that is not just after open time
 * (it sits at an opening or in closed time) lands with 'start', so with no pauses the due instant is D0 rolled
 * forward to the next opening. A deadline at or before the start cannot move: it is due as written.
 */
export function deadlineAmount(measure: Measure, start: number, deadline: number): DeadlineAmount {
  if (deadline <= start) return { amount: 0, landing: 'end', fixedDue: deadline };
  const justOpen = measure.between(deadline - 1, deadline) > 0;
  return { amount: measure.between(start, deadline), landing: justOpen ? 'end' : 'start' };
}

/** Working days from the local day of `from` (exclusive) to the local day of `to` (inclusive): "days late". */
export function workingDaysAfter(days: CalendarDays, from: number, to: number): number {
  const first = days.localDayOf(from);
  const last = days.localDayOf(to);
  let count = 0;
  for (let d = first + 1; d <= last; d++) if (days.isWorkingDay(d)) count++;
  return count;
}
