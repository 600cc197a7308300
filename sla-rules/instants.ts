import type { Instant } from './types.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Epoch ms of an instant. ISO strings must carry a zone (Z or offset) so they are unambiguous. */
export function toMs(instant: Instant): number {
  if (typeof instant === 'number') {
    if (!Number.isFinite(instant)) throw new RangeError(`not an instant: ${instant}`);
    return Math.trunc(instant);
  }
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(instant)) throw new RangeError(`instant needs a time zone (Z or ±HH:MM): ${instant}`);
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${instant}`);
  return ms;
}

export const toIso = (ms: number): string => new Date(ms).toISOString();

/** 'HH:MM' (00:00 .. 24:00) to minutes after local midnight. */
export function minutesOf(hhmm: string): number {
  const m = /^(\d\d):(\d\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`not HH:MM: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Local date 'YYYY-MM-DD' to a day number (days since 1970-01-01); the calendar works in day numbers. */
export function dayNumberOf(date: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY;
}

export const dateOfDayNumber = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

export const isDateOnly = (s: string): boolean => /^\d{4}-\d\d-\d\d$/.test(s);

/** Monday = 0 .. Sunday = 6 (day 0, 1970-01-01, was a Thursday). */
export const weekdayIndexOf = (day: number): number => (((day + 3) % 7) + 7) % 7;
