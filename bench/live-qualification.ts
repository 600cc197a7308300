import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../db/client.js';
import { insertPartner, updatePartner } from '../db/repositories/partners.js';
import { PartnerCreateSchema } from '../openapi/partners.js';
import { qualifyGrouped } from '../partners/directory/qualification-service.js';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator } from '../partners/simulator/server.js';
import { seedCoverage } from '../test/support/coverage.js';
import { partnerInput } from '../test/support/factories.js';
import { benchStoreKind, openBenchStore } from './support/bench-store.js';
import { benchOutbound } from './support/outbound.js';
import { seededRandom } from './support/random.js';
import { percentile, round } from './support/stats.js';
import { randomUnit } from './support/uk-postcodes.js';

/**
 * `npm run bench -- live-qualification [--store sqlite|postgres] [--count 400] [--deadline 500]`: qualifications of
 * postcodes never asked before (so no kept live answer and no cached ranked answer: the realistic, cold case), 16 at a
 * time, through the qualification service with live qualification on, against three coverage-only partners and
 * simulated carriers over loopback HTTP:
 * - baseline: no partner qualifies live (the qualification path as it was before live qualification);
 * - live: one carrier that answers TMF679 at once;
 * - hanging: that carrier and one that answers after a minute, with the deadline `--deadline` ms.
 * Figures: latency p50/p99/max per phase, the live phase's p50 as a ratio to the baseline's, and how far past the
 * deadline the hanging phase's answers came (p99 and max overshoot): the goal is that a carrier that times out never
 * delays an answer beyond the deadline.
 */
const { values: args } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    count: { type: 'string', default: '400' },
    deadline: { type: 'string', default: '500' },
  },
});
const COUNT = Number(args.count);
const DEADLINE_MS = Number(args.deadline);
const CONCURRENCY = 16;
const log = (m: string) => process.stderr.write(`[bench live-qualification] ${m}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-bench-live-'));
const store = await openBenchStore(benchStoreKind(args.store), dir);
const db: Db = store.db;
const fast = await startSimulator({ profile: fastProfile });
const hanging = await startSimulator({ profile: { ...fastProfile, qualifyDelayMs: 60_000 } });
const now = new Date();

const partner = async (name: string, adapter: Record<string, unknown>) =>
  insertPartner(db, PartnerCreateSchema.parse(partnerInput({ name, status: 'active', adapter })), now);
for (const name of ['Coverage A', 'Coverage B', 'Coverage C']) {
  const p = await partner(name, { orderingApi: 'none' });
  await seedCoverage(db, p.id, [
    { location: 'SW', monthlyChargeMinor: 20_000 + name.length },
    { location: 'SW1A', productCode: 'ETH-1000', bandwidthMbps: 1000, monthlyChargeMinor: 70_000 },
  ]);
}
const liveAdapter = (baseUrl: string) => ({ orderingApi: 'none', qualificationApi: 'tmf679-v4', baseUrl });
const fastCarrier = await partner('Live Fast', liveAdapter(fast.apiRoot));
const hangingCarrier = await partner('Live Hanging', liveAdapter(hanging.apiRoot));
const setStatus = (id: string, status: 'active' | 'suspended') => updatePartner(db, id, { status }, new Date());

const random = seededRandom(5);
const asked = new Set<string>();
function unseenPostcode(): string {
  for (;;) {
    const postcode = randomUnit(random, `SW${1 + random.int(20)} ${random.int(10)}`);
    if (!asked.has(postcode)) {
      asked.add(postcode);
      return postcode;
    }
  }
}

const live = { connection: { secrets: new Map<string, string>(), outbound: benchOutbound }, deadlineMs: DEADLINE_MS };

async function phase(name: string) {
  const latencies = new Float64Array(COUNT);
  const outcomes: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < COUNT) {
      const i = next++;
      const request = {
        address: { countryCode: 'GB' as const, postcode: unseenPostcode() },
        productNeeds: { minBandwidthMbps: 100 },
      };
      const started = performance.now();
      const outcome = await qualifyGrouped(db, { request, requestedBy: 'bench', now: new Date(), live });
      latencies[i] = performance.now() - started;
      if (!outcome.ok) throw new Error(`qualification refused: ${JSON.stringify(outcome.errors)}`);
      for (const check of outcome.qualification.liveChecks)
        outcomes[`${check.partnerName}:${check.outcome}`] =
          (outcomes[`${check.partnerName}:${check.outcome}`] ?? 0) + 1;
    }
  };
  const wall = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - wall) / 1000;
  latencies.sort();
  const figures = {
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    maxMs: round(latencies[latencies.length - 1] ?? Number.NaN, 1),
    perSecond: round(COUNT / seconds, 1),
    liveOutcomes: outcomes,
  };
  log(`${name}: ${JSON.stringify(figures)}`);
  return figures;
}

try {
  await setStatus(fastCarrier.id, 'suspended');
  await setStatus(hangingCarrier.id, 'suspended');
  const baseline = await phase('baseline (no live carrier)');
  await setStatus(fastCarrier.id, 'active');
  const withLive = await phase('one live carrier answering at once');
  await setStatus(hangingCarrier.id, 'active');
  const withHanging = await phase(`plus one hanging a minute, deadline ${DEADLINE_MS} ms`);
  const result = {
    bench: 'live-qualification',
    store: store.kind,
    case: 'unseen postcodes (no kept answer, cold ranked-answer cache), 16 concurrent, loopback HTTP carriers',
    count: COUNT,
    deadlineMs: DEADLINE_MS,
    baseline,
    live: { ...withLive, p50RatioToBaseline: round(withLive.p50Ms / baseline.p50Ms, 2) },
    hanging: {
      ...withHanging,
      overshootP99Ms: round(withHanging.p99Ms - DEADLINE_MS, 1),
      overshootMaxMs: round(withHanging.maxMs - DEADLINE_MS, 1),
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await fast.close();
  await hanging.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
