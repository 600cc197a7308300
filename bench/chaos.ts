import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.js';
import { connectTemporal } from '../workers/client.js';
import { resolveTemporalBinaries } from '../workers/temporal-binaries.js';
import { setUpChaosCarriers } from './support/chaos-carriers.js';
import { chaosFigures } from './support/chaos-figures.js';
import { startChaosProcesses, type Supervised } from './support/chaos-processes.js';
import { pool, spread } from './support/lateness.js';
import { round } from './support/stats.js';
import { seededRandom } from './support/random.js';

/**
 * `npm run bench -- chaos`: the embedded default (SQLite, a Temporal dev server keeping its state in a file) as
 * separate processes (npm run api, npm run worker), two simulated carriers with 30% 503s, slow answers, duplicate
 * and out-of-order notifications, and a desk webhook to an address nothing answers on. Orders are placed at a steady
 * rate and tickets raised on delivered ones while the API, the worker and Temporal are each killed (kill -9) at
 * random instants and started again. Then every figure is read from the carriers' own records against Tailgate's
 * database. Baseline: bare Temporal timers on their own worker, due over the same span on the same dev server.
 * `--workers 2` runs two worker processes on the task queue (each worker kill takes one, in turn), as a provider
 * running Tailgate on two machines would.
 */
const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' },
    tickets: { type: 'string', default: '100' },
    rate: { type: 'string', default: '3' },
    kills: { type: 'string', default: '2' },
    workers: { type: 'string', default: '1' }, // npm run worker processes; each worker kill takes one of them
    seed: { type: 'string', default: '14' },
    keep: { type: 'boolean', default: false }, // keep the data directory (databases, logs) to look into
  },
});
const [ORDERS, TICKETS, RATE, KILLS] = [args.orders, args.tickets, args.rate, args.kills].map(Number) as [
  number,
  number,
  number,
  number,
];
const GOALS = { lost: 0, sentTwice: 0, neverFired: 0, wronglyCharged: 0, latenessP99MsMax: 2_000 };
/** Timers due this long after a killed process answered again still count as in its kill window. */
const GRACE_MS = 10_000;
const DRAIN_MS = 12 * 60_000;
const BARE_TASK_QUEUE = 'chaos-bare-timers';
const random = seededRandom(Number(args.seed));
const log = (m: string) => process.stderr.write(`[bench chaos ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-bench-chaos-'));
const dbFile = path.join(dir, 'tailgate.db');
const db = openDatabase(dbFile);
const setup = await setUpChaosCarriers(db, 'http://192.0.2.1/hook');
const apiUrl = `http://127.0.0.1:${await freePort()}`;
const { cli } = resolveTemporalBinaries({ cliPath: process.env.TEMPORAL_CLI_PATH, pathVar: process.env.PATH });
if (!cli) throw new Error('no Temporal CLI: run npm ci');
const temporalPort = await freePort();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: new URL(apiUrl).port,
  HOST: '127.0.0.1',
  PUBLIC_BASE_URL: apiUrl,
  DATA_DIR: dir,
  DATABASE_PATH: dbFile,
  ADMIN_API_KEY: `chaos-admin-${random.int(1e9)}-key`,
  LOG_LEVEL: 'warn',
  OUTBOUND_ALLOW: [...setup.outboundAllow, '192.0.2.0/24'].join(','),
};
log(`starting Temporal (state in ${dir}/temporal.db), the API, the worker and the baseline worker`);
const procs = await startChaosProcesses({
  cliPath: cli,
  temporalPort,
  dir,
  env,
  apiUrl,
  bareTaskQueue: BARE_TASK_QUEUE,
  workers: Number(args.workers),
});

