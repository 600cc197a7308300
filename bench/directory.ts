import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateApiKeySecret, insertApiKey } from '../db/repositories/api-keys.js';
import { insertPartner } from '../db/repositories/partners.js';
import { PartnerCreateSchema } from '../openapi/partners.js';
import { importCoverage } from '../partners/directory/coverage-import.js';
import { coverageCacheStats } from '../partners/directory/coverage-cache.js';
import { qualify } from '../partners/directory/qualification-service.js';
import { partnerCoverage, writePartnerFile, type ProbeAddress } from './support/coverage-data.js';
import { startHttpServers } from './support/http-load.js';
import {
  measureQualificationHttp,
  qualificationHttpFigures,
  type QualificationHttpLoads,
} from './support/directory-http.js';
import { isPostgres } from '../db/execute.js';
import { benchStoreKind, openBenchStore } from './support/bench-store.js';
import {
  openRawCopyTable,
  openRawSqliteTable,
  rawCopyDescription,
  rawSqliteDescription,
} from './support/raw-insert.js';
import { qualificationRequests } from './support/qualify-requests.js';
import { percentile, round } from './support/stats.js';
import { oneRowCommitLatencies } from './support/commit-floor.js';

/**
 * `npm run bench -- directory [--store sqlite|postgres]`: 100 partners, 1,000,000 coverage rows through the real CSV
 * import (against raw better-sqlite3 inserts of the same rows, or on PostgreSQL a raw COPY of them), qualification
 * latency in-process (repeated addresses), and HTTP qualification throughput on mostly unseen postcodes (UNSEEN_SHARE;
 * cold caches in the server process) against the app's framework-only route (same auth, validation and body size, no
 * work) on the same server. Progress on stderr; one JSON line of figures on stdout.
 */
