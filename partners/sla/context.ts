import type { Db } from '../../db/client.js';
import { getPolicyById } from '../../db/repositories/ola-policies.js';
import { getOrder, orderTimeline } from '../../db/repositories/orders.js';
import { getTicket, ticketTimeline } from '../../db/repositories/tickets.js';
import { resolvePolicyCalendars } from '../../sla-rules/holidays.js';
import type { Policy, ResolvedCalendar, SlaEntity, SlaEvent } from '../../sla-rules/types.js';
import { orderSlaEvents } from '../orders/sla-events.js';
import { ticketSlaEvents } from '../tickets/sla-events.js';

/** What it takes to compute an entity's clocks: the policy version it was placed under, calendars, entity, events. */
export type SlaContext = {
  owner: { entityType: 'order' | 'ticket'; entityId: string; partnerId: string };
  policy: Policy;
  policyId: string;
  calendars: Record<string, ResolvedCalendar>;
  entity: SlaEntity;
  events: SlaEvent[];
};

const calendarCache = new Map<string, Record<string, ResolvedCalendar>>();
/** Stored policy versions are never edited (a change is a new version), so each is parsed once, by its random id. */
const policyCache = new Map<string, NonNullable<ReturnType<typeof getPolicyById>>>();

function storedPolicy(db: Db, policyId: string) {
  let stored = policyCache.get(policyId);
  if (!stored) {
    stored = getPolicyById(db, policyId);
    if (!stored) return undefined;
    if (policyCache.size > 500) policyCache.clear();
    policyCache.set(policyId, stored);
  }
  return stored;
}

/** Public holidays expanded for the placement year and two more (date-holidays is no workflow code), cached. */
function calendarsFor(policyId: string, policy: Policy, placedAt: string): Record<string, ResolvedCalendar> {
  const year = Number(placedAt.slice(0, 4));
  const key = `${policyId}:${year}`;
  let calendars = calendarCache.get(key);
  if (!calendars) {
    calendars = resolvePolicyCalendars(policy, year, year + 2);
    if (calendarCache.size > 500) calendarCache.clear();
    calendarCache.set(key, calendars);
  }
  return calendars;
}

/** An order's SLA context, or null when its partner had no OLA policy when it was placed. */
export function orderSlaContext(db: Db, orderId: string): SlaContext | null {
  const order = getOrder(db, orderId);
  if (!order?.policyId) return null;
  const stored = storedPolicy(db, order.policyId);
  if (!stored) return null;
  return {
    owner: { entityType: 'order', entityId: orderId, partnerId: order.partnerId },
    policy: stored.document,
    policyId: stored.id,
    calendars: calendarsFor(stored.id, stored.document, order.createdAt),
    entity: { kind: 'order', product: order.productCode, leadTimeDays: order.leadTimeDays ?? undefined },
    events: orderSlaEvents(orderTimeline(db, orderId)),
  };
}

/** A ticket's SLA context (OLAs for its priority, as P1..P4, and its order's product), or null without a policy. */
export function ticketSlaContext(db: Db, ticketId: string): SlaContext | null {
  const ticket = getTicket(db, ticketId);
  if (!ticket?.policyId) return null;
  const stored = storedPolicy(db, ticket.policyId);
  if (!stored) return null;
  return {
    owner: { entityType: 'ticket', entityId: ticketId, partnerId: ticket.partnerId },
    policy: stored.document,
    policyId: stored.id,
    calendars: calendarsFor(stored.id, stored.document, ticket.createdAt),
    entity: { kind: 'ticket', priority: `P${ticket.priority}`, product: getOrder(db, ticket.orderId)?.productCode },
    events: ticketSlaEvents(ticketTimeline(db, ticketId)),
  };
}
