import { loadEnv } from '../api/env.js';
import { createLogger } from '../api/logger.js';
import { closeStore } from '../db/client.js';
import { outboundGuard } from '../partners/adapters/outbound.js';
import { productionActivityDeps } from '../workers/activity-deps.js';
import { connectTemporal, createTailWorkflows } from '../workers/client.js';
import { ensureMonthlyReportSchedule } from '../workers/report-schedule.js';
import { createWorker } from '../workers/worker.js';
import { configureEscalationChannelsFrom, escalationSenders } from './escalation-senders.js';
import { startDemoCarriers } from './demo/carriers.js';
import { runDemoDesk } from './demo/desk.js';
import { startApiDuties } from './api-duties.js';
import { platformDeps, startHttpServer } from './http-server.js';
import { openPlatformDatabase } from './platform-database.js';
import { temporalFor } from './temporal-connection.js';

/** `npm start`: Temporal (embedded dev server unless TEMPORAL_ADDRESS), the worker, the API, and demo carriers. */
const env = loadEnv();
configureEscalationChannelsFrom(env);
const log = createLogger(env.logLevel);
const db = await openPlatformDatabase(env, log);

// Demo carriers first: they listen on this machine, and outbound calls may reach them (and only them) there.
const demo = env.demoCarriers ? await startDemoCarriers({ db, log, financeTimeZone: env.financeTimeZone }) : undefined;
const outbound = outboundGuard([...env.outboundAllow, ...(demo?.outboundAllow ?? [])]);

const temporal = await temporalFor(env, log, env.searchPath);
const client = await connectTemporal(temporal.address, env.temporal.namespace, temporal.security);
const senders = escalationSenders(env);
const { worker } = await createWorker({
  address: temporal.address,
  security: temporal.security,
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
    ...senders,
  },
});
const workerRun = worker.run();
await ensureMonthlyReportSchedule(client, { timeZone: env.financeTimeZone });
const workflows = createTailWorkflows(client);
const { server, url } = await startHttpServer(platformDeps(env, { db, log, workflows, outbound }), {
  port: env.port,
  host: env.host,
  log,
});
const duties = await startApiDuties({ db, log, env, workflows });
const desk = demo && runDemoDesk({ db, log, url, partnerIds: demo.partnerIds });
let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  await desk;
  await demo?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await duties.stop();
  // The Temporal runtime starts draining on SIGINT/SIGTERM itself; shutting down twice throws.
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await client.connection.close();
  await temporal.server?.stop();
  senders.mailer?.close();
  await closeStore(db);
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(signal));
