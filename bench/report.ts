import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { closeStore, type Db } from '../db/client.js';
import { reportLineValuesPage } from '../db/repositories/penalty-reports.js';
import { finalizeDraft } from '../reports/finalize.js';
import { penaltyCsvResponse } from '../api/routes/reports/csv.js';
import { csvRowOf, csvSourceFields, readableCsvColumns } from '../reports/csv.js';
import { addMonths, buildMonthlyReport, monthPeriod, reportCsvColumns } from '../reports/index.js';
import { createPostgresDatabase } from '../test/support/postgres-database.js';
import { postgresServer } from '../test/support/throwaway-postgres.js';
import { benchStoreKind, openBenchLocation } from './support/bench-store.js';

/**
 * `npm run bench -- report [--store sqlite|postgres]`: month-end as finance runs it. `outcomes` breach outcomes
 * (100,000) across 100 partners final in each of 12 months are seeded into a fresh SQLite file or PostgreSQL database
 * (child process, untimed); the 11 earlier months are
 * generated, finalized, then given late news (waivers, revised outcomes, breaches learned late) one after another, as
 * in production (child process, untimed). Then the 12th month is generated, its draft CSV downloaded, finalized, and
 * its frozen CSV downloaded (as a browser asks, Accept-Encoding: gzip: as stored, gzip-encoded; and decompressed, as
 * a client refusing gzip gets it), each as the API serves it and timed, with
 * RSS sampled and the event loop's longest stall measured. Baselines in the same run: the same month generated in a
 * copy of the database with the same outcomes and no frozen month (a file copy, or a database made from it as a
 * template), and papaparse unparsing the same lines already in
 * memory. `--history 0 --outcomes 1000000` is the stress run: one month of 1,000,000 breaches, nothing frozen. Cold:
 * each database is opened fresh by this process. One JSON line last.
 */
const { values: args } = parseArgs({
  options: {
    partners: { type: 'string', default: '100' },
    outcomes: { type: 'string', default: '100000' },
    history: { type: 'string', default: '11' },
    keep: { type: 'boolean', default: false },
    store: { type: 'string', default: 'sqlite' },
  },
});
const PARTNERS = Number(args.partners);
const OUTCOMES = Number(args.outcomes);
const HISTORY = Number(args.history);
const MONTH = '2026-10';
const TZ = 'Europe/London';
const GOALS = {
  historyVsNone: 1.2,
  eventLoopStallMs: 200,
  frozenVsDraftDownload: 5,
  rssGrowthMbAtStress: 200,
};
const log = (message: string) => process.stderr.write(`[bench report] ${message}\n`);
const mb = (bytes: number) => bytes / (1024 * 1024);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const here = path.dirname(fileURLToPath(import.meta.url));
const child = (script: string, ...scriptArgs: string[]) =>
  execFileSync(process.execPath, [...process.execArgv, path.join(here, 'support', script), ...scriptArgs], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });

