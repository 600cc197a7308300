import type { Db } from '../../db/client.js';
import { getOrder, orderTimeline } from '../../db/repositories/orders.js';
import { getTicket, ticketTimeline } from '../../db/repositories/tickets.js';
import type { Policy, ResolvedCalendar, SlaEntity, SlaEvent } from '../../sla-rules/types.js';
import { orderSlaEvents } from '../orders/sla-events.js';
import { ticketSlaEvents } from '../tickets/sla-events.js';
import type { StoredPolicy } from '../../db/repositories/ola-policies.js';
import { cachedPolicy, policyCalendars } from './policy-cache.js';

/** What it takes to compute an entity's clocks: the policy version it was placed under, calendars, entity, events. */
export type SlaContext = {
  owner: { entityType: 'order' | 'ticket'; entityId: string; partnerId: string };
  policy: Policy;
  policyId: string;
  calendars: Record<string, ResolvedCalendar>;
  entity: SlaEntity;
  events: SlaEvent[];
};

const yearOf = (instant: string) => Number(instant.slice(0, 4));

/** A policy version to measure under instead of the one the order or ticket was placed under (a what-if's draft). */
export type PolicyOverride = Pick<StoredPolicy, 'id' | 'document'>;

/**
 * An order's SLA context, or null when its partner had no OLA policy when it was placed. With `policy`, the order
 * is measured under that version instead (a what-if: it need not be stored, nor be the partner's at the time).
 */
export async function orderSlaContext(db: Db, orderId: string, policy?: PolicyOverride): Promise<SlaContext | null> {
  const order = await getOrder(db, orderId);
  const stored = policy ?? (order?.policyId ? await cachedPolicy(db, order.policyId) : undefined);
  if (!order || !stored) return null;
  return {
    owner: { entityType: 'order', entityId: orderId, partnerId: order.partnerId },
    policy: stored.document,
    policyId: stored.id,
    calendars: policyCalendars(stored, yearOf(order.createdAt)),
    entity: {
      kind: 'order',
      product: order.productCode,
      action: order.action,
      leadTimeDays: order.leadTimeDays ?? undefined,
    },
    events: orderSlaEvents(await orderTimeline(db, orderId)),
  };
}

/**
 * A ticket's SLA context (OLAs for its priority, as P1..P4, and its order's product), or null without a policy;
 * `policy` as for orderSlaContext.
 */
export async function ticketSlaContext(db: Db, ticketId: string, policy?: PolicyOverride): Promise<SlaContext | null> {
  const ticket = await getTicket(db, ticketId);
  const stored = policy ?? (ticket?.policyId ? await cachedPolicy(db, ticket.policyId) : undefined);
  if (!ticket || !stored) return null;
  return {
    owner: { entityType: 'ticket', entityId: ticketId, partnerId: ticket.partnerId },
    policy: stored.document,
    policyId: stored.id,
    calendars: policyCalendars(stored, yearOf(ticket.createdAt)),
    entity: {
      kind: 'ticket',
      priority: `P${ticket.priority}`,
      product: (await getOrder(db, ticket.orderId))?.productCode,
    },
    events: ticketSlaEvents(await ticketTimeline(db, ticketId)),
  };
}
