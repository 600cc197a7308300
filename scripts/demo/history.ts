import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { recordSlaFacts } from '../../db/repositories/sla-facts.js';
import { appendOrderEvent, insertOrderWithEvent, type NewOrderEvent } from '../../db/repositories/orders.js';
import { appendTicketEvent, insertTicketWithEvent, type NewTicketEvent } from '../../db/repositories/tickets.js';
import type { StoredPolicy } from '../../db/repositories/ola-policies.js';
import { seededRandom, type Random } from '../../partners/simulator/random.js';
import { measureAt } from '../../reports/what-if/measure.js';
import { addBusinessTime, workingDaysDue } from '../../sla-rules/index.js';
import type { ResolvedCalendar } from '../../sla-rules/types.js';
import { orderSlaContext, ticketSlaContext } from '../../tails/sla/context.js';
import { policyCalendars } from '../../tails/sla/policy-cache.js';
import { dueFactRows, recordFinalOutcomes } from '../../tails/sla/record.js';

/** How a demo carrier behaved in its history: shares of orders and tickets that went wrong, and its pace. */
export type DemoQuality = {
  /** Working days to deliver when on time, at most the lead time. */
  deliveryDays: [number, number];
  lateDeliveryShare: number;
  lateAckShare: number;
  lateCommitShare: number;
  pendingShare: number;
  lateRestoreShare: number;
  ordersPerMonth: number;
  ticketsPerMonth: number;
};

export type DemoHistoryCarrier = {
  partnerId: string;
  code: string;
  policy: StoredPolicy;
  quality: DemoQuality;
  offer: { installMinor: number; monthlyMinor: number; currency: string; leadTimeDays: number };
};

const HOUR = 3_600_000;
const MINUTE = 60_000;
const site = { countryCode: 'GB' as const, postcode: 'SW1A 1AA', line1: '10 Downing Street', city: 'London' };
const contact = { name: 'Sam Patel', email: 'sam.patel@customer.example' };

type Step = { at: number; source: 'adapter' | 'listener'; type: string; toState?: string; committedDate?: string };

/**
 * Months of recorded history for the demo carriers, written as production records it: orders and tickets with the
 * events their carriers sent (placed, accepted, acknowledged, committed, paused, delivered; faults acknowledged,
 * restored, closed), then each one's clocks measured by the same sla-rules code as the clock watch (measure.ts) and
 * its jeopardy, breach facts and final outcomes recorded as the workflows record them. Every order and ticket is
 * finished (a history has no workflow to follow it). `months` full months before `now` plus the current month up to
 * a day before now.
 */
export async function seedDemoHistory(
  db: Db,
  log: Logger,
  carriers: DemoHistoryCarrier[],
  input: { now: Date; months: number },
): Promise<{ orders: number; tickets: number }> {
  const until = input.now.getTime() - 24 * HOUR;
  const from = Date.UTC(input.now.getUTCFullYear(), input.now.getUTCMonth() - input.months, 1);
  let orders = 0;
  let tickets = 0;
  for (const carrier of carriers) {
    const random = seededRandom([...carrier.code].reduce((h, ch) => Math.imul(h, 31) + ch.charCodeAt(0), 7));
    const calendar = policyCalendars(carrier.policy, input.now.getUTCFullYear())['uk-office']!;
    const delivered: { id: string; at: number }[] = [];
    const days = (until - from) / (24 * HOUR);
    const orderCount = Math.round((carrier.quality.ordersPerMonth * days) / 30);
    const placings = Array.from({ length: orderCount }, () => from + random.next() * (until - from - 40 * 24 * HOUR));
    for (const [i, at] of placings.sort((a, b) => a - b).entries()) {
      const placedAt = addBusinessTime(calendar, at, random.next() * 6 * HOUR, 'start');
      const result = await seedOrder(db, carrier, calendar, random, placedAt, `${carrier.code}-${1001 + i}`);
      if (result.completedAt && result.completedAt < until) delivered.push({ id: result.id, at: result.completedAt });
      orders += 1;
    }
    const ticketCount = Math.round((carrier.quality.ticketsPerMonth * days) / 30);
    for (let i = 0; i < ticketCount && delivered.length > 0; i++) {
      const on = delivered[Math.floor(random.next() * delivered.length)]!;
      const raisedAt = on.at + random.next() * (until - on.at - 12 * HOUR);
      if (raisedAt <= on.at) continue;
      await seedTicket(db, carrier, calendar, random, on.id, raisedAt, `INC-${carrier.code}-${2001 + i}`);
      tickets += 1;
    }
  }
  log.info({ orders, tickets, months: input.months }, 'demo history seeded');
  return { orders, tickets };
}

