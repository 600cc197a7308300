import type { Logger } from 'pino';
import { ensureAdminKey } from '../api/bootstrap.js';
import type { Env } from '../api/env.js';
import { type Db, openStore, storeLocation } from '../db/client.js';
import { sweepCoverageImports } from '../partners/directory/coverage-sweep.js';
import { sweepReportDrafts } from '../reports/index.js';

/**
 * The database an API process starts on (npm start, npm run api): migrated, with an admin key, and without what a
 * stopped process left half-built (coverage imports, penalty report drafts).
 */
export async function openPlatformDatabase(env: Env, log: Logger): Promise<Db> {
  const db = await openStore(env);
  log.info({ database: storeLocation(env) }, 'database ready (migrations applied)');
  await ensureAdminKey(db, { adminApiKey: env.adminApiKey, dataDir: env.dataDir, log });
  const swept = await sweepCoverageImports(db, { now: new Date() });
  if (swept.failedVersionIds.length > 0)
    log.warn(swept, 'coverage imports left behind by a stopped process were failed and purged');
  const reportsSwept = await sweepReportDrafts(db, new Date());
  if (reportsSwept.purgedBuildIds.length > 0)
    log.info(reportsSwept, 'penalty report builds replaced or cut short were purged');
  return db;
}
