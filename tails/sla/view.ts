import type { Db } from '../../db/client.js';
import { factsForEntity, type SlaFactRow } from '../../db/repositories/sla-facts.js';
import { computeClocks } from '../../sla-rules/clocks.js';
import { explainClock } from '../../sla-rules/explain.js';
import type { Clock } from '../../sla-rules/types.js';
import { orderSlaContext, ticketSlaContext, type SlaContext } from './context.js';

/** A clock with the instants it used and why, as people read it (API, dashboard). */
export type ExplainedClock = Clock & { explanation: string };

export type SlaView = {
  entityType: 'order' | 'ticket';
  entityId: string;
  policy: { id: string; policyId: string; version: number; effectiveFrom: string } | null;
  clocks: ExplainedClock[];
  facts: SlaFactRow[];
};

export async function slaViewOf(
  db: Db,
  context: SlaContext | null,
  entityType: 'order' | 'ticket',
  entityId: string,
  now: Date,
): Promise<SlaView> {
  return {
    entityType,
    entityId,
    policy: context
      ? {
          id: context.policy.id,
          policyId: context.policyId,
          version: context.policy.version,
          effectiveFrom: context.policy.effectiveFrom,
        }
      : null,
    clocks: context
      ? computeClocks({ ...context, now: now.getTime() }).map((c) => ({ ...c, explanation: explainClock(c) }))
      : [],
    facts: await factsForEntity(db, entityType, entityId),
  };
}

/** Every clock of an order as of `now`, under the policy version it was placed under, with the facts recorded. */
export const orderSlaView = async (db: Db, orderId: string, now: Date) =>
  await slaViewOf(db, await orderSlaContext(db, orderId), 'order', orderId, now);

/** Every clock of a ticket as of `now`, under the policy version it was raised under, with the facts recorded. */
export const ticketSlaView = async (db: Db, ticketId: string, now: Date) =>
  await slaViewOf(db, await ticketSlaContext(db, ticketId), 'ticket', ticketId, now);
