import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { BARE_TASK_QUEUE, startClockPlatform, TASK_QUEUE } from './support/clock-platform.js';
import { dueProfile, pool, spread } from './support/lateness.js';
import { round } from './support/stats.js';
import { orderContexts, slaEvalPerSecond } from './support/sla-eval.js';
import { startWorkerChild } from './support/worker-child.js';

/**
 * `npm run bench -- clocks`: N open orders placed through POST /api/v1/orders, each holding a 30-day clock, with
 * the production worker in a child process. Once the worker is idle, a sample of them report inProgress (PATCH, as
 * their carrier) at a steady rate, which starts a short 24x7 clock: jeopardy 50/75/90 and the breach fall due in
 * the run. Lateness = sla_facts.detectedAt - at. Baseline, at the same time: bare workflows on their own worker
 * (same createWorker setup, same dev server) sleep() to exactly the same instants.
 * Spread: clocks start 1/rate s apart, so each threshold is a wave of `rate` facts/s; the waves overlap (defaults:
 * mean 9/s, busiest second 15/s): far above the average of 10,000 orders with day-long OLAs (well under 1/s), far
 * below a close-of-business instant that hundreds of orders share (--rate/--sample/--minutes load it harder).
 * Setting up N real order workflows dominates the run (tens of ms of CPU per order in Temporal and the worker);
 * --orders 3000 already overflows the worker's workflow cache and takes about a third of the time.
 */
