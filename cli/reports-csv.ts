import fs from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { Db } from '../db/client.js';
import { getReport } from '../db/repositories/penalty-reports.js';
import { penaltyCsvResponse } from '../api/routes/reports/csv.js';
import { isMonth } from '../reports/index.js';
import type { CliIo } from './coverage-import.js';

export const reportsCsvUsage =
  'npm run cli -- reports csv <YYYY-MM> [--partner <partner id>] [--out <file>]\n' +
  "    Writes the month's penalty report CSV (same bytes as GET /api/v1/reports/penalties/{month}.csv) to the file or stdout.\n";

type Writable = { write(chunk: string): boolean | unknown; once?: (event: 'drain', listener: () => void) => unknown };

/** Writes chunk after chunk, waiting for the sink to drain when it asks to, so memory stays flat. */
async function pipeChunks(chunks: AsyncIterable<string>, out: Writable): Promise<void> {
  for await (const chunk of chunks) {
    if (out.write(chunk) === false && out.once) await once(out as unknown as NodeJS.EventEmitter, 'drain');
  }
}

/** The CSV as the API serves it (a final month from its stored files), as text. */
async function* csvText(db: Db, month: string, partnerId: string | undefined): AsyncGenerator<string> {
  // Kept whole: the byte order mark that starts the file (csvHeaderRow) is part of its bytes.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for await (const bytes of (await penaltyCsvResponse(db, month, partnerId, undefined)).body!) {
    yield decoder.decode(bytes, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** `reports csv`: the month's penalty report as CSV. Returns the exit code. */
export async function runReportsCsv(argv: string[], db: () => Db | Promise<Db>, io: CliIo): Promise<number> {
  let parsed: { values: { partner?: string; out?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { partner: { type: 'string' }, out: { type: 'string' } },
    });
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\nusage: ${reportsCsvUsage}`);
    return 2;
  }
  const [month] = parsed.positionals;
  if (!month || !isMonth(month) || parsed.positionals.length > 1) {
    io.stderr.write(`${month ? `not a month (YYYY-MM): ${month}\n` : ''}usage: ${reportsCsvUsage}`);
    return 2;
  }
  const database = await db();
  const report = await getReport(database, month);
  if (!report) {
    io.stderr.write(
      `no penalty report for ${month}; generate its draft first (POST /api/v1/reports/penalties/${month})\n`,
    );
    return 1;
  }
  const chunks = csvText(database, month, parsed.values.partner);
  if (!parsed.values.out) {
    await pipeChunks(chunks, io.stdout as Writable);
    return 0;
  }
  const file = fs.createWriteStream(parsed.values.out);
  await pipeChunks(chunks, file);
  file.end();
  await once(file, 'finish');
  io.stderr.write(`wrote ${parsed.values.out} (${report.state} report for ${month})\n`);
  return 0;
}
