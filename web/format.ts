import { formatMoney } from '../sla-rules/penalties/money-format.js';

/** Text formats shared by the dashboard's pages (static/dashboard.js writes countdowns the same way in the browser). */

export { formatMoney };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A length of time for people: '2 d 3 h', '4 h 5 min', '12 min', '40 s'. */
export function span(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= DAY) return `${Math.floor(abs / DAY)} d ${Math.floor((abs % DAY) / HOUR)} h`;
  if (abs >= HOUR) return `${Math.floor(abs / HOUR)} h ${Math.floor((abs % HOUR) / MINUTE)} min`;
  if (abs >= MINUTE) return `${Math.floor(abs / MINUTE)} min`;
  return `${Math.floor(abs / 1000)} s`;
}

/** Under a day, to the second (a countdown that visibly ticks); longer, as `span`. */
function toTheSecond(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= DAY) return span(abs);
  const h = Math.floor(abs / HOUR);
  const m = Math.floor((abs % HOUR) / MINUTE);
  const s = Math.floor((abs % MINUTE) / 1000);
  return `${h ? `${h} h ` : ''}${h || m ? `${m} min ` : ''}${s} s`;
}

/** Time left until an instant, or how long ago it passed. */
export const countdownText = (ms: number): string => `${toTheSecond(ms)} ${ms >= 0 ? 'left' : 'overdue'}`;

/** An instant as 'YYYY-MM-DD HH:MM UTC' (times are UTC everywhere in Tailgate). */
export const instantText = (iso: string | null | undefined): string =>
  iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—';

export const percentText = (value: number | null): string =>
  value === null ? '—' : `${value.toFixed(value % 1 === 0 ? 0 : 1)} %`;

/** Money, or a dash when there is none. */
export const moneyText = (minor: number | null, currency: string | null): string =>
  minor === null || currency === null ? '—' : formatMoney(minor, currency);
