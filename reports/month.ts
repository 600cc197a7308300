import { TZDate } from '@date-fns/tz';

/** Finance months are calendar months (YYYY-MM) in the finance time zone; everything stored is UTC. */
export const DEFAULT_FINANCE_TIME_ZONE = 'Europe/London';
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type MonthPeriod = { month: string; timeZone: string; startsAt: string; endsAt: string };

const pad = (n: number) => String(n).padStart(2, '0');
const parts = (month: string): [number, number] => {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new Error(`not a month (YYYY-MM): ${month}`);
  return [Number(m[1]), Number(m[2])];
};

export const isMonth = (value: string): boolean => MONTH_PATTERN.test(value);

/** The month `delta` months after (or before, negative) `month`. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = parts(month);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** [startsAt, endsAt): local midnight on the 1st to local midnight on the next 1st, as UTC instants. */
export function monthPeriod(month: string, timeZone: string): MonthPeriod {
  const [y, m] = parts(month);
  const start = new TZDate(y, m - 1, 1, 0, 0, 0, 0, timeZone);
  const end = new TZDate(y, m, 1, 0, 0, 0, 0, timeZone);
  return {
    month,
    timeZone,
    startsAt: new Date(start.getTime()).toISOString(),
    endsAt: new Date(end.getTime()).toISOString(),
  };
}

/** The finance month an instant falls in. */
export function monthOf(instant: Date | string | number, timeZone: string): string {
  const local = new TZDate(new Date(instant).getTime(), timeZone);
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}`;
}

/** The month before the one `instant` falls in: what the 1st-of-the-month schedule reports on. */
export const previousMonth = (instant: Date | string | number, timeZone: string): string =>
  addMonths(monthOf(instant, timeZone), -1);

/** A month is complete once its last instant has passed. */
export const isComplete = (month: string, now: Date, timeZone: string): boolean =>
  Date.parse(monthPeriod(month, timeZone).endsAt) <= now.getTime();
