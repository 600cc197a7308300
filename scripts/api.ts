import { loadEnv } from '../api/env.js';
import { createLogger } from '../api/logger.js';
import { closeDatabase } from '../db/client.js';
import { outboundGuard } from '../partners/adapters/outbound.js';
import { RETENTION_EVERY_MS, startQualificationRetention } from '../partners/directory/qualification-retention.js';
import { startHeartbeat } from '../tails/liveness.js';
import { RECONCILE_EVERY_MS, startReconciler } from '../tails/reconcile.js';
import { connectTemporal, createTailWorkflows } from '../workers/client.js';
import { startHttpServer } from './http-server.js';
import { openPlatformDatabase } from './platform-database.js';

/**
 * The API and dashboard alone (`npm run api`), beside workers started with `npm run worker`; needs TEMPORAL_ADDRESS.
 * It also runs the reconciler, which starts the workflow of any order or ticket a crash left without one.
 */
const env = loadEnv();
const log = createLogger(env.logLevel);
if (!env.temporal.address) {
  log.fatal('npm run api needs TEMPORAL_ADDRESS (the cluster its workers poll); npm start runs an embedded one');
  process.exit(2);
}
const db = await openPlatformDatabase(env, log);
const client = await connectTemporal(env.temporal.address, env.temporal.namespace, env.temporal.security);
const workflows = createTailWorkflows(client);
const outbound = outboundGuard(env.outboundAllow);
const { server } = await startHttpServer(
  { db, log, now: () => new Date(), workflows, outbound, financeTimeZone: env.financeTimeZone },
  { port: env.port, host: env.host, log },
);
const reconciler = startReconciler({ db, log, now: () => new Date(), workflows, everyMs: RECONCILE_EVERY_MS });
// Tailgate's own uptime, so a carrier's claimed stop time may reach back over spans it could not receive.
const heartbeat = startHeartbeat({ db, log, now: () => new Date() });
const retention = startQualificationRetention({
  db,
  log,
  now: () => new Date(),
  retentionDays: env.qualificationRetentionDays,
  everyMs: RETENTION_EVERY_MS,
});

async function stop(signal: string) {
  log.info({ signal }, 'shutting down');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await reconciler.stop();
  await retention.stop();
  heartbeat.stop();
  await client.connection.close();
  closeDatabase(db);
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(signal));
