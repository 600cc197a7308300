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

const LOCATION_MESSAGE = 'must be a UK postcode, sector, district or area, a US ZIP or ZIP+4, or UPRN:/ADDR: id';
const PRODUCT_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-'";
const BANDWIDTH_MESSAGE = `must be a whole number of Mbps from 1 to ${MAX_BANDWIDTH_MBPS}`;
const ACCESS_MESSAGE = 'must be on-net or near-net';
const CURRENCY_MESSAGE = 'must be an ISO 4217 currency code such as GBP';
const LEAD_TIME_MESSAGE = `must be a whole number of working days from 0 to ${MAX_LEAD_TIME_DAYS}`;

/**
 * Validates one CSV record into a coverage entry, collecting every problem so the carrier can fix a row at once.
 * Runs once per row of million-row files, so it is written straight through: no closures or arrays unless a
 * problem turns up.
 */
export function checkCoverageRow(fields: string[], columns: ColumnPositions): RowCheck {
  if (fields.length !== columns.width) {
    return {
      ok: false,
      problems: [{ column: null, message: `expected ${columns.width} fields, found ${fields.length}` }],
    };
  }
  const at = columns.at;
  let problems: RowProblem[] | undefined;

  const location = parseLocationKey(field(fields, at.location_key));
  if (!location) (problems ??= []).push({ column: 'location_key', message: LOCATION_MESSAGE });

  const productCode = field(fields, at.product_code);
  if (!PRODUCT_CODE.test(productCode)) (problems ??= []).push({ column: 'product_code', message: PRODUCT_MESSAGE });

  const bandwidthMbps = wholeNumber(field(fields, at.bandwidth_mbps), 1, MAX_BANDWIDTH_MBPS);
  if (bandwidthMbps === undefined) (problems ??= []).push({ column: 'bandwidth_mbps', message: BANDWIDTH_MESSAGE });

  const accessType = accessTypeOf(field(fields, at.access_type));
  if (!accessType) (problems ??= []).push({ column: 'access_type', message: ACCESS_MESSAGE });

  const currency = currencyOf(field(fields, at.currency));
  if (!currency) (problems ??= []).push({ column: 'currency', message: CURRENCY_MESSAGE });

  // Charges can only be read once the currency says how many decimals they may have.
  let installChargeMinor: number | undefined;
  let monthlyChargeMinor: number | undefined;
  if (currency) {
    const install = parseMinorUnits(field(fields, at.install_charge), currency);
    if (install.ok) installChargeMinor = install.minor;
    else (problems ??= []).push({ column: 'install_charge', message: install.message });
    const monthly = parseMinorUnits(field(fields, at.monthly_charge), currency);
    if (monthly.ok) monthlyChargeMinor = monthly.minor;
    else (problems ??= []).push({ column: 'monthly_charge', message: monthly.message });
  }

  const leadTimeDays = wholeNumber(field(fields, at.lead_time_days), 0, MAX_LEAD_TIME_DAYS);
  if (leadTimeDays === undefined) (problems ??= []).push({ column: 'lead_time_days', message: LEAD_TIME_MESSAGE });

  if (
    problems ||
    !location ||
    !accessType ||
    !currency ||
    bandwidthMbps === undefined ||
    installChargeMinor === undefined ||
    monthlyChargeMinor === undefined ||
    leadTimeDays === undefined
  ) {
    return { ok: false, problems: problems ?? [] };
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

const field = (fields: string[], index: number) => (fields[index] ?? '').trim();

/** The last currency text read and what it meant: a file's rows nearly all name the same currency. */
let lastCurrency: { text: string; code: string | undefined } = { text: '', code: undefined };

/** Upper-cased, and only once it is a known ISO 4217 code. */
function currencyOf(text: string): string | undefined {
  if (text === lastCurrency.text) return lastCurrency.code;
  const upper = text.toUpperCase();
  const code = CURRENCY.test(upper) && isKnownCurrency(upper) ? upper : undefined;
  lastCurrency = { text, code };
  return code;
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
  // The exact spellings first: they are what nearly every row says.
  if (text === 'on-net') return 'onNet';
  if (text === 'near-net') return 'nearNet';
  const lower = text.toLowerCase();
  if (lower === 'on-net') return 'onNet';
  if (lower === 'near-net') return 'nearNet';
  return undefined;
}
