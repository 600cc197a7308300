import type { Db } from '../../db/client.js';
import { storedDeliveryCurves } from '../../db/repositories/delivery-curves.js';
import { getOrder, type OrderRow } from '../../db/repositories/orders.js';
import { deliveredByGiven } from '../../partners/performance/kaplan-meier.js';
import { deliveryCurveChooser, type ChosenCurve } from '../../partners/performance/delivery-estimates.js';
import { computeClocks } from '../../sla-rules/clocks.js';
import { isFinalOrderState, workingDaysLate, type Clock } from '../../sla-rules/index.js';
import { orderSlaContext, type SlaContext } from '../sla/context.js';

/** An open order's chance of delivery by the due instant of its delivery clock, from its partner's history. */
export type DeliveryRisk = {
  partnerId: string;
  olaId: string;
  metric: string;
  policyVersion: number;
  dueAt: string;
  /** P(delivered by dueAt | not delivered yet), to 4 places; null without enough history to say. */
  onTimeProbability: number | null;
  /** Working days (the clock's calendar) since the carrier accepted the order (else since it was placed). */
  workingDaysWaited: number;
  workingDaysToDue: number;
  /** The delivery history it comes from (deliveryEstimate's groups); null without enough. */
  basis: Pick<ChosenCurve, 'scope' | 'completions' | 'observations'> | null;
};

export type CurveChooser = ReturnType<typeof deliveryCurveChooser>;

/**
 * The order's delivery clock (a clock of an OLA that stops when the order is completed, not stopped yet; the earliest
 * due if several) and the chance it is delivered by its due instant: with its waits in whole working days, and an
 * order still open on day e known to take e days or more, P = 1 − S(due) / S(e − 1) on the Kaplan–Meier curve of
 * its group (0 once due). Null when the order has no such clock.
 */
export function deliveryRiskOf(input: {
  context: SlaContext;
  clocks: readonly Clock[];
  startedAt: string;
  now: Date;
  chosen: ChosenCurve | undefined;
}): DeliveryRisk | null {
  const deliveryOlas = new Set(
    input.context.policy.olas
      .filter((o) => o.appliesTo.entity === 'order' && o.stop.some((m) => m.state?.includes('completed')))
      .map((o) => o.id),
  );
  const clock = input.clocks
    .filter((c) => deliveryOlas.has(c.olaId) && c.stoppedAt === null && c.endedBy === null && c.dueAt !== null)
    .filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'breached')
    .sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!))[0];
  const calendar = clock && input.context.calendars[clock.calendar];
  if (!clock || !calendar) return null;
  const now = input.now.toISOString();
  const waited = workingDaysLate(calendar, input.startedAt, now);
  const toDue = workingDaysLate(calendar, input.startedAt, clock.dueAt!);
  const chance =
    now >= clock.dueAt! ? 0 : input.chosen ? deliveredByGiven(input.chosen.curve, waited - 1, toDue) : null;
  return {
    partnerId: input.context.owner.partnerId,
    olaId: clock.olaId,
    metric: clock.metric,
    policyVersion: clock.policyVersion,
    dueAt: clock.dueAt!,
    onTimeProbability: chance === null ? null : Math.round(chance * 10_000) / 10_000,
    workingDaysWaited: waited,
    workingDaysToDue: toDue,
    basis: input.chosen
      ? { scope: input.chosen.scope, completions: input.chosen.completions, observations: input.chosen.observations }
      : null,
  };
}

/** When the order's carrier clock started, as delivery curves count it. */
export const deliveryStartOf = (order: Pick<OrderRow, 'carrierContactedAt' | 'createdAt'>) =>
  order.carrierContactedAt ?? order.createdAt;

/** An order's delivery risk as of `now`, given its SLA context and clocks; null once it is final. */
export async function riskOfOrder(
  db: Db,
  order: OrderRow,
  context: SlaContext,
  clocks: readonly Clock[],
  now: Date,
  choose?: CurveChooser,
): Promise<DeliveryRisk | null> {
  if (isFinalOrderState(order.state)) return null;
  const chooser = choose ?? deliveryCurveChooser(await storedDeliveryCurves(db));
  return deliveryRiskOf({
    context,
    clocks,
    startedAt: deliveryStartOf(order),
    now,
    chosen: chooser(order.partnerId, order.productCode, order.accessType ?? ''),
  });
}

/** An order's delivery risk as of `now`; null when it is final, has no policy or no delivery clock. */
export async function orderDeliveryRisk(
  db: Db,
  orderId: string,
  now: Date,
  choose?: CurveChooser,
): Promise<DeliveryRisk | null> {
  const order = await getOrder(db, orderId);
  const context = order && !isFinalOrderState(order.state) ? await orderSlaContext(db, orderId) : null;
  if (!order || !context) return null;
  return riskOfOrder(db, order, context, computeClocks({ ...context, now: now.getTime() }), now, choose);
}
