/** Human text for explanations: money in major units with its currency, percentages, durations. Exact, no floats. */
import { formatRatio, ratio, toSafeNumber, type Ratio } from './exact.js';

const minorDigitsCache = new Map<string, number>();

/**
 * Digits after the decimal point of a currency's major unit (GBP 2, JPY 0, BHD 3), from Intl's ISO 4217 data. Same
 * rule as openapi/money.ts `minorDigits`, repeated because sla-rules may import only types from openapi (workflow
 * safety: workflow-safety.test.ts refuses any module outside sla-rules).
 */
export function minorDigits(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

/** '1234567' -> '1,234,567'. */
function groupThousands(digits: string): string {
  let out = digits;
  for (let i = out.length - 3; i > 0; i -= 3) out = `${out.slice(0, i)},${out.slice(i)}`;
  return out;
}

/** 123456 GBP -> '1,234.56 GBP'. */
export function formatMoney(minor: number, currency: string): string {
  const places = minorDigits(currency);
  const scale = 10 ** places;
  const abs = Math.abs(minor);
  const fraction = places > 0 ? `.${String(abs % scale).padStart(places, '0')}` : '';
  return `${minor < 0 ? '-' : ''}${groupThousands(String(Math.trunc(abs / scale)))}${fraction} ${currency}`;
}

/** An exact amount of minor units in major units, with up to 6 more places and '…' when it goes on. */
export function formatExactMoney(minor: Ratio, currency: string): string {
  if (minor.n % minor.d === 0n) return formatMoney(toSafeNumber(minor.n / minor.d, 'amount'), currency);
  const major = formatRatio(ratio(minor.n, minor.d * 10n ** BigInt(minorDigits(currency))), minorDigits(currency) + 6);
  const [whole = '', fraction = ''] = major.split('.');
  return `${groupThousands(whole)}.${fraction} ${currency}`;
}

/** 5400000 -> '1 h 30 min'; 0 -> '0 min'. Seconds shown only when there are any. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts = [
    hours ? `${hours} h` : '',
    minutes || (!hours && !seconds) ? `${minutes} min` : '',
    seconds ? `${seconds} s` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