// The baseline: bare timers due one by one over the span the orders' clocks fall due in.
const placingMs = (ORDERS / RATE) * 1000;
const client = await connectTemporal(`127.0.0.1:${temporalPort}`, 'default');
const runStart = Date.now();
const bareInstants = Array.from({ length: 300 }, (_, i) => runStart + 30_000 + (i / 300) * (placingMs + 150_000));
await pool(bareInstants.length, 8, async (i) => {
  await client.workflow.start('bareTimerWorkflow', {
    taskQueue: BARE_TASK_QUEUE,
    workflowId: `chaos-bare-${i}`,
    args: [[bareInstants[i]]],
  });
});

/** One desk request, retried with the same Idempotency-Key as a client would, until it is answered for good. */
async function place(pathname: string, key: string, body: unknown): Promise<{ status: number; id?: string }> {
  for (;;) {
    const answer = await fetch(`${apiUrl}${pathname}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${setup.deskKey}`, 'content-type': 'application/json', 'idempotency-key': key },
      signal: AbortSignal.timeout(30_000),
    }).then(
      async (res) => ({ status: res.status, body: (await res.json().catch(() => ({}))) as { id?: string } }),
      () => ({ status: 0, body: {} as { id?: string } }),
    );
    if (answer.status === 201) return { status: 201, id: answer.body.id! };
    if (answer.status !== 0 && answer.status < 500 && answer.status !== 409 && answer.status !== 429)
      return { status: answer.status };
    await sleep(1_000);
  }
}

const accepted = { order: new Set<string>(), ticket: new Set<string>() };
const refused: number[] = [];
const contact = { name: 'Chaos Desk', email: 'desk@example.com' };

// Kills: each process `KILLS` times, in a random order, at random instants while orders and tickets flow.
const victims: Supervised[] = Array.from({ length: KILLS }, (_, k) => [
  procs.api,
  procs.workers[k % procs.workers.length]!,
  procs.temporal,
])
  .flat()
  .map((p) => ({ p, order: random.next() }))
  .sort((a, b) => a.order - b.order)
  .map(({ p }) => p);
const killSpan = placingMs + 60_000;
const killing = (async () => {
  for (const [k, victim] of victims.entries()) {
    const at = runStart + 20_000 + ((k + random.next()) / victims.length) * (killSpan - 20_000);
    await sleep(Math.max(0, at - Date.now()));
    const downMs = 500 + random.int(2_500);
    log(`kill -9 ${victim.name}; back in ${downMs} ms`);
    await victim.killAndRestart(downMs);
    log(`${victim.name} answers again`);
  }
})();

log(`placing ${ORDERS} orders at ${RATE}/s`);
const placing = pool(ORDERS, 16, async (i) => {
  await sleep(Math.max(0, runStart + (i / RATE) * 1000 - Date.now()));
  const carrier = setup.carriers[i % setup.carriers.length]!;
  const answer = await place('/api/v1/orders', `chaos-order-${i}`, {
    partnerId: carrier.partnerId,
    productCode: 'ETH-100',
    bandwidthMbps: 100,
    deskReference: `CHAOS-${i}`,
    requestedCompletionDate: '2099-01-01',
    site: { countryCode: 'GB', postcode: 'SW1A 1AA', line1: '1 Chaos Street', city: 'London' },
    contact,
  });
  if (answer.id) accepted.order.add(answer.id);
  else refused.push(answer.status);
  if (i % 200 === 199) log(`  ${i + 1} orders answered`);
});

// Tickets on delivered orders, one a second from the first delivery, alternating carriers.
const delivered = db.$client.prepare("select id from orders where state = 'completed' and partner_id = ? limit ?");
const raising = (async () => {
  const used = new Set<string>();
  for (let k = 0; k < TICKETS;) {
    const partnerId = setup.carriers[k % setup.carriers.length]!.partnerId;
    const orderId = (delivered.all(partnerId, TICKETS) as { id: string }[]).find((o) => !used.has(o.id))?.id;
    if (!orderId) {
      await sleep(1_000);
      continue;
    }
    used.add(orderId);
    const answer = await place('/api/v1/tickets', `chaos-ticket-${k}`, {
      orderId,
      deskReference: `CHAOS-INC-${k}`,
      severity: 'critical',
      priority: 1,
      impact: 'Site down',
      description: 'Loss of light on the NTE',
      contact,
    });
    if (answer.id) accepted.ticket.add(answer.id);
    else refused.push(answer.status);
    k += 1;
    await sleep(1_000);
  }
})();
await Promise.all([placing, raising, killing]);
const loadEnd = Date.now();
log(
  `load done in ${round((loadEnd - runStart) / 1000, 0)} s: ${accepted.order.size} orders, ${accepted.ticket.size} tickets accepted; draining`,
);

