import { tzOffset } from '@date-fns/tz';
import { DAY, HOUR, MINUTE, dayNumberOf, minutesOf, weekdayIndexOf } from './instants.js';
import { weekdays, type ResolvedCalendar } from './types.js';

/** One local day of a calendar, as UTC instants (ms). */
export type DayInfo = {
  /** Local midnight, and the next local midnight (23, 24 or 25 hours later). */
  start: number;
  end: number;
  /** Open periods as flat [start, end, start, end, ...] instants, ascending and disjoint. */
  periods: number[];
  /** Total open ms that day. */
  open: number;
};

/**
 * A resolved calendar turned into per-day open periods in UTC. Days are computed on first use and cached, because the
 * time-zone lookup (Intl) is the slow part and clocks ask about the same few weeks again and again.
 */
export class CalendarDays {
  readonly name: string;
  readonly timeZone: string;
  readonly holidayYears: { from: number; to: number };
  private readonly hours: number[][];
  private readonly closed: Set<number>;
  private readonly days = new Map<number, DayInfo>();
  private readonly midnights = new Map<number, number>();

  constructor(calendar: ResolvedCalendar) {
    this.name = calendar.name;
    this.timeZone = calendar.timeZone;
    this.holidayYears = calendar.holidayYears;
    if (Number.isNaN(tzOffset(calendar.timeZone, new Date(0))))
      throw new RangeError(`unknown time zone ${calendar.timeZone}`);
    this.hours = weekdays.map((d) =>
      mergePeriods(calendar.workingHours[d].map((p) => [minutesOf(p.start), minutesOf(p.end)] as const)),
    );
    if (this.hours.every((h) => h.length === 0)) throw new RangeError(`calendar ${calendar.name} has no working hours`);
    this.closed = new Set(calendar.closedDates.map(dayNumberOf));
  }

  private offset(ms: number): number {
    return tzOffset(this.timeZone, new Date(ms)) * MINUTE;
  }

  /**
   * The instant a local wall time (given as if it were UTC ms) is reached. Ambiguous times (clocks going back) take
   * the first occurrence; a time skipped by clocks going forward is reached at the change itself, when the wall clock
   * jumps past it. So a working period is always one unbroken interval.
   */
  localToUtc(local: number): number {
    const before = this.offset(local - 14 * HOUR);
    const after = this.offset(local + 14 * HOUR);
    if (before === after) return local - before;
    const early = local - before;
    if (this.offset(early) === before) return early;
    const late = local - after;
    if (this.offset(late) === after) return late;
    // In the gap: the change lies in (late, early]; find the first instant already on the new offset.
    let lo = late;
    let hi = early;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offset(mid) === after) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  private midnight(day: number): number {
    let ms = this.midnights.get(day);
    if (ms === undefined) {
      ms = this.localToUtc(day * DAY);
      this.midnights.set(day, ms);
    }
    return ms;
  }

  isClosedDate(day: number): boolean {
    return this.closed.has(day);
  }

  day(day: number): DayInfo {
    const cached = this.days.get(day);
    if (cached) return cached;
    const start = this.midnight(day);
    const end = this.midnight(day + 1);
    const periods: number[] = [];
    const hours = this.closed.has(day) ? [] : (this.hours[weekdayIndexOf(day)] ?? []);
    // Same offset all day and the day really begins at wall 00:00: wall minutes map linearly from `start`. Where
    // clocks go forward at midnight (America/Santiago in September) local 00:00 does not exist; `start` is then the
    // change (wall 01:00) and already on the day's only offset, so the offsets alone would wrongly look linear.
    const startOffset = this.offset(start);
    const linear = startOffset === this.offset(end - 1) && start + startOffset === day * DAY;
    for (let i = 0; i < hours.length; i += 2) {
      const from = hours[i]!;
      const to = hours[i + 1]!;
      const s = linear ? start + from * MINUTE : this.at(day, from);
      const e = linear && to !== 1440 ? start + to * MINUTE : this.at(day, to);
      if (e <= s) continue;
      const last = periods.length - 1;
      if (last > 0 && periods[last]! >= s) periods[last] = Math.max(periods[last]!, e);
      else periods.push(s, e);
    }
    const info: DayInfo = { start, end, periods, open: sumPeriods(periods) };
    this.days.set(day, info);
    return info;
  }

  /** The local day (day number) an instant falls on. */
  localDayOf(ms: number): number {
    const guess = Math.floor(ms / DAY);
    for (const d of [guess - 1, guess, guess + 1]) {
      if (this.midnight(d) <= ms && ms < this.midnight(d + 1)) return d;
    }
    throw new RangeError(`no local day for ${ms} in ${this.timeZone}`);
  }

  isWorkingDay(day: number): boolean {
    return this.day(day).open > 0;
  }

  /** Open instants of local day `day` at local time `minutes` (may be in closed time). */
  at(day: number, minutes: number): number {
    return minutes === 1440 ? this.midnight(day + 1) : this.localToUtc(day * DAY + minutes * MINUTE);
  }

  /** Years of a local day, to warn when holidays were not expanded that far. */
  yearOf(day: number): number {
    return new Date(day * DAY).getUTCFullYear();
  }
}

function sumPeriods(periods: number[]): number {
  let total = 0;
  for (let i = 0; i < periods.length; i += 2) total += periods[i + 1]! - periods[i]!;
  return total;
}

/** Sorted, merged [start, end, start, end, ...] minutes; overlapping or touching periods become one. */
function mergePeriods(periods: ReadonlyArray<readonly [number, number]>): number[] {
  const sorted = [...periods].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [s, e] of sorted) {
    const last = out.length - 1;
    if (last > 0 && out[last]! >= s) out[last] = Math.max(out[last]!, e);
    else out.push(s, e);
  }
  return out;
}

const byObject = new WeakMap<ResolvedCalendar, CalendarDays>();
const bySignature = new Map<string, CalendarDays>();
const MAX_CACHED = 256;

/**
 * Compiled calendar for a resolved calendar, cached. Caching cannot change results (days are pure functions of the
 * calendar), so it is deterministic; the signature cache serves callers that deserialize a fresh object per call.
 */
export function calendarDays(calendar: ResolvedCalendar): CalendarDays {
  const hit = byObject.get(calendar);
  if (hit) return hit;
  const signature = JSON.stringify([
    calendar.name,
    calendar.timeZone,
    calendar.workingHours,
    calendar.closedDates,
    calendar.holidayYears,
  ]);
  let compiled = bySignature.get(signature);
  if (!compiled) {
    compiled = new CalendarDays(calendar);
    // Bounded: a long-lived worker sees many partners' calendars over time.
    if (bySignature.size >= MAX_CACHED) bySignature.delete(bySignature.keys().next().value!);
    bySignature.set(signature, compiled);
  }
  byObject.set(calendar, compiled);
  return compiled;
}
