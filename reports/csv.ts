import Papa from 'papaparse';
import type { Db } from '../db/client.js';
import { reportLineValuesPage, type LineContext, type ReportLineRow } from '../db/repositories/penalty-reports.js';
import { minorDigits } from '../sla-rules/penalties/money-format.js';

/**
 * The penalty report CSV: these columns, in this order, then readableCsvColumns, with a header row (documented in
 * README.md; add columns only at the end). Amounts are integer minor units of `currency`; durations are milliseconds
 * in the clock's measure (business time for calendar OLAs); instants are UTC ISO-8601. No generation time is written,
 * so the same report gives the same bytes.
 */
export const reportCsvColumns: readonly (readonly [header: string, field: keyof ReportLineRow])[] = [
  ['line_id', 'lineId'],
  ['kind', 'kind'],
  ['adjusts_line_id', 'adjustsLineId'],
  ['partner_id', 'partnerId'],
  ['entity_type', 'entityType'],
  ['our_reference', 'ourReference'],
  ['partner_reference', 'partnerReference'],
  ['circuit_id', 'circuitId'],
  ['site', 'site'],
  ['ola_id', 'olaId'],
  ['metric', 'metric'],
  ['policy_version', 'policyVersion'],
  ['due_at', 'dueAt'],
  ['final_at', 'finalAt'],
  ['target_ms', 'targetMs'],
  ['actual_ms', 'actualMs'],
  ['paused_ms', 'pausedMs'],
  ['clause', 'clause'],
  ['clause_kind', 'clauseKind'],
  ['unit', 'unit'],
  ['overrun_units', 'overrunUnits'],
  ['chargeable_units', 'chargeableUnits'],
  ['rate', 'rate'],
  ['amount_before_caps_minor', 'amountBeforeCapsMinor'],
  ['amount_after_breach_cap_minor', 'amountAfterBreachCapMinor'],
  ['amount_after_caps_minor', 'amountAfterCapsMinor'],
  ['currency', 'currency'],
  ['capped_by', 'cappedBy'],
  ['waiver_id', 'waiverId'],
  ['waiver_reason', 'waiverReason'],
  ['breach_id', 'breachId'],
  ['outcome_id', 'outcomeId'],
  ['explanation', 'explanation'],
];
/**
 * Columns after those, for people opening the file in a spreadsheet: the partner's name, the carrier's circuit
 * reference (its product id for the delivered circuit, as the order holds it; empty until the carrier gives one), the
 * durations in hours of
 * the clock's measure (`business` hours of its calendar, or `clock` hours), and the amounts in the currency's unit
 * (`12.50`, no grouping). Derived from the line as it is written (csvRowOf).
 */
export const readableCsvColumns = [
  'partner_name',
  'carrier_circuit_ref',
  'hours_measure',
  'target_hours',
  'actual_hours',
  'paused_hours',
  'amount_before_caps',
  'amount_after_breach_cap',
  'amount_after_caps',
] as const;
const headers = [...reportCsvColumns.map(([h]) => h), ...readableCsvColumns];
const fields = reportCsvColumns.map(([, f]) => f);
/** What a page of values holds, in order: the line's columns, then its context for the readable ones. */
export const csvSourceFields: readonly (keyof ReportLineRow | LineContext)[] = [
  ...fields,
  'partnerName',
  'carrierCircuitRef',
  'measure',
];

const at = (field: keyof ReportLineRow) => fields.indexOf(field);
const [targetAt, actualAt, pausedAt, currencyAt] = [at('targetMs'), at('actualMs'), at('pausedMs'), at('currency')];
const amountsAt = [at('amountBeforeCapsMinor'), at('amountAfterBreachCapMinor'), at('amountAfterCapsMinor')];
const hours = (ms: unknown) =>
  ms === null || ms === undefined || ms === '' ? '' : (Number(ms) / 3_600_000).toFixed(2);

/** An amount of minor units in the currency's unit, exactly: 1250 GBP -> '12.50', -5 GBP -> '-0.05', 7 JPY -> '7'. */
export function majorUnits(minor: number, currency: string): string {
  const places = minorDigits(currency);
  const abs = String(Math.abs(minor)).padStart(places + 1, '0');
  const text = places === 0 ? abs : `${abs.slice(0, -places)}.${abs.slice(-places)}`;
  return minor < 0 ? `-${text}` : text;
}

/** A page row (csvSourceFields' values) as the CSV's cells: the line's columns, then the readable ones. */
export function csvRowOf(values: unknown[]): unknown[] {
  const [partnerName, carrierCircuitRef, measure] = values.slice(fields.length);
  const currency = String(values[currencyAt]);
  return [
    ...values.slice(0, fields.length),
    partnerName ?? '',
    carrierCircuitRef ?? '',
    measure ?? '',
    hours(values[targetAt]),
    hours(values[actualAt]),
    hours(values[pausedAt]),
    ...amountsAt.map((i) => majorUnits(Number(values[i]), currency)),
  ];
}

// Pages small enough to die young: larger pages outlived young-generation collections and grew the heap while a
// month streamed (bench report, 200k lines over 20 partners: +33 MB during the CSV at 5,000 lines, none at 1,000;
// streaming 1M lines alone: +119 MB RSS at 1,000, +83 MB at 250; whole bench at 1M: 209-220 MB -> 174 MB).
export const CSV_PAGE_ROWS = 250;

/**
 * Formula-injection safe: a cell starting with = + - @ (or tab, CR) is quoted with ', except a plain negative decimal
 * (an adjustment's amount), a number to any spreadsheet.
 */
const formula = /^(?!-\d+(\.\d+)?$)[=+\-@\t\r]/;

/**
 * The header row, with its line break, after a UTF-8 byte order mark: spreadsheets then read the file as UTF-8 (a
 * site or a partner name with £ or é), and CSV readers that know UTF-8 skip it.
 */
export const csvHeaderRow = () => `\uFEFF${Papa.unparse([headers], { escapeFormulae: formula, newline: '\r\n' })}\r\n`;

/** Page rows (csvSourceFields' values) as CSV text, each with its line break. */
export const csvRows = (rows: unknown[][]) =>
  `${Papa.unparse({ fields: headers, data: rows.map(csvRowOf) }, { escapeFormulae: formula, header: false, newline: '\r\n' })}\r\n`;

/**
 * The report's CSV in chunks (the header, then one chunk per page of lines read by keyset), so a month of a million
 * lines never sits in memory. Each chunk ends with a line break.
 */
export async function* reportCsvChunks(
  db: Db,
  month: string,
  opts: { partnerId?: string | undefined; pageRows?: number } = {},
): AsyncGenerator<string> {
  yield csvHeaderRow();
  const pageRows = opts.pageRows ?? CSV_PAGE_ROWS;
  let after = 0;
  for (;;) {
    const page = await reportLineValuesPage(db, month, csvSourceFields, {
      partnerId: opts.partnerId,
      afterLineNo: after,
      limit: pageRows,
    });
    if (page.length === 0) return;
    for (const row of page) after = row.pop() as number;
    yield csvRows(page);
    if (page.length < pageRows) return;
  }
}
