import type { Db } from '../../db/client.js';
import { entitiesInJeopardy, factsForEntity } from '../../db/repositories/sla-facts.js';
import { computeClocks } from '../../sla-rules/clocks.js';
import type { Clock } from '../../sla-rules/types.js';
import type { SlaContext } from './context.js';

export type AtRisk = {
  entityType: 'order' | 'ticket';
  entityId: string;
  partnerId: string;
  /** The running clock closest to breach. */
  clock: Clock;
  timeToBreachMs: number;
  /** Our thresholds reached on that clock, and whether the carrier declared jeopardy itself. */
  thresholdsReached: number[];
  carrierDeclared: boolean;
};

const open = (c: Clock) => (c.state === 'running' || c.state === 'paused') && c.dueAt !== null;

/**
 * Open orders and tickets at risk: a running (or paused) clock past a jeopardy threshold, or a carrier-declared
 * jeopardy, and no breach yet on it. Sorted by time to breach, soonest first.
 */
export function jeopardyBoard(
  db: Db,
  opts: { now: Date; partnerId?: string | undefined; contextOf: (entityType: 'order' | 'ticket', id: string) => SlaContext | null },
): AtRisk[] {
  const items: AtRisk[] = [];
  for (const { entityType, entityId } of entitiesInJeopardy(db, opts.partnerId)) {
    const context = opts.contextOf(entityType, entityId);
    if (!context) continue;
    const clocks = computeClocks({ ...context, now: opts.now.getTime() }).filter(open);
    const carrierDeclared = factsForEntity(db, entityType, entityId).some((f) => f.kind === 'carrierJeopardy');
    const atRisk = clocks.filter((c) => carrierDeclared || c.jeopardy.some((j) => j.reached));
    const soonest = atRisk.sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!))[0];
    if (!soonest) continue;
    items.push({
      entityType,
      entityId,
      partnerId: context.owner.partnerId,
      clock: soonest,
      timeToBreachMs: Date.parse(soonest.dueAt!) - opts.now.getTime(),
      thresholdsReached: soonest.jeopardy.filter((j) => j.reached).map((j) => j.threshold),
      carrierDeclared,
    });
  }
  return items.sort((a, b) => a.timeToBreachMs - b.timeToBreachMs);
}
