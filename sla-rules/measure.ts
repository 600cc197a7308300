import { calendarDays, type CalendarDays } from './calendar-days.js';
import type { ResolvedCalendar } from './types.js';

/**
 * Where an addition lands when it uses up its amount exactly at the end of an open period:
 * - 'end': the earliest instant the amount has been consumed (17:30 close of business), as ServiceNow and Jira do;
 * - 'start': the latest instant before more time would be consumed (09:00 next opening). Used for deadlines that were
 *   written as a wall time outside working hours, which roll forward to the next open period.
 */
export type Landing = 'end' | 'start';

/** How a clock counts time: open business time of a calendar, or plain wall-clock time (24x7). */
export interface Measure {
  readonly kind: 'business' | 'clock';
  /** Measured ms in [a, b); 0 when b <= a. */
  between(a: number, b: number): number;
  /** The instant at which `amount` measured ms after `from` have passed (see Landing). */
  add(from: number, amount: number, landing: Landing): number;
}

/** A generous bound so a calendar that is closed for ever fails loudly instead of looping. */
const MAX_DAYS = 366 * 60;

export class BusinessMeasure implements Measure {
  readonly kind = 'business';
  constructor(readonly days: CalendarDays) {}

  between(a: number, b: number): number {
    if (b <= a) return 0;
    let total = 0;
    for (let d = this.days.localDayOf(a); ; d++) {
      const info = this.days.day(d);
      if (info.start >= b) break;
      if (info.open === 0) continue;
      const p = info.periods;
      for (let i = 0; i < p.length; i += 2) {
        const s = Math.max(p[i]!, a);
        const e = Math.min(p[i + 1]!, b);
        if (e > s) total += e - s;
      }
    }
    return total;
  }

  add(from: number, amount: number, landing: Landing): number {
    if (amount <= 0 && landing === 'end') return from;
    let remaining = Math.max(0, amount);
    const first = this.days.localDayOf(from);
    for (let d = first; d < first + MAX_DAYS; d++) {
      const info = this.days.day(d);
      if (info.open === 0) continue;
      const p = info.periods;
      for (let i = 0; i < p.length; i += 2) {
        const e = p[i + 1]!;
        if (e <= from) continue;
        const s = Math.max(p[i]!, from);
        const len = e - s;
        if (remaining < len || (landing === 'end' && remaining === len)) return s + remaining;
        remaining -= len;
      }
    }
    throw new RangeError(`calendar ${this.days.name} has no open time within ${MAX_DAYS} days`);
  }
}

export const wallClock: Measure = {
  kind: 'clock',
  between: (a, b) => Math.max(0, b - a),
  add: (from, amount) => from + Math.max(0, amount),
};

export const businessMeasure = (calendar: ResolvedCalendar): BusinessMeasure =>
  new BusinessMeasure(calendarDays(calendar));

/** Business ms between two instants in a resolved calendar. */
export const businessTimeBetween = (calendar: ResolvedCalendar, from: number, to: number): number =>
  businessMeasure(calendar).between(from, to);

/** The instant `amount` business ms after `from` (lands at close of business when it fits exactly). */
export const addBusinessTime = (
  calendar: ResolvedCalendar,
  from: number,
  amount: number,
  landing: Landing = 'end',
): number => businessMeasure(calendar).add(from, amount, landing);