const iso = (ms: number) => new Date(ms).toISOString();
const between = (random: { next(): number }, [low, high]: [number, number]) => low + random.next() * (high - low);
const localDate = (calendar: ResolvedCalendar, at: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: calendar.timeZone }).format(new Date(at));

async function seedOrder(
  db: Db,
  carrier: DemoHistoryCarrier,
  calendar: ResolvedCalendar,
  random: Random,
  placedAt: number,
  reference: string,
): Promise<{ id: string; completedAt: number | null }> {
  const q = carrier.quality;
  const business = (from: number, hours: number) => addBusinessTime(calendar, from, hours * HOUR);
  const accepted = placedAt + between(random, [1, 4]) * MINUTE;
  const acked = business(
    accepted,
    random.chance(q.lateAckShare) ? between(random, [4.5, 9]) : between(random, [0.2, 3]),
  );
  const lead = carrier.offer.leadTimeDays;
  const committedAt = business(
    acked,
    (random.chance(q.lateCommitShare) ? between(random, [6, 9]) : between(random, [1, 4])) * 8.5,
  );
  const committedDate = localDate(
    calendar,
    workingDaysDue(calendar, placedAt, lead + Math.round(between(random, [0, 3]))),
  );
  const steps: Step[] = [
    { at: accepted, source: 'adapter', type: 'submitted' },
    { at: acked, source: 'listener', type: 'productOrderStateChangeEvent', toState: 'acknowledged' },
    { at: committedAt, source: 'listener', type: 'productOrderAttributeValueChangeEvent', committedDate },
    { at: committedAt + 30 * MINUTE, source: 'listener', type: 'productOrderStateChangeEvent', toState: 'inProgress' },
  ];
  let last = committedAt + 30 * MINUTE;
  if (random.chance(q.pendingShare)) {
    const pausedAt = business(last, between(random, [8, 40]));
    last = business(pausedAt, between(random, [6, 20]));
    steps.push(
      { at: pausedAt, source: 'listener', type: 'productOrderStateChangeEvent', toState: 'pending' },
      { at: last, source: 'listener', type: 'productOrderStateChangeEvent', toState: 'inProgress' },
    );
  }
  const cancelled = random.chance(0.04);
  const late = random.chance(q.lateDeliveryShare);
  const workingDays = late ? lead + Math.ceil(between(random, [1, 9])) : Math.round(between(random, q.deliveryDays));
  const doneBy = Date.parse(workingDaysDue(calendar, placedAt, workingDays)) - between(random, [0.5, 6]) * HOUR;
  const finishedAt = cancelled ? business(last, between(random, [4, 30])) : Math.max(doneBy, last + HOUR);
  steps.push({
    at: finishedAt,
    source: 'listener',
    type: 'productOrderStateChangeEvent',
    toState: cancelled ? 'cancelled' : 'completed',
  });
  const id = newId('ord');
  const order = {
    id,
    partnerId: carrier.partnerId,
    offerId: null,
    deskReference: reference,
    productCode: 'ETH-100',
    bandwidthMbps: 100,
    site,
    contact,
    installChargeMinor: carrier.offer.installMinor,
    monthlyChargeMinor: carrier.offer.monthlyMinor,
    currency: carrier.offer.currency,
    leadTimeDays: lead,
    accessType: 'onNet' as const,
    requestedCompletionDate: localDate(calendar, workingDaysDue(calendar, placedAt, lead)),
    state: cancelled ? ('cancelled' as const) : ('completed' as const),
    submission: 'submitted' as const,
    partnerOrderId: `${carrier.code}-${id.slice(4, 12)}`,
    committedDate,
    completedAt: cancelled ? null : iso(finishedAt),
    policyId: carrier.policy.id,
    workflowStartedAt: iso(placedAt),
    carrierContactedAt: iso(placedAt),
    createdBy: 'demo history',
    createdAt: iso(placedAt),
    updatedAt: iso(finishedAt),
  };
  const event = (
    e: Pick<NewOrderEvent, 'source' | 'type' | 'toState' | 'outcome'> & { at: number },
  ): NewOrderEvent => ({
    id: newId('oev'),
    orderId: id,
    partnerId: carrier.partnerId,
    source: e.source,
    externalEventId: e.source === 'listener' ? newId('evt') : null,
    type: e.type,
    toState: e.toState ?? null,
    outcome: e.outcome,
    occurredAt: iso(e.at),
    receivedAt: iso(e.at),
  });
  await insertOrderWithEvent(
    db,
    order,
    event({ source: 'desk', type: 'orderPlaced', toState: 'acknowledged', outcome: 'applied', at: placedAt }),
  );
  for (const s of steps)
    await appendOrderEvent(db, {
      ...event({
        source: s.source,
        type: s.type as NewOrderEvent['type'],
        toState: (s.toState ?? null) as NewOrderEvent['toState'],
        outcome: s.type === 'submitted' ? 'recorded' : 'applied',
        at: s.at,
      }),
      committedDate: s.committedDate ?? null,
    });
  await recordMeasured(db, 'order', id, carrier, finishedAt);
  return { id, completedAt: cancelled ? null : finishedAt };
}