const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '10000' },
    sample: { type: 'string', default: '250' },
    rate: { type: 'string', default: '5' },
    minutes: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '32' },
    'eval-ms': { type: 'string', default: '3000' },
    dump: { type: 'string' }, // a file for every lateness sample (JSON), to look at the figures over time
  },
});
const [N, SAMPLE, RATE, MINUTES, CONCURRENCY] = [
  args.orders,
  args.sample,
  args.rate,
  args.minutes,
  args.concurrency,
].map(Number) as [number, number, number, number, number];
const D = MINUTES * 60_000;
const FRACTIONS = [0.5, 0.75, 0.9, 1];
const GOALS = { latenessP99MsMax: 1000, workerRssMbMax: 1024 };
const log = (m: string) => process.stderr.write(`[bench clocks ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const load = () => round(os.loadavg()[0] ?? Number.NaN, 2);
const mb = (bytes: number) => round(bytes / 2 ** 20, 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
if (SAMPLE / RATE >= (D * FRACTIONS[0]!) / 1000)
  throw new Error(
    'the sample must be started before its first jeopardy falls due: lower --sample or raise --rate / --minutes',
  );
Runtime.install({ logger: new DefaultLogger('ERROR') });
const started = Date.now();
const loadAtStart = load();
log(`load average ${loadAtStart} on ${os.cpus().length} cpus`);

// The pure library first, while nothing else of ours runs.
const evaluation = slaEvalPerSecond(orderContexts(500), Number(args['eval-ms']));
log(`sla-rules: ${Math.round(evaluation.perSecond)} computeClocks/s (${evaluation.clocksPerEval} clocks each)`);

const p = await startClockPlatform(MINUTES);
const worker = await startWorkerChild('tailgate', p.temporal.address, TASK_QUEUE, p.dbFile);
let retries = 0;
/** One API call, retried on 5xx as a client would (the worker's process writes the same SQLite file). */
async function call(
  method: string,
  path: string,
  key: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    const res = await fetch(`${p.url}${path}`, {
      method,
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    });
    await res.arrayBuffer();
    if (res.status < 500 || attempt === 3) return res.status;
    retries += 1;
  }
}

log(`placing ${N} open orders through POST /api/v1/orders (concurrency ${CONCURRENCY}), the worker running`);
const orderIds: string[] = [];
let failures = 0;
const cpuBefore = { worker: worker.cpuSeconds(), temporal: p.temporalCpuSeconds() };
const placeStart = Date.now();
await pool(N, CONCURRENCY, async (i) => {
  const status = await call(
    'POST',
    '/api/v1/orders',
    p.deskKey,
    {
      partnerId: p.partnerId,
      productCode: 'ETH-100',
      bandwidthMbps: 100,
      deskReference: `CLOCKS-${i}`,
      requestedCompletionDate: '2099-01-01',
      site: { countryCode: 'GB', postcode: 'SW1A 1AA', line1: '1 Bench Street', city: 'London' },
      contact: { name: 'Bench', email: 'bench@example.com' },
    },
    { 'idempotency-key': `clocks-${i}` },
  );
  if (status !== 201) failures += 1;
  if (i % 2000 === 1999)
    log(`  ${i + 1} placed; worker rss ${mb(worker.peakRss())} MB (heap ${mb(worker.peakHeap())} MB); load ${load()}`);
});
const placedPerSecond = N / ((Date.now() - placeStart) / 1000);
for (const row of p.db.$client.prepare('select id from orders order by created_at').all() as { id: string }[])
  orderIds.push(row.id);
log(
  `placed ${orderIds.length} (${placedPerSecond.toFixed(0)}/s, ${failures} failed, ${retries} retried); waiting for the worker to set every clock`,
);
await worker.idle(3);
const setupSeconds = (Date.now() - placeStart) / 1000;
const perOrderMs = (seconds: number) => round((seconds * 1000) / orderIds.length, 1);
const setupCpu = {
  worker: perOrderMs(worker.cpuSeconds() - cpuBefore.worker),
  temporal: perOrderMs(p.temporalCpuSeconds() - cpuBefore.temporal),
};
log(
  `worker idle after ${setupSeconds.toFixed(0)} s; CPU per order: worker ${setupCpu.worker} ms, Temporal ${setupCpu.temporal} ms; rss ${mb(worker.peakRss())} MB`,
);

// The window: sample orders, spread over the whole placement, report inProgress at RATE/s; each one's bare twin
// starts at once on the bare worker with the same instants (the event's receipt + 50/75/90/100% of the clock).
const bare = await startWorkerChild('bare', p.temporal.address, BARE_TASK_QUEUE, p.dbFile);
const step = orderIds.length / SAMPLE;
const sample = Array.from({ length: SAMPLE }, (_, k) => orderIds[Math.floor(k * step)]!);
const receivedAt = p.db.$client.prepare(
  "select received_at as at from order_events where order_id = ? and to_state = 'inProgress' order by seq desc limit 1",
);
worker.mark();
bare.mark();
const windowStart = Date.now();
const windowCpu = {
  worker: worker.cpuSeconds(),
  bare: bare.cpuSeconds(),
  temporal: p.temporalCpuSeconds(),
  bench: process.cpuUsage(),
};
log(
  `${SAMPLE} orders report inProgress at ${RATE}/s: ${MINUTES}-minute clocks start; ${SAMPLE * 4} facts due over the next ${MINUTES} min`,
);
const twins: { k: number; instants: number[]; started: Promise<unknown> }[] = [];
await pool(SAMPLE, Math.min(CONCURRENCY, RATE), async (k) => {
  const wait = windowStart + (k * 1000) / RATE - Date.now();
  if (wait > 0) await sleep(wait);
  const status = await call('PATCH', `/tmf-api/productOrderingManagement/v4/productOrder/${sample[k]}`, p.partnerKey, {
    state: 'inProgress',
  });
  if (status !== 200) return void (failures += 1);
  const start = Date.parse((receivedAt.get(sample[k]) as { at: string }).at);
  const instants = FRACTIONS.map((f) => start + Math.round(f * D));
  twins.push({
    k,
    instants,
    started: p.client.workflow.start('bareTimerWorkflow', {
      taskQueue: BARE_TASK_QUEUE,
      workflowId: `bare-${k}`,
      args: [instants],
    }),
  });
});
await Promise.all(twins.map((t) => t.started));

// Poll the facts as they are written: detectedAt - at is the figure; when the row became visible is a cross-check.
type Fact = { threshold: number; at: number; lateMs: number; visibleLateMs: number };
const facts: Fact[] = [];
const newRows = p.db.$client.prepare(
  "select rowid as r, threshold as t, at, detected_at as d from sla_facts where rowid > ? and ola_id = 'bench-progress'",
);
let lastRow = 0;
const expected = 4 * twins.length;
const deadline = Date.now() + D + 60_000;
for (let nextLog = 0; facts.length < expected && Date.now() < deadline; await sleep(200)) {
  const seen = Date.now();
  for (const row of newRows.all(lastRow) as { r: number; t: number; at: string; d: string }[]) {
    lastRow = Math.max(lastRow, row.r);
    const at = Date.parse(row.at);
    facts.push({ threshold: row.t, at, lateMs: Date.parse(row.d) - at, visibleLateMs: seen - at });
  }
  if (seen < nextLog) continue;
  log(
    `  ${facts.length}/${expected} facts; worker rss ${mb(worker.peakRss())} MB, bare worker ${mb(bare.peakRss())} MB; load ${load()}`,
  );
  nextLog = seen + 10_000;
}
const loadInWindow = load();
const bench = process.cpuUsage(windowCpu.bench);
const windowCpuSeconds = {
  worker: round(worker.cpuSeconds() - windowCpu.worker, 1),
  bare_worker: round(bare.cpuSeconds() - windowCpu.bare, 1),
  temporal: round(p.temporalCpuSeconds() - windowCpu.temporal, 1),
  api_and_bench: round((bench.user + bench.system) / 1e6, 1),
  wall: round((Date.now() - windowStart) / 1000, 1),
};
const bareLate: number[][] = [];
await pool(
  twins.length,
  32,
  async (j) => void (bareLate[j] = await p.client.workflow.getHandle(`bare-${twins[j]!.k}`).result()),
);
const [windowRss, bareWindowRss] = [worker.peakRss(), bare.peakRss()];
const [workerHwm, bareHwm] = [await worker.stop(), await bare.stop()];
const apiError = p.firstApiError();
await p.close();

if (args.dump)
  fs.writeFileSync(
    args.dump,
    JSON.stringify({ facts, bare: bareLate.map((late, j) => ({ late, instants: twins[j]!.instants })) }),
  );
const real = spread(facts.map((f) => f.lateMs));
const base = spread(bareLate.flat());
const THRESHOLDS = [50, 75, 90, 100];
const byThreshold = (values: (t: number) => number[]) =>
  Object.fromEntries(THRESHOLDS.map((t) => [t, (({ p50, p99 }) => ({ p50, p99 }))(spread(values(t)))]));
const rssMb = mb(workerHwm);
const latenessMet = real.p99 < GOALS.latenessP99MsMax;
const rssMet = rssMb < GOALS.workerRssMbMax;
log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s${apiError ? `; first API error: ${apiError}` : ''}`);
process.stdout.write(
  `${JSON.stringify({
    benchmark: 'clocks',
    open_orders: orderIds.length,
    placement: 'POST /api/v1/orders over loopback HTTP, worker running',
    placed_per_s: round(placedPerSecond, 0),
    failed_requests: failures,
    retried_requests: retries,
    setup_s: round(setupSeconds, 0),
    setup_cpu_ms_per_order: setupCpu,
    window_cpu_s: windowCpuSeconds,
    clocks: `every order: 24x7 30 days from placement (not due in the run); ${SAMPLE} sampled: 24x7 ${MINUTES} min from inProgress (PATCH at ${RATE}/s)`,
    facts: facts.length,
    facts_expected: expected,
    due_instants: dueProfile(facts.map((f) => f.at)),
    timer_lateness_p50_ms: real.p50,
    timer_lateness_p99_ms: real.p99,
    timer_lateness_max_ms: real.max,
    timer_lateness_ms_by_threshold: byThreshold((t) => facts.filter((f) => f.threshold === t).map((f) => f.lateMs)),
    recorded_visible_lateness_p99_ms: spread(facts.map((f) => f.visibleLateMs)).p99,
    bare_timer_lateness_p50_ms: base.p50,
    bare_timer_lateness_p99_ms: base.p99,
    bare_timer_lateness_max_ms: base.max,
    bare_timer_lateness_ms_by_threshold: byThreshold((t) =>
      bareLate.map((l) => l[THRESHOLDS.indexOf(t)] ?? Number.NaN).filter(Number.isFinite),
    ),
    lateness_vs_bare_timer: round(real.p99 / Math.max(base.p99, 1), 2),
    worker_rss_mb: rssMb,
    worker_rss_window_mb: mb(windowRss),
    worker_heap_peak_mb: mb(worker.peakHeap()),
    bare_worker_rss_mb: mb(bareHwm),
    bare_worker_rss_window_mb: mb(bareWindowRss),
    max_cached_workflows: worker.maxCachedWorkflows,
    sla_eval_per_s: round(evaluation.perSecond, 0),
    sla_eval_context: 'uk-ethernet-carrier template: 4 order OLAs, 10 events, UK calendar',
    load_avg_1m: { start: loadAtStart, window_end: loadInWindow, end: load() },
    cpus: os.cpus().length,
    run_s: round((Date.now() - started) / 1000, 0),
    baseline:
      'bare workflows sleep() to the same instants, concurrently, on their own worker child (same createWorker, same dev server)',
    goals: {
      timer_lateness_p99_ms_max: GOALS.latenessP99MsMax,
      worker_rss_mb_max: GOALS.workerRssMbMax,
      lateness_met: latenessMet,
      rss_met: rssMet,
      met: latenessMet && rssMet,
    },
  })}\n`,
);
process.exit(0);
