import { tzOffset } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MINUTE, toMs } from './instants.js';
import { addBusinessTime, businessTimeBetween } from './measure.js';
import { weekdays, type ResolvedCalendar, type WorkingPeriod } from './types.js';

const runs = { numRuns: 150 };
const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC', 'America/Santiago', 'Pacific/Chatham'];
const hhmm = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;

/** 0-2 periods a day on quarter hours (end may be 24:00), in zones with DST changes at 01:00, 02:00 and midnight. */
const period = fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 })).map(([s, len]): WorkingPeriod => ({ start: hhmm(s), end: hhmm(Math.min(96, s + len)) }));
const day = fc.array(period, { maxLength: 2 });
const calendarArb = fc
  .record({
    timeZone: fc.constantFrom(...zones),
    days: fc.tuple(day, day, day, day, day, day, day),
    closures: fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 30 }),
  })
  .filter(({ days }) => days.some((d) => d.length > 0))
  .map(({ timeZone, days, closures }): ResolvedCalendar => ({
    name: 'random',
    timeZone,
    workingHours: Object.fromEntries(weekdays.map((w, i) => [w, days[i]!])) as ResolvedCalendar['workingHours'],
    closedDates: [...new Set(closures.map((d) => new Date(toMs('2026-01-01T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10)))].sort(),
    holidayYears: { from: 2026, to: 2027 },
  }));

/** Open minutes in a week (overlaps counted twice: only a scale for the amounts). */
const weeklyOpen = (cal: ResolvedCalendar) =>
  Object.values(cal.workingHours).flat().reduce((sum, p) => sum + (toMinutes(p.end) - toMinutes(p.start)) * MINUTE, 0);
const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

const instant = fc.integer({ min: toMs('2026-01-01T00:00:00Z'), max: toMs('2026-12-31T00:00:00Z') });
/** Up to about six weeks of open time, so sparse calendars stay fast. */
const fraction = fc.integer({ min: 0, max: 6000 });

describe('calendar arithmetic (properties)', () => {
  it('measuring an addition gives back the amount, for either landing', () => {
    fc.assert(
      fc.property(calendarArb, instant, fraction, (cal, a, f) => {
        const amount = Math.round((weeklyOpen(cal) * f) / 1000 / MINUTE) * MINUTE;
        const end = addBusinessTime(cal, a, amount, 'end');
        const start = addBusinessTime(cal, a, amount, 'start');
        expect(businessTimeBetween(cal, a, end)).toBe(amount);
        expect(businessTimeBetween(cal, a, start)).toBe(amount);
        expect(start).toBeGreaterThanOrEqual(end);
      }),
      runs,
    );
  });

  it('adding the measured time between two instants lands between the close and the next opening', () => {
    fc.assert(
      fc.property(calendarArb, instant, fc.integer({ min: 0, max: 40 * 86_400_000 }), (cal, a, span) => {
        const b = a + span;
        const measured = businessTimeBetween(cal, a, b);
        expect(measured).toBeLessThanOrEqual(span);
        expect(addBusinessTime(cal, a, measured, 'end')).toBeLessThanOrEqual(b);
        expect(addBusinessTime(cal, a, measured, 'start')).toBeGreaterThanOrEqual(b);
      }),
      runs,
    );
  });

  it('measured time is additive over adjacent spans', () => {
    fc.assert(
      fc.property(calendarArb, instant, fc.integer({ min: 0, max: 20 * 86_400_000 }), fc.integer({ min: 0, max: 20 * 86_400_000 }), (cal, a, x, y) => {
        expect(businessTimeBetween(cal, a, a + x) + businessTimeBetween(cal, a + x, a + x + y)).toBe(businessTimeBetween(cal, a, a + x + y));
      }),
      runs,
    );
  });
});

/** An independent count: every 15-minute slot whose local wall time (and date) is open. Periods avoid DST hours. */
// When clocks go back, a local wall time happens twice; a working period ends at its first occurrence (the office
// closes once), so the oracle counts each local slot of a date once.
function slotOracle(cal: ResolvedCalendar, a: number, b: number): number {
  const slot = 15 * MINUTE;
  const counted = new Set<string>();
  let open = 0;
  for (let t = a; t < b; t += slot) {
    const local = t + tzOffset(cal.timeZone, new Date(t)) * MINUTE;
    const date = new Date(local).toISOString().slice(0, 10);
    const minute = Math.floor((local % 86_400_000) / MINUTE);
    const weekday = weekdays[(new Date(local).getUTCDay() + 6) % 7]!;
    if (cal.closedDates.includes(date) || counted.has(`${date} ${minute}`)) continue;
    counted.add(`${date} ${minute}`);
    if (cal.workingHours[weekday].some((p) => toMinutes(p.start) <= minute && minute < toMinutes(p.end))) open += slot;
  }
  return open;
}

describe('calendar arithmetic against a slot-by-slot count', () => {
  const dayTime = fc.array(fc.tuple(fc.integer({ min: 16, max: 95 }), fc.integer({ min: 1, max: 80 })).map(([s, len]) => ({ start: hhmm(s), end: hhmm(Math.min(96, s + len)) })), { maxLength: 2 });
  const daytimeCalendar = fc
    .record({ cal: calendarArb, days: fc.tuple(dayTime, dayTime, dayTime, dayTime, dayTime, dayTime, dayTime) })
    .filter(({ days }) => days.some((d) => d.length > 0))
    .map(({ cal, days }) => ({ ...cal, workingHours: Object.fromEntries(weekdays.map((w, i) => [w, days[i]!])) as ResolvedCalendar['workingHours'] }));
  const quarter = fc.integer({ min: 0, max: 365 * 96 }).map((q) => toMs('2026-01-01T00:00:00Z') + q * 15 * MINUTE);

  it('agrees with the oracle in every zone, across DST changes and closures', () => {
    // A counterexample once found (Santiago, where clocks go back at midnight, inside Saturday working hours).
    const santiago = { name: 'random', timeZone: 'America/Santiago', closedDates: [], holidayYears: { from: 2026, to: 2027 },
      workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [{ start: '04:30', end: '23:15' }], sun: [] } } as ResolvedCalendar;
    expect(businessTimeBetween(santiago, 1774514700000, 1774514700000 + 938 * 15 * MINUTE)).toBe(slotOracle(santiago, 1774514700000, 1774514700000 + 938 * 15 * MINUTE));
    fc.assert(
      fc.property(daytimeCalendar, quarter, fc.integer({ min: 0, max: 14 * 96 }), (cal, a, slots) => {
        const b = a + slots * 15 * MINUTE;
        expect(businessTimeBetween(cal, a, b)).toBe(slotOracle(cal, a, b));
      }),
      { numRuns: 100 },
    );
  });
});
