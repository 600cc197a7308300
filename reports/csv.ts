import Papa from 'papaparse';
import type { Db } from '../db/client.js';
import { reportLineValuesPage, type ReportLineRow } from '../db/repositories/penalty-reports.js';

/**
 * The penalty report CSV: these columns, in this order, with a header row (documented in README.md; add columns
 * only at the end). Amounts are integer minor units of `currency`; durations are milliseconds in the clock's measure
 * (business time for calendar OLAs); instants are UTC ISO-8601. No generation time is written, so the same report
 * gives the same bytes.
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
const headers = reportCsvColumns.map(([h]) => h);
const fields = reportCsvColumns.map(([, f]) => f);

// Pages small enough to die young: larger pages outlived young-generation collections and grew the heap while a
// month streamed (bench report, 200k lines over 20 partners: +33 MB during the CSV at 5,000 lines, none at 1,000;
// streaming 1M lines alone: +119 MB RSS at 1,000, +83 MB at 250; whole bench at 1M: 209-220 MB -> 174 MB).
export const CSV_PAGE_ROWS = 250;

/**
 * Lines as CSV text (no header), formula-injection safe: a cell starting with = + - @ (or tab, CR) is quoted with '.
 */
export function linesToCsv(lines: ReportLineRow[]): string {
  const data = lines.map((l) => fields.map((f) => l[f] ?? ''));
  return Papa.unparse({ fields: headers, data }, { escapeFormulae: true, header: false, newline: '\r\n' });
}

/** The header row, with its line break. */
export const csvHeaderRow = () => `${Papa.unparse([headers], { escapeFormulae: true, newline: '\r\n' })}\r\n`;

/** Rows of values in column order as CSV text, each with its line break. */
export const csvRows = (rows: unknown[][]) =>
  `${Papa.unparse({ fields: headers, data: rows }, { escapeFormulae: true, header: false, newline: '\r\n' })}\r\n`;

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
    const page = await reportLineValuesPage(db, month, fields, {
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
