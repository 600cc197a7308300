import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween } from './measure.js';
import { workingDaysDue, workingDaysLate } from './calendar-queries.js';
import { resolveCalendar } from './holidays.js';
import { HOUR, toMs } from './instants.js';
import type { CalendarSpec } from './types.js';

const office = [{ start: '09:00', end: '17:30' }];
const london: CalendarSpec = {
  timeZone: 'Europe/London',
  workingHours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidayRegion: 'GB-ENG',
  closures: ['2026-12-24'],
};
const uk = resolveCalendar(london, 2026, 2027, 'uk-office');
const add = (from: string, hours: number) => new Date(addBusinessTime(uk, toMs(from), hours * HOUR)).toISOString();

describe('resolveCalendar', () => {
  it('expands public holidays (type public only, substitute days included) and merges closures', () => {
    expect(uk.closedDates).toContain('2026-05-04');
    expect(uk.closedDates).toContain('2026-12-28'); // Boxing Day substitute
    expect(uk.closedDates).toContain('2026-12-24'); // partner closure
    expect(uk.closedDates).not.toContain('2026-03-15'); // Mother's Day is an observance
    expect(uk.closedDates).toEqual([...uk.closedDates].sort());
    const ny = resolveCalendar(
      { ...london, timeZone: 'America/New_York', holidayRegion: 'US-NY', closures: [] },
      2026,
      2026,
    );
    expect(ny.closedDates).toContain('2026-11-26');
    expect(ny.closedDates).toContain('2026-07-03');
  });
});

describe('business time in Europe/London', () => {
  it('rolls past the evening, weekends, bank holidays and closures', () => {
    expect(add('2026-04-14T15:00:00Z', 4)).toBe('2026-04-15T10:30:00.000Z'); // 16:00 BST + 1.5h, then 2.5h from 09:00
    expect(add('2026-04-02T14:00:00Z', 4)).toBe('2026-04-07T09:30:00.000Z'); // 15:00 BST +2.5h; Good Friday, weekend, Easter Monday; Tue 09:00 BST +1.5h
    expect(add('2026-12-23T16:00:00Z', 4)).toBe('2026-12-29T11:30:00.000Z'); // closure 24th, 25/26, substitute 28th
  });

  it('lands at close of business when the amount fits exactly, or at the next opening when asked', () => {
    expect(add('2026-04-14T08:00:00Z', 8.5)).toBe('2026-04-14T16:30:00.000Z');
    expect(new Date(addBusinessTime(uk, toMs('2026-04-14T08:00:00Z'), 8.5 * HOUR, 'start')).toISOString()).toBe(
      '2026-04-15T08:00:00.000Z',
    );
    expect(add('2026-04-18T10:00:00Z', 0)).toBe('2026-04-18T10:00:00.000Z');
  });

  it('is DST-safe across the March and October changes', () => {
    // Fri 27 Mar 15:00 GMT: 2.5h to close; clocks go forward Sun 29; Mon 30 09:00 BST is 08:00Z.
    expect(add('2026-03-27T15:00:00Z', 4)).toBe('2026-03-30T09:30:00.000Z');
    // Fri 23 Oct 15:00 BST (14:00Z): 2.5h to 17:30 BST; clocks go back Sun 25; Mon 26 09:00 GMT.
    expect(add('2026-10-23T14:00:00Z', 4)).toBe('2026-10-26T10:30:00.000Z');
    expect(businessTimeBetween(uk, toMs('2026-03-27T00:00:00Z'), toMs('2026-03-31T00:00:00Z'))).toBe(2 * 8.5 * HOUR);
  });

  it('counts a 24x7 calendar in real time across DST (23- and 25-hour days)', () => {
    const always = [{ start: '00:00', end: '24:00' }];
    const cal = resolveCalendar(
      {
        timeZone: 'Europe/London',
        workingHours: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always },
        closures: [],
      },
      2026,
      2026,
    );
    expect(businessTimeBetween(cal, toMs('2026-03-29T00:00:00Z'), toMs('2026-03-30T00:00:00Z'))).toBe(24 * HOUR);
    expect(new Date(addBusinessTime(cal, toMs('2026-10-24T12:00:00Z'), 24 * HOUR)).toISOString()).toBe(
      '2026-10-25T12:00:00.000Z',
    );
  });

  it('treats a period as one interval on DST nights: from when the wall clock reaches its start to its end', () => {
    const night = [{ start: '01:30', end: '03:00' }];
    const cal = resolveCalendar(
      {
        timeZone: 'Europe/London',
        workingHours: { mon: night, tue: night, wed: night, thu: night, fri: night, sat: night, sun: night },
        closures: [],
      },
      2026,
      2026,
    );
    // Sun 29 Mar: the wall clock jumps from 01:00 to 02:00 at 01:00Z, past 01:30; open until 03:00 BST (02:00Z).
    expect(businessTimeBetween(cal, toMs('2026-03-29T00:00:00Z'), toMs('2026-03-29T12:00:00Z'))).toBe(1 * HOUR);
    // Sun 25 Oct: 01:30 happens twice; the period starts at the first (00:30Z) and ends 03:00 GMT.
    expect(businessTimeBetween(cal, toMs('2026-10-25T00:00:00Z'), toMs('2026-10-25T12:00:00Z'))).toBe(2.5 * HOUR);
  });
});

describe('working days', () => {
  it('is due at close of business on the Nth working day after the start day', () => {
    expect(workingDaysDue(uk, '2026-04-14T10:00:00Z', 30)).toBe('2026-05-28T16:30:00.000Z');
    expect(workingDaysDue(uk, '2026-04-18T10:00:00Z', 5)).toBe('2026-04-24T16:30:00.000Z'); // Saturday is day 0
    expect(workingDaysDue(uk, '2026-04-14T16:45:00Z', 1)).toBe('2026-04-15T16:30:00.000Z');
  });

  it('with a cut-off, a late or non-working-day start counts from the next working day', () => {
    expect(workingDaysDue(uk, '2026-04-14T16:45:00Z', 1, '17:00')).toBe('2026-04-16T16:30:00.000Z'); // 17:45 BST
    expect(workingDaysDue(uk, '2026-04-14T15:45:00Z', 1, '17:00')).toBe('2026-04-15T16:30:00.000Z'); // 16:45 BST
    expect(workingDaysDue(uk, '2026-04-18T10:00:00Z', 5, '17:00')).toBe('2026-04-27T16:30:00.000Z'); // Monday is day 0
  });

  it('counts working days late for daily penalties', () => {
    expect(workingDaysLate(uk, '2026-05-28T16:30:00Z', '2026-05-28T17:00:00Z')).toBe(0);
    expect(workingDaysLate(uk, '2026-05-22T16:30:00Z', '2026-05-26T10:00:00Z')).toBe(1); // over a bank holiday weekend
    expect(workingDaysLate(uk, '2026-05-28T16:30:00Z', '2026-05-27T10:00:00Z')).toBe(0);
  });
});