const STORE = benchStoreKind(args.store);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-bench-report-'));
// Where each database is: a SQLite file, or a PostgreSQL database (on the server the environment names, else on a
// throwaway cluster flushing commits to disk) dropped at the end.
const server = STORE === 'postgres' ? await postgresServer({ durable: true }) : undefined;
const databases: { drop(): Promise<void> }[] = [];
const historyDatabase = server ? await createPostgresDatabase(server.url, 'tailgate_bench_report') : undefined;
if (historyDatabase) databases.push(historyDatabase);
const withHistory = historyDatabase?.url ?? path.join(dir, 'history.db');
let withoutHistory = path.join(dir, 'no-history.db');
const months = Array.from({ length: HISTORY + 1 }, (_, i) => addMonths(MONTH, i - HISTORY));
log(`seeding ${OUTCOMES.toLocaleString('en')} breaches a month across ${PARTNERS} partners for ${months.join(', ')}`);
let started = performance.now();
child('report-seed.ts', withHistory, String(PARTNERS), String(OUTCOMES), months.join(','));
log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (HISTORY > 0) {
  if (server && historyDatabase) {
    const copy = await createPostgresDatabase(server.url, 'tailgate_bench_report', { copyOf: historyDatabase.name });
    databases.push(copy);
    withoutHistory = copy.url;
  } else fs.copyFileSync(withHistory, withoutHistory);
  started = performance.now();
  child('report-history.ts', withHistory, months.slice(0, -1).join(','));
  log(`history of ${HISTORY} frozen months made in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Runs `work`, timing it and the event loop's longest stall meanwhile (what a request or a writer would wait). */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; stallMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t = performance.now();
  const result = await work();
  const ms = performance.now() - t;
  loop.disable();
  return { result, ms, stallMs: loop.max / 1e6 };
}

async function generate(db: Db) {
  return measured(async () => {
    const built = await buildMonthlyReport(db, { month: MONTH, timeZone: TZ, now: new Date(), generatedBy: 'bench' });
    if (built.outcome !== 'written') throw new Error(`generation: ${built.outcome}`);
    return built.lines;
  });
}

/** The download as the API serves it (its response body, written to a file), gzip-encoded when `acceptEncoding`. */
async function download(db: Db, file: string, acceptEncoding?: string): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  const res = await penaltyCsvResponse(db, MONTH, undefined, acceptEncoding);
  const out = fs.createWriteStream(file);
  let bytes = 0;
  for await (const chunk of res.body!) {
    bytes += chunk.byteLength;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { ms: performance.now() - t, bytes };
}

// The baseline month: same outcomes, nothing frozen.
let baselineMs: number | undefined;
if (HISTORY > 0) {
  const db = await openBenchLocation(withoutHistory);
  const base = await generate(db);
  baselineMs = base.ms;
  log(`no history: ${base.result.toLocaleString('en')} lines in ${(base.ms / 1000).toFixed(2)} s`);
  await closeStore(db);
}

const db = await openBenchLocation(withHistory);
global.gc?.();
const usageBefore = process.memoryUsage();
const rssBefore = usageBefore.rss;
let rssPeak = rssBefore;
// The V8 heap in use when RSS peaked, and before the build: most of the growth is garbage not yet collected (V8 lets
// the old generation grow to a few times what survives a full collection before it runs one).
let heapUsedAtPeak = usageBefore.heapUsed;
const samplePeak = () => {
  const usage = process.memoryUsage();
  if (usage.rss <= rssPeak) return;
  rssPeak = usage.rss;
  heapUsedAtPeak = usage.heapUsed;
};
const sampler = setInterval(samplePeak, 50);
const build = await generate(db);
samplePeak();
clearInterval(sampler);
const lines = build.result;
log(
  `${HISTORY} frozen months: ${lines.toLocaleString('en')} lines in ${(build.ms / 1000).toFixed(2)} s, longest stall ${build.stallMs.toFixed(0)} ms, RSS +${mb(rssPeak - rssBefore).toFixed(0)} MB`,
);
// Downloads as a browser (or `curl --compressed`) asks for them: a draft is streamed uncompressed whatever the client
// accepts; a frozen month is sent as stored, gzip-encoded. A client that refuses gzip gets a frozen month decompressed
// on the way (the identity figures, informative).
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br';
const draftCsv = await download(db, path.join(dir, 'draft.csv'), BROWSER_ACCEPT_ENCODING);
log(`draft CSV: ${mb(draftCsv.bytes).toFixed(1)} MB in ${(draftCsv.ms / 1000).toFixed(2)} s`);
const finalize = await measured(() => finalizeDraft(db, MONTH, 'bench', monthPeriod(MONTH, TZ).endsAt));
if (finalize.result !== 'final') throw new Error(`finalize: ${finalize.result}`);
log(`finalized in ${(finalize.ms / 1000).toFixed(2)} s, longest stall ${finalize.stallMs.toFixed(0)} ms`);
const frozenCsv = await download(db, path.join(dir, 'frozen.csv.gz'), BROWSER_ACCEPT_ENCODING);
log(`frozen CSV, gzip-encoded: ${mb(frozenCsv.bytes).toFixed(1)} MB in ${(frozenCsv.ms / 1000).toFixed(2)} s`);
const frozenIdentity = await download(db, path.join(dir, 'frozen.csv'), 'identity');
log(
  `frozen CSV, decompressed: ${mb(frozenIdentity.bytes).toFixed(1)} MB in ${(frozenIdentity.ms / 1000).toFixed(2)} s`,
);

// Baseline of the CSV writer: papaparse unparse of the same rows (the readable columns derived), already in memory
// (loaded a slice at a time).
const headers = [...reportCsvColumns.map(([h]) => h), ...readableCsvColumns];
let rawMs = 0;
let rawBytes = 0;
for (let after = 0; ;) {
  const page = await reportLineValuesPage(db, MONTH, csvSourceFields, { afterLineNo: after, limit: 200_000 });
  if (page.length === 0) break;
  const data = page.map((row) => {
    after = row.pop() as number;
    return csvRowOf(row);
  });
  const t = performance.now();
  const text = Papa.unparse(
    { fields: headers, data },
    { escapeFormulae: true, header: rawBytes === 0, newline: '\r\n' },
  );
  rawMs += performance.now() - t;
  rawBytes += Buffer.byteLength(text) + 2;
}
await closeStore(db);
if (args.keep) log(`kept ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
for (const database of databases) await database.drop();
server?.throwaway?.stop();

const csvMbPerS = mb(draftCsv.bytes) / (draftCsv.ms / 1000);
const rawMbPerS = mb(rawBytes) / (rawMs / 1000);
const rssGrowthMb = round(mb(rssPeak - rssBefore), 1);
const historyVsNone = baselineMs === undefined ? null : round(build.ms / baselineMs, 3);
const frozenVsDraft = round(draftCsv.ms / frozenCsv.ms, 2);
const frozenIdentityVsDraft = round(draftCsv.ms / frozenIdentity.ms, 2);
const longestStallMs = Math.round(Math.max(build.stallMs, finalize.stallMs));
process.stdout.write(
  `${JSON.stringify({
    bench: 'report',
    store: STORE,
    case: HISTORY > 0 ? `one month after ${HISTORY} frozen months with late news` : 'stress: one month, nothing frozen',
    outcomes_per_month: OUTCOMES,
    partners: PARTNERS,
    frozen_months: HISTORY,
    lines,
    generate_s: round(build.ms / 1000),
    generate_no_history_s: baselineMs === undefined ? null : round(baselineMs / 1000),
    history_vs_none: historyVsNone,
    report_rows_per_s: Math.round(lines / (build.ms / 1000)),
    generate_longest_stall_ms: Math.round(build.stallMs),
    finalize_s: round(finalize.ms / 1000),
    finalize_longest_stall_ms: Math.round(finalize.stallMs),
    csv_mb: round(mb(draftCsv.bytes), 1),
    download_accept_encoding: BROWSER_ACCEPT_ENCODING,
    draft_csv_s: round(draftCsv.ms / 1000),
    frozen_csv_mb: round(mb(frozenCsv.bytes), 1),
    frozen_csv_s: round(frozenCsv.ms / 1000, 3),
    frozen_vs_draft_download: frozenVsDraft,
    frozen_identity_csv_s: round(frozenIdentity.ms / 1000),
    frozen_identity_vs_draft_download: frozenIdentityVsDraft,
    csv_mb_per_s: round(csvMbPerS, 1),
    raw_unparse_mb_per_s: round(rawMbPerS, 1),
    vs_raw_unparse: round(csvMbPerS / rawMbPerS, 3),
    rss_growth_mb: rssGrowthMb,
    heap_used_before_mb: round(mb(usageBefore.heapUsed), 1),
    heap_used_at_rss_peak_mb: round(mb(heapUsedAtPeak), 1),
    baselines:
      'generate: the same month and outcomes with no frozen month; CSV: papaparse unparse of the same lines in memory',
    goals: {
      // Measured only with history (the stress run has none): a goal not measured is not printed as met.
      ...(historyVsNone === null
        ? {}
        : { history_vs_none: { goal: `<= ${GOALS.historyVsNone}`, met: historyVsNone <= GOALS.historyVsNone } }),
      longest_stall_ms: { goal: `<= ${GOALS.eventLoopStallMs}`, met: longestStallMs <= GOALS.eventLoopStallMs },
      frozen_vs_draft_download: {
        goal: `>= ${GOALS.frozenVsDraftDownload}`,
        met: frozenVsDraft >= GOALS.frozenVsDraftDownload,
      },
      ...(HISTORY === 0
        ? { rss_growth_mb: { goal: `< ${GOALS.rssGrowthMbAtStress}`, met: rssGrowthMb < GOALS.rssGrowthMbAtStress } }
        : {}),
    },
    environment: { node: process.version, cpus: os.cpus().length, load_average: os.loadavg().map((l) => round(l)) },
  })}\n`,
);
