import type { Logger } from 'pino';
import type { Env } from '../api/env.js';
import type { Db } from '../db/client.js';
import { startPerformanceRefresh } from '../partners/performance/performance-refresh.js';
import { PERFORMANCE_REFRESH_EVERY_MS } from '../partners/performance/measured-conformance.js';
import { RETENTION_EVERY_MS, startQualificationRetention } from '../partners/directory/qualification-retention.js';
import { PREDICTED_JEOPARDY_EVERY_MS, startPredictedJeopardy } from '../tails/orders/predicted-jeopardy.js';
import { startHeartbeat } from '../tails/liveness.js';
import { RECONCILE_EVERY_MS, startReconciler } from '../tails/reconcile.js';
import type { TailWorkflows } from '../tails/workflows.js';

/**
 * What every API process runs beside serving (npm start, npm run api): the reconciler (workflows a crash left
 * unstarted, keys left in progress), the liveness heartbeat (Tailgate's own uptime, so a carrier's claimed stop time
 * may reach back over spans it could not receive), the qualification retention sweep, the refresh of partners'
 * measured performance (ranking, delivery estimates) and the sweep for orders predicted late.
 */
export async function startApiDuties(deps: { db: Db; log: Logger; env: Env; workflows: TailWorkflows }): Promise<{
  stop(): Promise<void>;
}> {
  const { db, log } = deps;
  const now = () => new Date();
  const reconciler = startReconciler({ db, log, now, workflows: deps.workflows, everyMs: RECONCILE_EVERY_MS });
  const heartbeat = await startHeartbeat({ db, log, now });
  const retention = startQualificationRetention({
    db,
    log,
    now,
    retentionDays: deps.env.qualificationRetentionDays,
    everyMs: RETENTION_EVERY_MS,
  });
  const performance = startPerformanceRefresh({
    db,
    log,
    now,
    settings: deps.env.conformance,
    everyMs: PERFORMANCE_REFRESH_EVERY_MS,
  });
  const predicted = startPredictedJeopardy({
    db,
    log,
    now,
    workflows: deps.workflows,
    level: deps.env.predictedJeopardyBelow,
    everyMs: PREDICTED_JEOPARDY_EVERY_MS,
  });
  return {
    async stop() {
      await reconciler.stop();
      await predicted.stop();
      await retention.stop();
      await performance.stop();
      await heartbeat.stop();
    },
  };
}
