import { loadEnv } from '../api/env.js';
import { createLogger } from '../api/logger.js';
import { closeStore, openStore } from '../db/client.js';
import { outboundGuard } from '../partners/adapters/outbound.js';
import { configureEscalationChannelsFrom, escalationSenders } from './escalation-senders.js';
import { productionActivityDeps } from '../workers/activity-deps.js';
import { connectTemporal } from '../workers/client.js';
import { ensureMonthlyReportSchedule } from '../workers/report-schedule.js';
import { createWorker } from '../workers/worker.js';

/** The worker alone (`npm run worker`), so API and workers scale separately. Needs TEMPORAL_ADDRESS. */
const env = loadEnv();
configureEscalationChannelsFrom(env);
const log = createLogger(env.logLevel);
if (!env.temporal.address) {
  log.fatal('npm run worker needs TEMPORAL_ADDRESS (the cluster to poll); npm start runs an embedded one');
  process.exit(2);
}
const db = await openStore(env);
const senders = escalationSenders(env);
const { worker } = await createWorker({
  address: env.temporal.address,
  security: env.temporal.security,
  namespace: env.temporal.namespace,
  maxCachedWorkflows: env.temporal.maxCachedWorkflows,
  deps: {
    ...productionActivityDeps({
      db,
      log,
      publicBaseUrl: env.publicBaseUrl,
      partnerSecrets: env.partnerSecrets,
      outbound: outboundGuard(env.outboundAllow),
    }),
    financeTimeZone: env.financeTimeZone,
    ...senders,
  },
});
// Idempotent: every worker makes sure the monthly penalty report schedule exists (and has the current time zone).
const client = await connectTemporal(env.temporal.address, env.temporal.namespace, env.temporal.security);
await ensureMonthlyReportSchedule(client, { timeZone: env.financeTimeZone });
await client.connection.close();
// The Temporal runtime starts draining on SIGINT/SIGTERM itself; shutting down twice throws.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => worker.getState() === 'RUNNING' && worker.shutdown());
}
log.info({ address: env.temporal.address }, 'worker polling');
await worker.run();
senders.mailer?.close();
await closeStore(db);
