import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { closeDatabase, openDatabase } from '../db/client.js';
import { reportLinesPage } from '../db/repositories/penalty-reports.js';
import { buildMonthlyReport, monthPeriod, reportCsvChunks, reportCsvColumns } from '../reports/index.js';

/**
 * `npm run bench -- report`: 1,000,000 breach outcomes across 100 partners seeded into a fresh SQLite file (by a
 * child process, not timed), then the month's penalty report built (priced, capped, stored) and its CSV streamed to
 * a file, against papaparse unparse of the same lines already in memory. Progress on stderr; one JSON line last.
 */
const { values: args } = parseArgs({
  options: {
    partners: { type: 'string', default: '100' },
    outcomes: { type: 'string', default: '1000000' },
    keep: { type: 'boolean', default: false },
  },
});
const PARTNERS = Number(args.partners);
const OUTCOMES = Number(args.outcomes);
const MONTH = '2026-10';
const TZ = 'Europe/London';
const GOALS = { report_rows_per_s: 200_000, rss_growth_mb: 200 };
const log = (message: string) => process.stderr.write(`[bench report] ${message}\n`);
const mb = (bytes: number) => bytes / (1024 * 1024);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-bench-report-'));
const dbFile = path.join(dir, 'tailgate.db');
const period = monthPeriod(MONTH, TZ);
const here = path.dirname(fileURLToPath(import.meta.url));
log(`seeding ${OUTCOMES.toLocaleString('en')} breach outcomes across ${PARTNERS} partners into ${dbFile}`);
const seedStarted = performance.now();
execFileSync(
  process.execPath,
  [
    ...process.execArgv,
    path.join(here, 'support', 'report-seed.ts'),
    dbFile,
    String(PARTNERS),
    String(OUTCOMES),
    period.startsAt,
    period.endsAt,
  ],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

const db = openDatabase(dbFile);
global.gc?.();
const rssBefore = process.memoryUsage().rss;
log(
  `before the build: heap used ${mb(process.memoryUsage().heapUsed).toFixed(0)} of ${mb(process.memoryUsage().heapTotal).toFixed(0)} MB`,
);
let rssPeak = rssBefore;
const sample = () => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss));

log(`building the ${MONTH} report`);
const buildStarted = performance.now();
const buildCpu = process.cpuUsage();
const built = await buildMonthlyReport(db, { month: MONTH, timeZone: TZ, now: new Date(), generatedBy: 'bench' });
const buildMs = performance.now() - buildStarted;
const buildCpuMs = (() => {
  const used = process.cpuUsage(buildCpu);
  return (used.user + used.system) / 1000;
})();
sample();
{
  const m = process.memoryUsage();
  log(
    `rss after the build: +${mb(m.rss - rssBefore).toFixed(0)} MB (heap used ${mb(m.heapUsed).toFixed(0)} of ${mb(m.heapTotal).toFixed(0)} MB, external ${mb(m.external).toFixed(0)} MB)`,
  );
  // Where the heap's growth sits: V8 keeps garbage promoted from the young generation until the old space's limit.
  log(
    v8
      .getHeapSpaceStatistics()
      .map((sp) => `${sp.space_name} ${mb(sp.space_size).toFixed(0)}/${mb(sp.space_used_size).toFixed(0)}`)
      .join(', '),
  );
}
log(
  `built ${built.lines.toLocaleString('en')} lines in ${(buildMs / 1000).toFixed(2)} s (${Math.round(built.lines / (buildMs / 1000)).toLocaleString('en')} rows/s)`,
);

const csvFile = path.join(dir, `penalties-${MONTH}.csv`);
const out = fs.createWriteStream(csvFile);
let csvBytes = 0;
const csvStarted = performance.now();
let chunks = 0;
for (const chunk of reportCsvChunks(db, MONTH)) {
  csvBytes += Buffer.byteLength(chunk);
  if (!out.write(chunk)) await once(out, 'drain');
  if ((chunks += 1) % 40 === 0) sample();
}
out.end();
await once(out, 'finish');
const csvMs = performance.now() - csvStarted;
sample();
log(`streamed ${mb(csvBytes).toFixed(1)} MB of CSV in ${(csvMs / 1000).toFixed(2)} s`);

// Baseline: papaparse unparse of the same lines, already in memory (loaded a slice at a time, untimed).
const fields = reportCsvColumns.map(([, f]) => f);
const headers = reportCsvColumns.map(([h]) => h);
let rawMs = 0;
let rawBytes = 0;
for (let after = 0; ;) {
  const lines = reportLinesPage(db, MONTH, { afterLineNo: after, limit: 200_000 });
  if (lines.length === 0) break;
  const data = lines.map((l) => fields.map((f) => l[f] ?? ''));
  const t = performance.now();
  const text = Papa.unparse({ fields: headers, data }, { escapeFormulae: true, header: after === 0, newline: '\r\n' });
  rawMs += performance.now() - t;
  rawBytes += Buffer.byteLength(text) + 2;
  after = lines.at(-1)!.lineNo;
}
const csvMbPerS = mb(csvBytes) / (csvMs / 1000);
const rawMbPerS = mb(rawBytes) / (rawMs / 1000);
log(`raw unparse of the same lines in memory: ${rawMbPerS.toFixed(1)} MB/s`);

closeDatabase(db);
if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
const reportRowsPerS = Math.round(built.lines / (buildMs / 1000));
const rssGrowthMb = round(mb(rssPeak - rssBefore), 1);
process.stdout.write(
  `${JSON.stringify({
    bench: 'report',
    outcomes: OUTCOMES,
    partners: PARTNERS,
    lines: built.lines,
    build_s: round(buildMs / 1000),
    report_rows_per_s: reportRowsPerS,
    // On a shared machine wall time includes waiting for a core; rows per CPU second shows the builder's own cost.
    report_rows_per_cpu_s: Math.round(built.lines / (buildCpuMs / 1000)),
    csv_mb: round(mb(csvBytes), 1),
    csv_s: round(csvMs / 1000),
    csv_mb_per_s: round(csvMbPerS, 1),
    raw_unparse_mb_per_s: round(rawMbPerS, 1),
    vs_raw_unparse: round(csvMbPerS / rawMbPerS, 3),
    rss_growth_mb: rssGrowthMb,
    goals: {
      report_rows_per_s: { goal: `>= ${GOALS.report_rows_per_s}`, met: reportRowsPerS >= GOALS.report_rows_per_s },
      rss_growth_mb: { goal: `< ${GOALS.rss_growth_mb}`, met: rssGrowthMb < GOALS.rss_growth_mb },
    },
    environment: { node: process.version, cpus: os.cpus().length, load_average: os.loadavg().map((l) => round(l)) },
  })}\n`,
);
