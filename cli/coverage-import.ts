import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../db/client.js';
import { getPartner } from '../db/repositories/partners.js';
import { CoverageHeaderError, importCoverage } from '../partners/directory/coverage-import.js';
import { CsvFileError } from '../partners/directory/csv-records.js';
import { formatCount, formatRate, progressPrinter } from './progress.js';

export type CliIo = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  now: () => Date;
  /** Monotonic milliseconds, for rates. */
  clock: () => number;
};

export const coverageImportUsage =
  'npm run cli -- coverage import --partner <partner id> --file <coverage.csv> [--skip-invalid]\n' +
  "    Replaces the partner's coverage with the CSV file (same format and rules as POST /api/v1/partners/{id}/coverage).\n";

/** `coverage import`: the same streaming import as the API, straight into the database. Returns the exit code. */
export async function runCoverageImport(argv: string[], db: () => Db | Promise<Db>, io: CliIo): Promise<number> {
  let values: { partner?: string; file?: string; 'skip-invalid'?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        partner: { type: 'string' },
        file: { type: 'string' },
        'skip-invalid': { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\nusage: ${coverageImportUsage}`);
    return 2;
  }
  const { partner: partnerId, file } = values;
  if (!partnerId || !file) {
    io.stderr.write(`usage: ${coverageImportUsage}`);
    return 2;
  }
  if (!fs.existsSync(file)) {
    io.stderr.write(`no such file: ${file}\n`);
    return 2;
  }
  const database = await db();
  if (!(await getPartner(database, partnerId))) {
    io.stderr.write(`no partner ${partnerId}\n`);
    return 2;
  }

  const progress = progressPrinter(io.stderr, io.clock);
  try {
    const result = await importCoverage({
      db: database,
      partnerId,
      source: `cli:${path.basename(file)}`,
      csv: fs.createReadStream(file),
      skipInvalid: values['skip-invalid'] ?? false,
      now: io.now,
      onProgress: progress.update,
    });
    progress.done();
    const ms = progress.elapsedMs();
    const rate = `${(ms / 1000).toFixed(1)} s, ${formatRate(result.rowsRead, ms)} rows/s`;
    const counts = `${formatCount(result.rowsRead)} rows read, ${formatCount(result.rowsRejected)} rejected`;
    if (result.outcome === 'imported') {
      io.stdout.write(
        `imported ${formatCount(result.rowsImported)} rows as coverage version ${result.version.id} (${counts}; ${rate})\n`,
      );
    } else {
      const why =
        result.outcome === 'empty' ? 'no valid rows' : 'invalid rows (use --skip-invalid to import the valid ones)';
      io.stdout.write(
        `rejected: ${why}; coverage unchanged, version ${result.version.id} recorded as failed (${counts}; ${rate})\n`,
      );
    }
    if (result.rejections.length > 0) {
      const shown = result.rejections.length < result.rowsRejected ? ` (first ${result.rejections.length})` : '';
      io.stdout.write(
        `rejected rows${shown}:\n${result.rejections.map((r) => `  row ${r.row}: ${r.reason}\n`).join('')}`,
      );
    }
    return result.outcome === 'imported' ? 0 : 1;
  } catch (err) {
    progress.done();
    if (err instanceof CoverageHeaderError) io.stderr.write(`bad header: ${err.message}\n`);
    else if (err instanceof CsvFileError)
      io.stderr.write(`cannot read the file after row ${err.afterRow}: ${err.message}\n`);
    else throw err;
    return 1;
  }
}
