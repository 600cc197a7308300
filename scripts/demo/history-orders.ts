import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { appendOrderEvent, insertOrderWithEvent, type NewOrderEvent } from '../../db/repositories/orders.js';
import type { Random } from '../../partners/simulator/random.js';
import { addBusinessTime, workingDaysDue } from '../../sla-rules/index.js';
import type { ResolvedCalendar } from '../../sla-rules/types.js';
import { between, contact, HOUR, iso, MINUTE, recordMeasured, type DemoHistoryCarrier } from './history-support.js';

const site = { countryCode: 'GB' as const, postcode: 'SW1A 1AA', line1: '10 Downing Street', city: 'London' };

type Step = { at: number; source: 'adapter' | 'listener'; type: string; toState?: string; committedDate?: string };

const localDate = (calendar: ResolvedCalendar, at: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: calendar.timeZone }).format(new Date(at));

/**
 * One finished order of the demo history, placed at `placedAt`: its carrier's events as the carrier's quality draws
 * them (acceptance, acknowledgement, a committed date, a pause now and then, delivery on time or late, or a
 * cancellation), then measured and recorded.
 */
export async function seedOrder(
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
