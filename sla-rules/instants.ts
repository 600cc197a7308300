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
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(instant))
    throw new RangeError(`instant needs a time zone (Z or ±HH:MM): ${instant}`);
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${instant}`);
  return ms;
}

/** Whether two written instants (or dates) name the same moment, however spelt (`…00Z`, `…00.000Z`, `+01:00`). */
export function sameInstant(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === b) return true;
  if (a == null || b == null) return false;
  return Date.parse(a) === Date.parse(b);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * Epoch ms to 'YYYY-MM-DDTHH:MM:SS.mmmZ', same as Date#toISOString but several times faster (civil-from-days, after
 * H. Hinnant); a clock view formats a dozen instants, which dominated evaluation time.
 */
export function toIso(ms: number): string {
  if (!(ms >= 0 && ms < 253402300800000)) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY);
  let rest = ms - days * DAY;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hh = Math.floor(rest / HOUR);
  rest -= hh * HOUR;
  const mm = Math.floor(rest / MINUTE);
  rest -= mm * MINUTE;
  const ss = Math.floor(rest / 1000);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}.${pad3(rest - ss * 1000)}Z`;
}

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
