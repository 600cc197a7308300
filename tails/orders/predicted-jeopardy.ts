import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { storedDeliveryCurves } from '../../db/repositories/delivery-curves.js';
import { startPeriodicDuty } from '../../db/duty-lock.js';
import { factsForEntity, recordSlaFacts } from '../../db/repositories/sla-facts.js';
import { deliveryCurveChooser } from '../../partners/performance/delivery-estimates.js';
import { pendingDestinations } from '../notify/dispatch.js';
import { createNotificationsForFact } from '../notify/fan-out.js';
import type { TailWorkflows } from '../workflows.js';
import { orderDeliveryRisk, type DeliveryRisk } from './delivery-risk.js';
import { forEachOpenOrder } from '../open-entities.js';

/** How often an API process looks for orders predicted late (one process at a time on PostgreSQL). */
export const PREDICTED_JEOPARDY_EVERY_MS = 15 * 60_000;

type SweepDeps = { db: Db; now: () => Date; workflows: Pick<TailWorkflows, 'deliverTo'> };

/**
 * Records a predictedJeopardy fact (once per order and OLA, its threshold the level in percent) for each open order
 * whose chance of delivery by its delivery clock's due instant is below `level`, and sends it where jeopardy goes
 * (subscribed webhooks, the first escalation level, a TMF622 v5 carrier as a ProductOrderJeopardyAlertEvent).
 */
export async function sweepPredictedJeopardy(
  deps: SweepDeps,
  level: number,
): Promise<{ orders: number; predicted: number }> {
  const { db } = deps;
  const choose = deliveryCurveChooser(await storedDeliveryCurves(db));
  const threshold = Math.round(level * 100);
  let orders = 0;
  let predicted = 0;
  await forEachOpenOrder(db, async (id) => {
    orders += 1;
    const now = deps.now();
    const risk = await orderDeliveryRisk(db, id, now, choose);
    if (risk?.onTimeProbability == null || risk.onTimeProbability >= level) return;
    if (await recordPrediction(deps, id, risk, threshold, now)) predicted += 1;
  });
  return { orders, predicted };
}

/** Records the order's predicted jeopardy unless it was, and wakes its notifications' queues; whether it was new. */
async function recordPrediction(
  deps: SweepDeps,
  orderId: string,
  risk: DeliveryRisk,
  threshold: number,
  now: Date,
): Promise<boolean> {
  const { db } = deps;
  const known = await factsForEntity(db, 'order', orderId);
  if (known.some((f) => f.kind === 'predictedJeopardy' && f.olaId === risk.olaId)) return false;
  const [fact] = await recordSlaFacts(db, [
    {
      entityType: 'order',
      entityId: orderId,
      partnerId: risk.partnerId,
      olaId: risk.olaId,
      metric: risk.metric,
      policyVersion: risk.policyVersion,
      kind: 'predictedJeopardy',
      threshold,
      at: now.toISOString(),
      dueAt: risk.dueAt,
      detectedAt: now.toISOString(),
      detail:
        `P(delivered by ${risk.dueAt}) = ${risk.onTimeProbability} after ${risk.workingDaysWaited} of ` +
        `${risk.workingDaysToDue} working days, below ${threshold}%: from ${risk.basis?.completions} deliveries ` +
        `of ${risk.basis?.observations} orders (${risk.basis?.scope})`,
    },
  ]);
  const destinations = pendingDestinations(await createNotificationsForFact(db, fact!, now));
  if (destinations.length > 0) await deps.workflows.deliverTo(destinations);
  return true;
}

/** Sweeps now and every `everyMs` until stopped (one process at a time on PostgreSQL); logs what it predicted. */
export function startPredictedJeopardy(deps: SweepDeps & { log: Logger; level: number; everyMs: number }): {
  stop(): Promise<void>;
} {
  return startPeriodicDuty({
    db: deps.db,
    duty: 'predicted-jeopardy',
    everyMs: deps.everyMs,
    round: () => sweepPredictedJeopardy(deps, deps.level),
    done: (found) => {
      if (found && found.predicted > 0) deps.log.info(found, 'orders predicted late');
    },
    failed: (err) => deps.log.warn({ err }, 'predicted jeopardy sweep failed; the next one tries again'),
  });
}
