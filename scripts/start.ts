import { ensureAdminKey } from '../api/bootstrap.js';
import { loadEnv } from '../api/env.js';
import { createLogger } from '../api/logger.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { outboundGuard } from '../partners/adapters/outbound.js';
import { sweepCoverageImports } from '../partners/directory/coverage-sweep.js';
import { sweepReportDrafts } from '../reports/index.js';
import { productionActivityDeps } from '../workers/activity-deps.js';
import { connectTemporal, createTailWorkflows } from '../workers/client.js';
import { ensureMonthlyReportSchedule } from '../workers/report-schedule.js';
import { createWorker } from '../workers/worker.js';
import { startDemoCarriers } from './demo-carriers.js';
import { startHttpServer } from './http-server.js';
import { temporalFor } from './temporal-connection.js';

/** `npm start`: Temporal (embedded dev server unless TEMPORAL_ADDRESS), the worker, the API, and demo carriers. */
const env = loadEnv();
const log = createLogger(env.logLevel);
const db = openDatabase(env.databasePath);
log.info({ database: env.databasePath }, 'database ready (migrations applied)');
ensureAdminKey(db, { adminApiKey: env.adminApiKey, dataDir: env.dataDir, log });
const swept = await sweepCoverageImports(db, { now: new Date() });
if (swept.failedVersionIds.length > 0)
  log.warn(swept, 'coverage imports left behind by a stopped process were failed and purged');
const reportsSwept = await sweepReportDrafts(db, new Date());
if (reportsSwept.purgedBuildIds.length > 0)
  log.info(reportsSwept, 'penalty report builds replaced or cut short were purged');

// Demo carriers first: they listen on this machine, and outbound calls may reach them (and only them) there.
const demo = env.demoCarriers ? await startDemoCarriers({ db, log }) : undefined;
const outbound = outboundGuard([...env.outboundAllow, ...(demo?.outboundAllow ?? [])]);

const temporal = await temporalFor(env, log, env.searchPath);
const client = await connectTemporal(temporal.address, env.temporal.namespace);
const { worker } = await createWorker({
  address: temporal.address,
  namespace: env.temporal.namespace,
  maxCachedWorkflows: env.temporal.maxCachedWorkflows,
  deps: {
    ...productionActivityDeps({
      db,
      log,
      publicBaseUrl: env.publicBaseUrl,
      partnerSecrets: env.partnerSecrets,
      outbound,
    }),
    financeTimeZone: env.financeTimeZone,
  },
});
const workerRun = worker.run();
await ensureMonthlyReportSchedule(client, { timeZone: env.financeTimeZone });
const { server } = await startHttpServer(
  {
    db,
    log,
    now: () => new Date(),
    workflows: createTailWorkflows(client),
    outbound,
    financeTimeZone: env.financeTimeZone,
  },
  { port: env.port, host: env.host, log },
);
let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  await demo?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  // The Temporal runtime starts draining on SIGINT/SIGTERM itself; shutting down twice throws.
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await client.connection.close();
  await temporal.server?.stop();
  closeDatabase(db);
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(signal));