const { values: args } = parseArgs({
  options: {
    partners: { type: 'string', default: '100' },
    'rows-per-partner': { type: 'string', default: '10000' },
    qualifications: { type: 'string', default: '20000' },
    'http-seconds': { type: 'string', default: '10' },
    'http-rounds': { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    keep: { type: 'boolean', default: false },
    store: { type: 'string', default: 'sqlite' },
  },
});
const PARTNERS = Number(args.partners);
const ROWS_PER_PARTNER = Number(args['rows-per-partner']);
const QUALIFICATIONS = Number(args.qualifications);
const HTTP = {
  durationSeconds: Number(args['http-seconds']),
  rounds: Number(args['http-rounds']),
  connections: Number(args.connections),
  warmupSeconds: 2,
};
const GOALS = { importVsRawMin: 0.5, qualifyP99MaxMs: 1 };
/** Share of the HTTP run's qualifications asked for a postcode no earlier request used. */
const UNSEEN_SHARE = 0.85;

const log = (message: string) => process.stderr.write(`[bench directory] ${message}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const loadAtStart = os.loadavg()[0] ?? 0;
if (loadAtStart > os.cpus().length)
  log(`load average is ${loadAtStart.toFixed(2)} on ${os.cpus().length} cores: figures will be noisy`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-bench-directory-'));
const store = await openBenchStore(benchStoreKind(args.store), dir);
const db = store.db;
log(`store: ${store.location}`);
const now = () => new Date();
const partnerIds = await Promise.all(
  Array.from({ length: PARTNERS }, async (_, i) => {
    const input = {
      name: `Bench Carrier ${String(i + 1).padStart(3, '0')}`,
      country: 'GB',
      status: 'active',
      defaultCurrency: 'GBP',
      adapter: { orderingApi: 'tmf622-v4', baseUrl: 'http://127.0.0.1:9/tmf-api' },
      escalation: [{ level: 1, name: 'Service desk', channel: 'email', address: `noc${i}@carrier.example` }],
      calendar: { timeZone: 'Europe/London', holidayRegion: 'GB-ENG' },
    };
    return (await insertPartner(db, PartnerCreateSchema.parse(input), now())).id;
  }),
);
const deskKey = generateApiKeySecret();
await insertApiKey(db, { name: 'bench desk', role: 'desk', partnerId: null, secret: deskKey });

// 1. The files carriers would upload: one per partner, streamed to disk.
let started = performance.now();
const probes: ProbeAddress[] = [];
const files: string[] = [];
let csvBytes = 0;
for (let i = 0; i < PARTNERS; i += 1) {
  files.push(path.join(dir, `partner-${i}.csv`));
  csvBytes += await writePartnerFile(files[i] as string, i, ROWS_PER_PARTNER, probes);
}
const totalRows = PARTNERS * ROWS_PER_PARTNER;
log(
  `wrote ${totalRows.toLocaleString('en')} rows (${(csvBytes / 2 ** 20).toFixed(0)} MiB) in ${PARTNERS} files in ${seconds(performance.now() - started)}`,
);

// 2. The real import, file by file as the CLI or the API would run it, against the baseline: the same rows, typed
// already, inserted with plain better-sqlite3 into an identical table. Interleaved partner by partner, so both see
// the same machine (other load comes and goes on a shared box).
const raw = isPostgres(db) ? await openRawCopyTable(db) : openRawSqliteTable(db, path.join(dir, 'raw-baseline.db'));
const importFile = async (i: number) => {
  const t0 = performance.now();
  const result = await importCoverage({
    db,
    partnerId: partnerIds[i] as string,
    source: 'bench',
    csv: fs.createReadStream(files[i] as string),
    skipInvalid: false,
    now,
  });
  if (result.outcome !== 'imported' || result.rowsImported !== ROWS_PER_PARTNER) {
    throw new Error(
      `partner ${i}: ${result.outcome}, ${result.rowsImported} rows; first problems: ${JSON.stringify(result.rejections.slice(0, 3))}`,
    );
  }
  return performance.now() - t0;
};
let rawMs = 0;
let importMs = 0;
// CPU time too: on a shared machine it moves less than wall time when other work comes and goes.
let rawCpuMs = 0;
let importCpuMs = 0;
const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
for (let i = 0; i < PARTNERS; i += 1) {
  const rows = [...partnerCoverage(i, ROWS_PER_PARTNER)];
  let cpu = process.cpuUsage();
  rawMs += await raw.insertPartner(partnerIds[i] as string, rows);
  rawCpuMs += cpuMsSince(cpu);
  cpu = process.cpuUsage();
  importMs += await importFile(i);
  importCpuMs += cpuMsSince(cpu);
  if ((i + 1) % 20 === 0) log(`imported ${i + 1} of ${PARTNERS} partners`);
}
const rawCount = await raw.count();
if (rawCount !== totalRows) throw new Error(`baseline holds ${rawCount} rows, expected ${totalRows}`);
await raw.close();
const rawRowsPerS = totalRows / (rawMs / 1000);
const importRowsPerS = totalRows / (importMs / 1000);
log(`raw insert: ${seconds(rawMs)}, ${Math.round(rawRowsPerS).toLocaleString('en')} rows/s`);
log(`import: ${seconds(importMs)}, ${Math.round(importRowsPerS).toLocaleString('en')} rows/s`);
const replacePartners = Math.max(1, Math.round(PARTNERS / 10));
let replaceMs = 0;
for (let i = 0; i < replacePartners; i += 1) replaceMs += await importFile(i);
const replaceRowsPerS = (replacePartners * ROWS_PER_PARTNER) / (replaceMs / 1000);
log(
  `replace (${replacePartners} partners, old versions purged): ${Math.round(replaceRowsPerS).toLocaleString('en')} rows/s`,
);

// 3. Qualification in-process: normalise, look up, rank, store; one call at a time, timed each.
const requests = qualificationRequests(probes, QUALIFICATIONS);
const run = async (i: number) =>
  await qualify(db, { request: requests[i % requests.length]!, requestedBy: 'bench', now: now() });
for (let i = 0; i < 1_000; i += 1) await run(i);
const latencies = new Float64Array(QUALIFICATIONS);
let offers = 0;
let withOffers = 0;
started = performance.now();
for (let i = 0; i < QUALIFICATIONS; i += 1) {
  const t0 = process.hrtime.bigint();
  const outcome = await run(i);
  latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!outcome.ok) throw new Error(`qualification ${i} refused: ${JSON.stringify(outcome.errors)}`);
  offers += outcome.qualification.offers.length;
  if (outcome.qualification.offers.length > 0) withOffers += 1;
}
latencies.sort();
log(
  `qualify: ${QUALIFICATIONS} calls in ${seconds(performance.now() - started)}, p50 ${percentile(latencies, 50).toFixed(3)} ms, p99 ${percentile(latencies, 99).toFixed(3)} ms`,
);
const cache = coverageCacheStats(db);
const commits = await oneRowCommitLatencies(db, QUALIFICATIONS);
log(`one-row commit: p50 ${percentile(commits, 50).toFixed(3)} ms, p99 ${percentile(commits, 99).toFixed(3)} ms`);
// The HTTP server process opens the store itself; the SQLite file is closed here first (its WAL checkpointed).
if (store.kind === 'sqlite') await store.close();

// 4. HTTP: the real app and a bare hono route, same node-server setup, in a child process; autocannon here.
const servers = await startHttpServers({ databasePath: path.join(dir, 'tailgate.db'), databaseUrl: store.databaseUrl });
let loads: QualificationHttpLoads;
try {
  loads = await measureQualificationHttp(servers, { deskKey, probes, unseenShare: UNSEEN_SHARE, http: HTTP, log });
} finally {
  servers.close();
  if (store.kind === 'postgres') await store.close();
}
if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });

const importVsRaw = importRowsPerS / rawRowsPerS;
const qualifyP99 = percentile(latencies, 99);
const httpFigures = qualificationHttpFigures(loads, servers.sampleAnswerBytes);
const figures = {
  bench: 'directory',
  store: store.kind,
  partners: PARTNERS,
  rows: totalRows,
  import_rows_per_s: Math.round(importRowsPerS),
  import_seconds: round(importMs / 1000, 2),
  raw_insert_rows_per_s: Math.round(rawRowsPerS),
  import_vs_raw_insert: round(importVsRaw),
  import_vs_raw_insert_cpu: round(rawCpuMs / importCpuMs),
  replace_rows_per_s: Math.round(replaceRowsPerS),
  qualify_calls: QUALIFICATIONS,
  qualify_p50_ms: round(percentile(latencies, 50)),
  qualify_p90_ms: round(percentile(latencies, 90)),
  qualify_p99_ms: round(qualifyP99),
  qualify_max_ms: round(latencies[latencies.length - 1] ?? Number.NaN),
  // The floor under qualify_p*: a one-row insert committed on its own, as many times, one after another.
  one_row_commit_p50_ms: round(percentile(commits, 50)),
  one_row_commit_p99_ms: round(percentile(commits, 99)),
  qualify_mean_offers: round(offers / QUALIFICATIONS, 1),
  qualify_with_offers: round(withOffers / QUALIFICATIONS),
  // Location keys answered from the per-key coverage cache (partners/directory/coverage-cache.ts), in-process run.
  qualify_cache_hit_ratio: round(cache.hits / Math.max(1, cache.hits + cache.misses)),
  // Whole ranked answers (location keys + product needs) served from memory, in-process run.
  qualify_answer_cache_hit_ratio: round(cache.answerHits / Math.max(1, cache.answerHits + cache.answerMisses)),
  ...httpFigures.figures,
  http: {
    connections: HTTP.connections,
    pipelining: 1,
    seconds: HTTP.durationSeconds,
    rounds: HTTP.rounds,
    server: 'child process, @hono/node-server on 127.0.0.1',
  },
  baseline: {
    import: store.kind === 'postgres' ? rawCopyDescription : rawSqliteDescription,
    http:
      "the app's framework-only route (same auth, validation and body size, no work), in the same server process, with " +
      'requests of the same shape; a bare hono app (one POST route answering {"ok":true}) is informative',
  },
  goals: {
    import_vs_raw_insert: { min: GOALS.importVsRawMin, met: importVsRaw >= GOALS.importVsRawMin },
    qualify_p99_ms: { max: GOALS.qualifyP99MaxMs, met: qualifyP99 < GOALS.qualifyP99MaxMs },
    ...httpFigures.goals,
  },
  environment: {
    node: process.version,
    cpus: os.cpus().length,
    load_average_at_start: round(loadAtStart, 2),
    load_average_at_end: round(os.loadavg()[0] ?? 0, 2),
  },
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
