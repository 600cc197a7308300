/**
 * Expands public holidays into resolved calendars. NOT workflow-safe (date-holidays carries large rule tables and
 * is not deterministic across its own upgrades): call it in an activity or at policy load, and hand the resolved
 * calendars to the workflow as data.
 */
import Holidays from 'date-holidays';
import type { CalendarSpec, Policy, ResolvedCalendar } from './types.js';

const byRegion = new Map<string, Holidays>();

function holidaysOf(region: string): Holidays {
  let h = byRegion.get(region);
  if (!h) {
    const [country, state] = region.split('-');
    if (!country) throw new RangeError(`bad holiday region ${region}`);
    h = state ? new Holidays(country, state) : new Holidays(country);
    if (!h.getCountries()[country]) throw new RangeError(`unknown holiday region ${region}`);
    byRegion.set(region, h);
  }
  return h;
}

/**
 * Public holidays (date-holidays type 'public' only, substitute days included) of a region such as 'GB-ENG'
 * (country GB, state ENG) or 'US-NY', as local dates, for the years fromYear..toYear inclusive.
 */
export function publicHolidays(region: string, fromYear: number, toYear: number): string[] {
  const h = holidaysOf(region);
  const dates: string[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (const holiday of h.getHolidays(year)) {
      if (holiday.type === 'public') dates.push(holiday.date.slice(0, 10));
    }
  }
  return dates;
}

/** A calendar with its public holidays (fromYear..toYear) and closures merged into one sorted list of closed dates. */
export function resolveCalendar(
  calendar: CalendarSpec,
  fromYear: number,
  toYear: number,
  name = 'calendar',
): ResolvedCalendar {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || toYear < fromYear)
    throw new RangeError(`bad year range ${fromYear}..${toYear}`);
  const holidays = calendar.holidayRegion ? publicHolidays(calendar.holidayRegion, fromYear, toYear) : [];
  const closedDates = [...new Set([...holidays, ...calendar.closures])].sort();
  return {
    name,
    timeZone: calendar.timeZone,
    workingHours: calendar.workingHours,
    closedDates,
    holidayYears: { from: fromYear, to: toYear },
  };
}

/** Every calendar of a policy, resolved: what `computeClocks` takes as `calendars`. */
export function resolvePolicyCalendars(
  policy: Pick<Policy, 'calendars'>,
  fromYear: number,
  toYear: number,
): Record<string, ResolvedCalendar> {
  return Object.fromEntries(
    Object.entries(policy.calendars).map(([name, cal]) => [name, resolveCalendar(cal, fromYear, toYear, name)]),
  );
}
