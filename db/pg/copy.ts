import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * One value in COPY's text format: \N for null, bytes as bytea's hex form, backslash escapes for the characters the
 * format reserves.
 */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = Buffer.isBuffer(value)
    ? `\\x${value.toString('hex')}`
    : typeof value === 'boolean'
      ? String(Number(value))
      : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** Rows per chunk written to the COPY stream: large enough to keep the socket busy, small enough to stay modest. */
const ROWS_PER_CHUNK = 1_000;

/**
 * Writes `rows` (values in `columns` order) into `table` with `COPY … FROM STDIN` on `client`: PostgreSQL's bulk path,
 * one statement whatever the count, inside whatever transaction the client holds.
 */
export async function copyRows(client: pg.ClientBase, table: string, columns: string[], rows: unknown[][]) {
  if (rows.length === 0) return;
  const chunks = function* () {
    for (let from = 0; from < rows.length; from += ROWS_PER_CHUNK) {
      let chunk = '';
      for (const row of rows.slice(from, from + ROWS_PER_CHUNK)) chunk += `${row.map(copyText).join('\t')}\n`;
      yield chunk;
    }
  };
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), sink);
}
