import Papa from 'papaparse';
import { isKnownCurrency, parseMinorUnits } from '../../openapi/money.js';

/**
 * A carrier's credit-note (or invoice) CSV: one credit per row. Columns, named in the header in any order (case and
 * spaces do not matter; other columns are ignored): credit_note_reference, amount (a decimal in the currency's unit),
 * currency, date (YYYY-MM-DD); and at least one of claim_reference, circuit_reference or order_reference (the
 * carrier's own order reference) on each row, to match it to claims.
 */
export const creditNoteColumns = {
  required: ['credit_note_reference', 'amount', 'currency', 'date'],
  keys: ['claim_reference', 'circuit_reference', 'order_reference'],
} as const;

export type CreditNoteRow = {
  /** 1-based data row (the header is row 0). */
  row: number;
  creditNoteReference: string;
  amountMinor: number;
  currency: string;
  date: string;
  claimReference?: string | undefined;
  circuitReference?: string | undefined;
  orderReference?: string | undefined;
};

export type CsvProblem = { path: string; message: string };

const headerName = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** Every row, or every problem (`header.<column>`, `rows.<n>.<column>`): a file with one bad row imports nothing. */
export function parseCreditNoteCsv(text: string): { rows: CreditNoteRow[] } | { problems: CsvProblem[] } {
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: headerName,
  });
  const fields = parsed.meta.fields ?? [];
  const missing = creditNoteColumns.required.filter((c) => !fields.includes(c));
  const noKey = creditNoteColumns.keys.every((k) => !fields.includes(k));
  const headerProblems: CsvProblem[] = [
    ...missing.map((c) => ({ path: `header.${c}`, message: 'is a required column' })),
    ...(noKey
      ? [{ path: 'header', message: `needs one of ${creditNoteColumns.keys.join(', ')} to match credits to claims` }]
      : []),
  ];
  if (headerProblems.length > 0) return { problems: headerProblems };
  if (parsed.data.length === 0) return { problems: [{ path: 'body', message: 'the file has no credit rows' }] };
  const rows: CreditNoteRow[] = [];
  const problems: CsvProblem[] = [];
  parsed.data.forEach((record, index) => {
    const n = index + 1;
    const cell = (c: string) => (record[c] ?? '').trim();
    const at = (c: string, message: string) => problems.push({ path: `rows.${n}.${c}`, message });
    const currency = cell('currency').toUpperCase();
    if (!isKnownCurrency(currency)) at('currency', 'must be an ISO 4217 currency code such as GBP');
    const amount = isKnownCurrency(currency) ? parseMinorUnits(cell('amount'), currency) : undefined;
    if (amount && !amount.ok) at('amount', amount.message);
    if (!cell('credit_note_reference')) at('credit_note_reference', 'is required');
    if (!isDay(cell('date'))) at('date', 'must be a date YYYY-MM-DD');
    const keys = {
      claimReference: cell('claim_reference') || undefined,
      circuitReference: cell('circuit_reference') || undefined,
      orderReference: cell('order_reference') || undefined,
    };
    if (!keys.claimReference && !keys.circuitReference && !keys.orderReference)
      at('claim_reference', `one of ${creditNoteColumns.keys.join(', ')} is needed to match the credit`);
    if (amount?.ok)
      rows.push({
        row: n,
        creditNoteReference: cell('credit_note_reference'),
        amountMinor: amount.minor,
        currency,
        date: cell('date'),
        ...keys,
      });
  });
  return problems.length > 0 ? { problems } : { rows };
}