async function seedTicket(
  db: Db,
  carrier: DemoHistoryCarrier,
  calendar: ResolvedCalendar,
  random: Random,
  orderId: string,
  raisedAt: number,
  reference: string,
): Promise<void> {
  const q = carrier.quality;
  const roll = random.next();
  const priority = roll < 0.4 ? 1 : roll < 0.8 ? 2 : 3;
  const accepted = raisedAt + between(random, [1, 3]) * MINUTE;
  const acked =
    accepted + (random.chance(q.lateAckShare) ? between(random, [65, 120]) : between(random, [5, 50])) * MINUTE;
  const working = acked + 15 * MINUTE;
  const late = random.chance(q.lateRestoreShare);
  const restoreHours = priority === 1 ? (late ? between(random, [5.5, 10]) : between(random, [1, 4.5])) : 0;
  const resolvedAt =
    priority === 1
      ? raisedAt + restoreHours * HOUR
      : addBusinessTime(calendar, working, (late ? between(random, [9, 16]) : between(random, [1, 7])) * HOUR);
  const closedAt = resolvedAt + between(random, [0.5, 4]) * HOUR;
  const id = newId('tkt');
  const event = (e: { source: 'desk' | 'adapter' | 'listener'; type: string; toState: string | null; at: number }) =>
    ({
      id: newId('tev'),
      ticketId: id,
      partnerId: carrier.partnerId,
      source: e.source,
      externalEventId: e.source === 'listener' ? newId('evt') : null,
      type: e.type,
      toState: e.toState,
      outcome: e.type === 'submitted' ? 'recorded' : 'applied',
      occurredAt: iso(e.at),
      receivedAt: iso(e.at),
    }) as NewTicketEvent;
  await insertTicketWithEvent(
    db,
    {
      id,
      orderId,
      partnerId: carrier.partnerId,
      deskReference: reference,
      severity: priority === 1 ? 'critical' : priority === 2 ? 'major' : 'minor',
      priority,
      impact: priority === 1 ? 'Site down: no traffic on the tail' : 'Packet loss at busy hour',
      description: 'Raised by the demo history',
      contact,
      status: 'closed',
      submission: 'submitted',
      partnerTicketId: `${carrier.code}-T-${id.slice(4, 12)}`,
      resolvedAt: iso(resolvedAt),
      policyId: carrier.policy.id,
      workflowStartedAt: iso(raisedAt),
      carrierContactedAt: iso(raisedAt),
      createdBy: 'demo history',
      createdAt: iso(raisedAt),
      updatedAt: iso(closedAt),
    },
    event({ source: 'desk', type: 'ticketRaised', toState: 'acknowledged', at: raisedAt }),
  );
  const status = 'troubleTicketStatusChangeEvent';
  for (const e of [
    event({ source: 'adapter', type: 'submitted', toState: null, at: accepted }),
    event({ source: 'listener', type: status, toState: 'acknowledged', at: acked }),
    event({ source: 'listener', type: status, toState: 'inProgress', at: working }),
    event({ source: 'listener', type: 'troubleTicketResolvedEvent', toState: 'resolved', at: resolvedAt }),
    event({ source: 'listener', type: status, toState: 'closed', at: closedAt }),
  ])
    await appendTicketEvent(db, e);
  await recordMeasured(db, 'ticket', id, carrier, closedAt);
}

/** Measures a finished order or ticket as the clock watch did, and records its facts and final outcomes. */
async function recordMeasured(
  db: Db,
  entityType: 'order' | 'ticket',
  entityId: string,
  carrier: DemoHistoryCarrier,
  finishedAt: number,
): Promise<void> {
  const context = entityType === 'order' ? await orderSlaContext(db, entityId) : await ticketSlaContext(db, entityId);
  if (!context) return;
  const measured = measureAt(context, finishedAt);
  const owner = { entityType, entityId, partnerId: carrier.partnerId };
  const byOla = new Map(measured.clocks.map((c) => [c.olaId, c]));
  for (const f of measured.facts) {
    const clock = byOla.get(f.olaId)!;
    await recordSlaFacts(
      db,
      dueFactRows({
        ...owner,
        facts: [{ clock, kind: f.kind, threshold: f.threshold, at: f.at, explanation: clock.explanation }],
        detectedAt: f.at,
      }),
    );
  }
  await recordFinalOutcomes(db, { ...owner, outcomes: measured.outcomes }, new Date(finishedAt));
}
