import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Hono } from 'hono';
import pino from 'pino';
import { createHttpApp } from '../scripts/http-server.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { generateDraft, monthOf, previousMonth } from '../reports/index.js';
import { workflowsUnavailable } from '../workers/client.js';
import { seedDashboard } from './support/dashboard-seed.js';
import { percentile, round } from './support/stats.js';
import { benchOutbound } from './support/outbound.js';

/**
 * `npm run bench -- dashboard`: 100,000 orders (with jeopardy and breach facts and clock outcomes) seeded untimed
 * through the repositories into a fresh SQLite file, then the server time of each dashboard page (app.request with a
 * session cookie, body read to the end), against a bare hono route sending a static page of the same size in the
 * same run. Goal: the first page (the jeopardy board a desk lands on) under 200 ms.
 */
const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '100000' },
    partners: { type: 'string', default: '20' },
    iterations: { type: 'string', default: '40' },
  },
});
const ORDERS = Number(args.orders);
const ITERATIONS = Number(args.iterations);
const GOALS = { firstPageMaxMs: 200 };
const log = (message: string) => process.stderr.write(`[bench dashboard] ${message}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-bench-dashboard-'));
const db = openDatabase(path.join(dir, 'tailgate.db'));
const now = new Date('2026-11-20T12:00:00.000Z');
const timeZone = 'Europe/London';
let started = performance.now();
const seed = await seedDashboard(db, { orders: ORDERS, partners: Number(args.partners), now });
const lastMonth = previousMonth(now, timeZone);
await generateDraft(db, { month: lastMonth, timeZone, now, by: 'bench' });
log(
  `seeded ${JSON.stringify(seed.counts)} and the ${lastMonth} report in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const app = createHttpApp({
  db,
  log: pino({ level: 'silent' }),
  now: () => now,
  workflows: workflowsUnavailable,
  outbound: benchOutbound,
  financeTimeZone: timeZone,
});
async function cookieFor(key: string): Promise<string> {
  const res = await app.request('/sign-in', {
    method: 'POST',
    body: new URLSearchParams({ key }),
    headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}
const cookies = {
  desk: await cookieFor(seed.keys.desk),
  finance: await cookieFor(seed.keys.finance),
  partner: await cookieFor(seed.keys.partner),
};

const pages: Record<string, { url: string; cookie: string }> = {
  board: { url: '/', cookie: cookies.desk },
  orders: { url: '/orders', cookie: cookies.desk },
  ordersInProgress: { url: '/orders?state=inProgress', cookie: cookies.desk },
  ordersByReference: { url: '/orders?q=BENCH-050000', cookie: cookies.desk },
  orderDetail: { url: `/orders/${seed.sampleOrderId}`, cookie: cookies.desk },
  tickets: { url: '/tickets', cookie: cookies.desk },
  scorecards: {
    url: `/scorecards?partner=${seed.partnerIds[0]}&month=${monthOf(now, timeZone)}`,
    cookie: cookies.desk,
  },
  finance: { url: '/finance', cookie: cookies.finance },
  partnerBoard: { url: '/', cookie: cookies.partner },
  partnerOrders: { url: '/orders', cookie: cookies.partner },
};

async function time(
  fetchPage: () => Response | Promise<Response>,
): Promise<{ p50: number; p99: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < 3; i += 1) bytes = (await (await fetchPage()).text()).length; // warm up
  const samples = new Float64Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i += 1) {
    started = performance.now();
    const res = await fetchPage();
    await res.text();
    samples[i] = performance.now() - started;
    if (res.status !== 200) throw new Error(`page answered ${res.status}`);
  }
  samples.sort((a, b) => a - b);
  return { p50: round(percentile(samples, 50), 2), p99: round(percentile(samples, 99), 2), bytes };
}

const results: Record<string, { p50: number; p99: number; bytes: number; vsBare?: number; under200ms?: boolean }> = {};
for (const [name, page] of Object.entries(pages)) {
  results[name] = await time(() => app.request(page.url, { headers: { cookie: page.cookie } }));
  log(`${name}: p50 ${results[name]!.p50} ms, p99 ${results[name]!.p99} ms, ${results[name]!.bytes} bytes`);
}

// Baseline: a bare hono route sending the board's HTML as a static string, measured the same way.
const boardHtml = await (await app.request('/', { headers: { cookie: cookies.desk } })).text();
const bare = new Hono().get('/', (c) => c.html(boardHtml));
const baseline = await time(() => bare.request('/'));
for (const r of Object.values(results)) {
  r.vsBare = round(r.p50 / baseline.p50, 1);
  r.under200ms = r.p99 < GOALS.firstPageMaxMs;
}

closeDatabase(db);
fs.rmSync(dir, { recursive: true, force: true });
const firstPage = results.board!;
console.log(
  JSON.stringify({
    bench: 'dashboard',
    orders: seed.counts.orders,
    atRisk: seed.counts.atRisk,
    openBreached: seed.counts.openBreached,
    facts: seed.counts.facts,
    outcomes: seed.counts.outcomes,
    iterations: ITERATIONS,
    baseline: { name: "bare hono route, static page of the board's size", ...baseline },
    pages: results,
    goals: GOALS,
    goalMet: {
      firstPageUnder200ms: firstPage.p99 < GOALS.firstPageMaxMs,
      allPagesUnder200ms: Object.values(results).every((r) => r.under200ms),
    },
  }),
);
