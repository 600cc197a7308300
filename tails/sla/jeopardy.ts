import type { Db } from '../../db/client.js';
import { storedDeliveryCurves } from '../../db/repositories/delivery-curves.js';
import { getOrder } from '../../db/repositories/orders.js';
import { entitiesInJeopardy, factsForEntity } from '../../db/repositories/sla-facts.js';
import { deliveryCurveChooser } from '../../partners/performance/delivery-estimates.js';
import { riskOfOrder, type CurveChooser } from '../orders/delivery-risk.js';
import { computeClocks } from '../../sla-rules/clocks.js';
import { explainClock } from '../../sla-rules/explain.js';
import type { Clock } from '../../sla-rules/types.js';
import type { SlaContext } from './context.js';
import type { ExplainedClock } from './view.js';

export type AtRisk = {
  entityType: 'order' | 'ticket';
  entityId: string;
  partnerId: string;
  /** The running clock closest to breach. */
  clock: ExplainedClock;
  timeToBreachMs: number;
  /** Our thresholds reached on that clock, and whether the carrier declared jeopardy itself. */
  thresholdsReached: number[];
  carrierDeclared: boolean;
  /** Whether a predictedJeopardy was recorded on that clock's OLA (from delivery history). */
  predicted: boolean;
  /** An order's chance of delivery by its delivery clock's due instant (deliveryRisk); null for tickets, or unknown. */
  onTimeProbability: number | null;
};

const open = (c: Clock) => (c.state === 'running' || c.state === 'paused') && c.dueAt !== null;

type BoardOptions = {
  now: Date;
  partnerId?: string | undefined;
  contextOf: (entityType: 'order' | 'ticket', id: string) => Promise<SlaContext | null>;
  /**
   * Only the first `limit` (soonest breach): candidates are walked by recorded due instant and the walk stops early.
   */
  limit?: number | undefined;
  /** timeToBreach (default): soonest breach first; risk: lowest chance of delivery on time first, unknown last. */
  sort?: 'timeToBreach' | 'risk' | undefined;
};

/**
 * Open orders and tickets at risk: a running (or paused) clock past a jeopardy threshold, or a carrier-declared
 * jeopardy, a predicted one, and no breach yet on it. Sorted by time to breach, soonest first, or by risk. With a
 * limit, sorted by time to breach, the walk stops once that many are due no later than the next candidate's recorded
 * due instant (pauses only move a due instant later), so a page costs its own clocks rather than every clock at risk;
 * sorted by risk, every candidate is looked at.
 */
export async function jeopardyBoard(db: Db, opts: BoardOptions): Promise<AtRisk[]> {
  const items: AtRisk[] = [];
  const choose = deliveryCurveChooser(await storedDeliveryCurves(db));
  const byRisk = opts.sort === 'risk';
  for (const candidate of await entitiesInJeopardy(db, opts.partnerId)) {
    if (!byRisk && opts.limit !== undefined && candidate.dueKey !== '') {
      const bound = Date.parse(candidate.dueKey);
      if (items.filter((i) => Date.parse(i.clock.dueAt!) <= bound).length >= opts.limit) break;
    }
    const item = await atRiskOf(db, candidate.entityType, candidate.entityId, opts, choose);
    if (item) items.push(item);
  }
  const chance = (i: AtRisk) => i.onTimeProbability ?? Number.POSITIVE_INFINITY;
  items.sort((a, b) => (byRisk ? chance(a) - chance(b) : 0) || a.timeToBreachMs - b.timeToBreachMs);
  return opts.limit === undefined ? items : items.slice(0, opts.limit);
}

async function atRiskOf(
  db: Db,
  entityType: 'order' | 'ticket',
  entityId: string,
  opts: BoardOptions,
  choose: CurveChooser,
): Promise<AtRisk | undefined> {
  const context = await opts.contextOf(entityType, entityId);
  if (!context) return undefined;
  const clocks = computeClocks({ ...context, now: opts.now.getTime() }).filter(open);
  const facts = await factsForEntity(db, entityType, entityId);
  const carrierDeclared = facts.some((f) => f.kind === 'carrierJeopardy');
  const predicted = new Set(facts.filter((f) => f.kind === 'predictedJeopardy').map((f) => f.olaId));
  const atRisk = clocks.filter((c) => carrierDeclared || predicted.has(c.olaId) || c.jeopardy.some((j) => j.reached));
  const soonest = atRisk.sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!))[0];
  if (!soonest) return undefined;
  const order = entityType === 'order' ? await getOrder(db, entityId) : undefined;
  const risk = order ? await riskOfOrder(db, order, context, clocks, opts.now, choose) : null;
  return {
    entityType,
    entityId,
    partnerId: context.owner.partnerId,
    clock: { ...soonest, explanation: explainClock(soonest) },
    timeToBreachMs: Date.parse(soonest.dueAt!) - opts.now.getTime(),
    thresholdsReached: soonest.jeopardy.filter((j) => j.reached).map((j) => j.threshold),
    carrierDeclared,
    predicted: predicted.has(soonest.olaId),
    onTimeProbability: risk?.onTimeProbability ?? null,
  };
}
