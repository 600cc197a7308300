/**
 * Exact rational arithmetic on bigints for money: amounts are multiplied and divided exactly and rounded once, so no
 * floating-point error ever reaches a penalty line.
 */
import type { RoundingMode } from './clause-schema.js';

/** n / d with d > 0. */
export type Ratio = { readonly n: bigint; readonly d: bigint };

export const ratio = (n: bigint | number, d: bigint | number = 1n): Ratio => {
  const num = BigInt(n);
  const den = BigInt(d);
  if (den === 0n) throw new RangeError('division by zero');
  return den < 0n ? { n: -num, d: -den } : { n: num, d: den };
};

/**
 * The exact decimal a JS number was written as (2.5, 30.5, 1e-7), via its shortest round-trip string, so `0.1` is one
 * tenth rather than the nearest binary double.
 */
export function decimalOf(x: number): Ratio {
  const known = decimals.get(x);
  if (known) return known;
  const r = readDecimal(x);
  // Clause constants (percentages, divisors) repeat on every line; a bounded memo keeps them one lookup away.
  if (decimals.size < 10_000) decimals.set(x, r);
  return r;
}

const decimals = new Map<number, Ratio>();

function readDecimal(x: number): Ratio {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`cannot read ${x} as a decimal`);
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  const digits = BigInt(`${sign}${whole}${fraction}`);
  const scale = Number(exponent) - fraction.length;
  return scale >= 0 ? ratio(digits * 10n ** BigInt(scale)) : ratio(digits, 10n ** BigInt(-scale));
}

export const mul = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.n, a.d * b.d);
export const div = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d, a.d * b.n);
export const compare = (a: Ratio, b: Ratio): number => {
  const diff = a.n * b.d - b.n * a.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};
export const min = (a: Ratio, b: Ratio): Ratio => (compare(a, b) <= 0 ? a : b);

/** To a whole number with the given mode; halves go away from zero (halfUp) or to the even neighbour (halfEven). */
export function roundRatio(r: Ratio, mode: RoundingMode): bigint {
  const floor = r.n >= 0n ? r.n / r.d : -((-r.n + r.d - 1n) / r.d);
  const rest = r.n - floor * r.d; // 0 <= rest < d
  if (rest === 0n) return floor;
  const twice = 2n * rest;
  switch (mode) {
    case 'down':
      return r.n >= 0n ? floor : floor + 1n;
    case 'up':
      return r.n >= 0n ? floor + 1n : floor;
    case 'halfUp':
      return twice > r.d || (twice === r.d && r.n >= 0n) ? floor + 1n : floor;
    case 'halfEven':
      return twice > r.d || (twice === r.d && floor % 2n !== 0n) ? floor + 1n : floor;
  }
}

/** A bigint that must fit a JS number exactly (money in minor units). */
export function toSafeNumber(v: bigint, what: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} is too large: ${v}`);
  return n;
}

/** The exact value as a decimal string, cut at `places` and marked '…' when it goes on (1000/3 -> '333.333333…'). */
export function formatRatio(r: Ratio, places = 6): string {
  if (r.n % r.d === 0n) return String(r.n / r.d);
  const negative = r.n < 0n;
  const abs = negative ? -r.n : r.n;
  const whole = abs / r.d;
  let rest = abs % r.d;
  let fraction = '';
  for (let i = 0; i < places && rest !== 0n; i++) {
    rest *= 10n;
    fraction += String(rest / r.d);
    rest %= r.d;
  }
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}${rest === 0n ? '' : '…'}`;
}
