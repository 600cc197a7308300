/**
 * Decimal money text <-> integer minor units, without ever going through a float: "450.10" GBP is 45010 pence
 * exactly. Lives beside the schemas because every edge that reads money (CSV uploads, API bodies, reports) needs it.
 */

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));
const minorDigitsCache = new Map<string, number>();

export const isKnownCurrency = (code: string) => knownCurrencies.has(code);

/** How many decimals the currency's minor unit has (GBP 2, JPY 0, KWD 3), as ICU knows it. */
export function minorDigits(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

export type MinorUnitsResult = { ok: true; minor: number } | { ok: false; message: string };

const NOT_DECIMAL: MinorUnitsResult = Object.freeze({
  ok: false,
  message: 'must be a plain decimal amount such as 450.00',
});
const ZERO = 48;
const NINE = 57;
const POINT = 46;

/**
 * Reads a non-negative decimal such as "450", "450.5" or "450.50" as minor units of `currency`. Signs, exponents,
 * thousands separators and more decimals than the currency has are refused rather than guessed at.
 * Reads the digits straight into an integer (exact below 2^53; anything larger is refused as too large): it runs
 * twice per row of million-row coverage files, where a regex, substrings and Number() cost more than the rest.
 */
export function parseMinorUnits(text: string, currency: string): MinorUnitsResult {
  const trimmed = text.trim();
  let minor = 0;
  let wholeDigits = 0;
  /** -1 until the decimal point. */
  let fractionDigits = -1;
  for (let i = 0; i < trimmed.length; i += 1) {
    const c = trimmed.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      minor = minor * 10 + (c - ZERO);
      if (fractionDigits < 0) wholeDigits += 1;
      else fractionDigits += 1;
    } else if (c === POINT && fractionDigits < 0) {
      fractionDigits = 0;
    } else {
      return NOT_DECIMAL;
    }
  }
  if (wholeDigits === 0 || fractionDigits === 0) return NOT_DECIMAL;
  const decimals = Math.max(fractionDigits, 0);
  const digits = minorDigits(currency);
  if (decimals > digits) {
    const allowed = digits === 0 ? 'no decimals' : `at most ${digits} decimal${digits === 1 ? '' : 's'}`;
    return { ok: false, message: `${currency} amounts take ${allowed}` };
  }
  minor *= 10 ** (digits - decimals);
  if (!Number.isSafeInteger(minor)) return { ok: false, message: 'amount is too large' };
  return { ok: true, minor };
}

/** The exact decimal text of a minor-unit amount ("45010" GBP -> "450.10"), for CSVs and messages. */
export function formatMinorUnits(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
