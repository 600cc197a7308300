import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeStore, openStore } from '../db/client.js';
import { copySqliteToPostgres, TargetInUse } from '../db/pg/copy-from-sqlite.js';
import type { CliIo } from './coverage-import.js';

export const storeCopyUsage =
  'npm run cli -- store copy-to-postgres [--from <SQLite file>]\n' +
  '    Copies the SQLite store (DATABASE_PATH, or data/tailgate.db) into the new PostgreSQL database DATABASE_URL names.\n';

/** `store copy-to-postgres`: the embedded default's data into PostgreSQL. Returns the exit code. */
export async function runStoreCopy(
  argv: string[],
  settings: { databaseUrl: string | undefined; databasePath: string },
  io: CliIo,
): Promise<number> {
  let from: string | undefined;
  try {
    from = parseArgs({ args: argv, options: { from: { type: 'string' } } }).values.from;
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\nusage: ${storeCopyUsage}`);
    return 2;
  }
  if (!settings.databaseUrl) {
    io.stderr.write(`DATABASE_URL: set it to the PostgreSQL database to copy into\nusage: ${storeCopyUsage}`);
    return 2;
  }
  const file = path.resolve(from ?? settings.databasePath);
  if (!fs.existsSync(file)) {
    io.stderr.write(`${from ? '--from' : 'DATABASE_PATH'}: no SQLite store at ${file}\n`);
    return 2;
  }
  // The source is migrated to this version first, as `npm start` would; the target when opened.
  const source = await openStore({ databasePath: file });
  try {
    const target = await openStore({ databaseUrl: settings.databaseUrl, databasePath: file });
    try {
      const started = io.clock();
      let rows = 0;
      const copied = await copySqliteToPostgres(source, target, (table, n) => {
        rows += n;
        if (n > 0) io.stderr.write(`${table}: ${n.toLocaleString('en-GB')} rows\n`);
      });
      const seconds = ((io.clock() - started) / 1000).toFixed(1);
      io.stdout.write(
        `copied ${rows.toLocaleString('en-GB')} rows of ${copied.length} tables from ${file} into PostgreSQL in ${seconds} s\n`,
      );
      return 0;
    } catch (err) {
      if (!(err instanceof TargetInUse)) throw err;
      io.stderr.write(`DATABASE_URL: ${err.message}; nothing was copied\n`);
      return 1;
    } finally {
      await closeStore(target);
    }
  } finally {
    await closeStore(source);
  }
}
