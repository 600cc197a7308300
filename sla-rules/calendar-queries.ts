import { calendarDays } from './calendar-days.js';
import { workingDaysAfter, workingDaysDeadline } from './deadlines.js';
import { toIso, toMs } from './instants.js';
import type { Instant, ResolvedCalendar } from './types.js';

/**
 * Working days after the local day of `dueAt` up to and including the local day of `endedAt`: the "days late" a
 * daily late-delivery penalty counts (0 when it ended on the due day).
 */
export function workingDaysLate(calendar: ResolvedCalendar, dueAt: Instant, endedAt: Instant): number {
  const due = toMs(dueAt);
  const end = toMs(endedAt);
  return end <= due ? 0 : workingDaysAfter(calendarDays(calendar), due, end);
}

/** Close of business on the Nth working day after the local day of `start` (the `workingDays` target, unpaused). */
export function workingDaysDue(calendar: ResolvedCalendar, start: Instant, days: number, cutOff?: string): string {
  return toIso(workingDaysDeadline(calendarDays(calendar), toMs(start), days, cutOff));
}
