import { coverageCsvColumns, type CoverageCsvColumn, type CoverageEntry } from '../../openapi/coverage.js';
import { isKnownCurrency, parseMinorUnits } from '../../openapi/money.js';
import { parseLocationKey } from './location-keys.js';

/** Where each documented column sits in this file's header (carriers may order the columns as they like). */
export type ColumnPositions = { width: number; at: Record<CoverageCsvColumn, number> };
export type HeaderProblem = { column: string; message: string };
export type HeaderCheck = { ok: true; columns: ColumnPositions } | { ok: false; problems: HeaderProblem[] };

/** A row problem names its column; `null` is a problem with the row as a whole (its field count). */
export type RowProblem = { column: CoverageCsvColumn | null; message: string };
export type RowCheck = { ok: true; entry: CoverageEntry } | { ok: false; problems: RowProblem[] };

const MAX_BANDWIDTH_MBPS = 1_000_000;
const MAX_LEAD_TIME_DAYS = 1_000;
const PRODUCT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const WHOLE_NUMBER = /^\d{1,9}$/;
const CURRENCY = /^[A-Z]{3}$/;

/** Every documented column must be there exactly once, and nothing else: a misspelt column is never ignored. */
export function checkCoverageHeader(fields: string[]): HeaderCheck {
  const names = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim());
  const problems: HeaderProblem[] = [];
  const at: Partial<Record<CoverageCsvColumn, number>> = {};
  names.forEach((name, i) => {
    if (!(coverageCsvColumns as readonly string[]).includes(name)) {
      problems.push({ column: name || `(column ${i + 1})`, message: 'unknown column' });
    } else if (at[name as CoverageCsvColumn] !== undefined) {
      problems.push({ column: name, message: 'column appears more than once' });
    } else {
      at[name as CoverageCsvColumn] = i;
    }
  });
  for (const column of coverageCsvColumns) {
    if (at[column] === undefined) problems.push({ column, message: 'required column is missing' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, columns: { width: names.length, at: at as Record<CoverageCsvColumn, number> } };
}

/** A line with nothing on it (including the one after a trailing newline) is not a row. */
export const isBlankRecord = (fields: string[]) => fields.length === 1 && (fields[0] ?? '').trim() === '';

/** Validates one CSV record into a coverage entry, collecting every problem so the carrier can fix a row at once. */
export function checkCoverageRow(fields: string[], columns: ColumnPositions): RowCheck {
  if (fields.length !== columns.width) {
    return { ok: false, problems: [{ column: null, message: `expected ${columns.width} fields, found ${fields.length}` }] };
  }
  const problems: RowProblem[] = [];
  const value = (column: CoverageCsvColumn) => (fields[columns.at[column]] ?? '').trim();
  const fail = (column: CoverageCsvColumn, message: string) => {
    problems.push({ column, message });
    return undefined;
  };

  const location = parseLocationKey(value('location_key'));
  if (!location) fail('location_key', 'must be a UK postcode, sector, district or area, a US ZIP or ZIP+4, or UPRN:/ADDR: id');

  const productCode = value('product_code');
  if (!PRODUCT_CODE.test(productCode)) fail('product_code', "must be 1-64 letters, digits, '.', '_' or '-'");

  const bandwidthMbps = wholeNumber(value('bandwidth_mbps'), 1, MAX_BANDWIDTH_MBPS);
  if (bandwidthMbps === undefined) fail('bandwidth_mbps', `must be a whole number of Mbps from 1 to ${MAX_BANDWIDTH_MBPS}`);

  const accessType = accessTypeOf(value('access_type'));
  if (!accessType) fail('access_type', 'must be on-net or near-net');

  const currency = value('currency').toUpperCase();
  const currencyOk = CURRENCY.test(currency) && isKnownCurrency(currency);
  if (!currencyOk) fail('currency', 'must be an ISO 4217 currency code such as GBP');

  // Charges can only be read once the currency says how many decimals they may have.
  const charge = (column: 'install_charge' | 'monthly_charge') => {
    if (!currencyOk) return undefined;
    const parsed = parseMinorUnits(value(column), currency);
    return parsed.ok ? parsed.minor : fail(column, parsed.message);
  };
  const installChargeMinor = charge('install_charge');
  const monthlyChargeMinor = charge('monthly_charge');

  const leadTimeDays = wholeNumber(value('lead_time_days'), 0, MAX_LEAD_TIME_DAYS);
  if (leadTimeDays === undefined) fail('lead_time_days', `must be a whole number of working days from 0 to ${MAX_LEAD_TIME_DAYS}`);

  if (
    problems.length > 0 ||
    !location ||
    !accessType ||
    bandwidthMbps === undefined ||
    installChargeMinor === undefined ||
    monthlyChargeMinor === undefined ||
    leadTimeDays === undefined
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    entry: {
      locationKey: location.key,
      matchLevel: location.level,
      productCode,
      bandwidthMbps,
      accessType,
      installChargeMinor,
      monthlyChargeMinor,
      currency,
      leadTimeDays,
    },
  };
}

/** One line a person can act on: "bandwidth_mbps: must be ...; currency: must be ...". */
export const describeRowProblems = (problems: RowProblem[]) =>
  problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join('; ');

function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!WHOLE_NUMBER.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

function accessTypeOf(text: string): CoverageEntry['accessType'] | undefined {
  const lower = text.toLowerCase();
  if (lower === 'on-net') return 'onNet';
  if (lower === 'near-net') return 'nearNet';
  return undefined;
}
