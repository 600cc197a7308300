import type { Db } from '../../db/client.js';
import { factsForEntity, type SlaFactRow } from '../../db/repositories/sla-facts.js';
import { computeClocks } from '../../sla-rules/clocks.js';
import { explainClock } from '../../sla-rules/explain.js';
import type { Clock } from '../../sla-rules/types.js';
import { getOrder } from '../../db/repositories/orders.js';
import { riskOfOrder, type DeliveryRisk } from '../orders/delivery-risk.js';
import { orderSlaContext, ticketSlaContext, type SlaContext } from './context.js';

/** A clock with the instants it used and why, as people read it (API, dashboard). */
export type ExplainedClock = Clock & { explanation: string };

export type SlaView = {
  entityType: 'order' | 'ticket';
  entityId: string;
  policy: { id: string; policyId: string; version: number; effectiveFrom: string } | null;
  clocks: ExplainedClock[];
  facts: SlaFactRow[];
  /** An open order's chance of delivery by its delivery clock's due instant; null for tickets and other orders. */
  deliveryRisk: DeliveryRisk | null;
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
    deliveryRisk: null,
  };
}

/**
 * Every clock of an order as of `now`, under the policy version it was placed under, with the facts recorded and,
 * while it is open, its chance of delivery on time.
 */
export async function orderSlaView(db: Db, orderId: string, now: Date): Promise<SlaView> {
  const context = await orderSlaContext(db, orderId);
  const view = await slaViewOf(db, context, 'order', orderId, now);
  const order = await getOrder(db, orderId);
  const deliveryRisk = context && order ? await riskOfOrder(db, order, context, view.clocks, now) : null;
  return { ...view, deliveryRisk };
}

/** Every clock of a ticket as of `now`, under the policy version it was raised under, with the facts recorded. */
export const ticketSlaView = async (db: Db, ticketId: string, now: Date) =>
  await slaViewOf(db, await ticketSlaContext(db, ticketId), 'ticket', ticketId, now);