// Drain: every order delivered, every ticket resolved, every clock's outcome recorded (or the deadline).
const expectedOutcomes = 2 * (accepted.order.size + accepted.ticket.size);
const progress = db.$client.prepare(
  `select (select count(*) from orders where state = 'completed') as orders,
          (select count(*) from tickets where status in ('resolved', 'closed')) as tickets,
          (select count(*) from clock_outcomes) as outcomes`,
);
for (let nextLog = 0; Date.now() < loadEnd + DRAIN_MS; await sleep(2_000)) {
  const p = progress.get() as { orders: number; tickets: number; outcomes: number };
  if (p.orders >= accepted.order.size && p.tickets >= accepted.ticket.size && p.outcomes >= expectedOutcomes) break;
  if (Date.now() >= nextLog) {
    log(`  ${p.orders} orders delivered, ${p.tickets} tickets resolved, ${p.outcomes}/${expectedOutcomes} outcomes`);
    nextLog = Date.now() + 20_000;
  }
}

const figures = chaosFigures({
  db,
  sims: setup.carriers.map((c) => c.sim),
  accepted,
  windows: procs.windows,
  graceMs: GRACE_MS,
  endedAt: Date.now(),
});
const bareLateness: number[] = [];
for (const [i, at] of bareInstants.entries()) {
  const [late] = await client.workflow.getHandle(`chaos-bare-${i}`).result();
  if (late !== undefined && !figures.inWindow(at)) bareLateness.push(late);
}
const baseline = spread(bareLateness);
const deliveries = db.$client.prepare('select status, count(*) as n from notifications group by status').all() as {
  status: string;
  n: number;
}[];

await client.connection.close();
for (const p of [procs.bareWorker, ...procs.workers, procs.api, procs.temporal]) await p.stop();
await setup.close();
db.$client.close();
if (args.keep) log(`kept ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });

const { inWindow: _, lateness, latenessSinceRestart, latenessByLastRestart, ...counts } = figures;
const result = {
  bench: 'chaos',
  case: 'kill -9 of API, worker and Temporal during load; carriers 30% 503, slow, duplicate and out-of-order events',
  workers: procs.workers.length,
  orders: { accepted: accepted.order.size, asked: ORDERS },
  tickets: { accepted: accepted.ticket.size, asked: TICKETS },
  refused: refused.length,
  ...counts,
  lateness_ms: lateness,
  lateness_ms_by_time_since_restart: latenessSinceRestart,
  lateness_ms_by_last_restarted_process: latenessByLastRestart,
  baseline_bare_timer_lateness_ms: { ...baseline, timers: bareLateness.length },
  p99_vs_baseline: round(figures.lateness.p99 / Math.max(baseline.p99, 1), 2),
  kill_windows: procs.windows.map((w) => ({ process: w.process, cause: w.cause, down_ms: w.to - w.from })),
  kill_window_grace_ms: GRACE_MS,
  notifications: Object.fromEntries(deliveries.map((d) => [d.status, d.n])),
  run_s: round((Date.now() - runStart) / 1000, 0),
  goals: GOALS,
  pass:
    figures.lost === GOALS.lost &&
    figures.sentTwice === GOALS.sentTwice &&
    figures.neverFired === GOALS.neverFired &&
    figures.wronglyCharged === GOALS.wronglyCharged &&
    figures.lateness.p99 < GOALS.latenessP99MsMax,
};
console.log(JSON.stringify(result));
process.exit(0);
