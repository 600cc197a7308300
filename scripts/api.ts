import { loadEnv } from '../api/env.js';
import { createLogger } from '../api/logger.js';
import { closeStore } from '../db/client.js';
import { outboundGuard } from '../partners/adapters/outbound.js';
import { connectTemporal, createTailWorkflows } from '../workers/client.js';
import { startApiDuties } from './api-duties.js';
import { configureEscalationChannelsFrom } from './escalation-senders.js';
import { platformDeps, startHttpServer } from './http-server.js';
import { openPlatformDatabase } from './platform-database.js';

/**
 * The API and dashboard alone (`npm run api`), beside workers started with `npm run worker`; needs TEMPORAL_ADDRESS.
 * It also runs the reconciler, which starts the workflow of any order or ticket a crash left without one.
 */
const env = loadEnv();
configureEscalationChannelsFrom(env);
const log = createLogger(env.logLevel);
if (!env.temporal.address) {
  log.fatal('npm run api needs TEMPORAL_ADDRESS (the cluster its workers poll); npm start runs an embedded one');
  process.exit(2);
}
const db = await openPlatformDatabase(env, log);
const client = await connectTemporal(env.temporal.address, env.temporal.namespace, env.temporal.security);
const workflows = createTailWorkflows(client);
const outbound = outboundGuard(env.outboundAllow);
const { server } = await startHttpServer(platformDeps(env, { db, log, workflows, outbound }), {
  port: env.port,
  host: env.host,
  log,
});
const duties = await startApiDuties({ db, log, env, workflows });

async function stop(signal: string) {
  log.info({ signal }, 'shutting down');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await duties.stop();
  await client.connection.close();
  await closeStore(db);
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(signal));
