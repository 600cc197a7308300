import type { Db } from '../db/client.js';
import { storedDeliveryCurves } from '../db/repositories/delivery-curves.js';
import { getOrder, type OrderRow } from '../db/repositories/orders.js';
import { partnerNames } from '../db/repositories/partners.js';
import { reportTotals } from '../db/repositories/penalty-reports.js';
import { deliveryCurveChooser, type ChosenCurve } from '../partners/performance/delivery-estimates.js';
import { survivalAt } from '../partners/performance/kaplan-meier.js';
import { computeClocks } from '../sla-rules/clocks.js';
import { businessTimeBetween, workingDaysDue, type Clock } from '../sla-rules/index.js';
import { deliveryStartOf, riskOfOrder } from '../tails/orders/delivery-risk.js';
import { forEachOpenOrder } from '../tails/open-entities.js';
import { orderSlaContext, type SlaContext } from '../tails/sla/context.js';
import { monthPeriod } from './month.js';
import { ticketForecast, type TicketForecastLine } from './forecast-tickets.js';
import { createPricer } from './price-outcome.js';

/** Money in minor units; `owed` may be negative (adjustments that give back). */
type Money = { amountMinor: number; currency: string };

/** One open order whose delivery clock falls due in the month: what its breach would cost, and what is expected. */
export type ForecastLine = {
  orderId: string;
  partnerId: string;
  olaId: string;
  dueAt: string;
  onTimeProbability: number;
  /** When a late delivery is expected: the median delivery of the orders of its curve that were later than it. */
  expectedDeliveryAt: string;
  /** Its clause's price for a breach delivered then, after the breach cap (before partner caps). */
  ifLate: Money;
  /** (1 − P(on time)) × ifLate, rounded to a minor unit. */
  expected: Money;
};

export type LeakageForecast = {
  month: string;
  partners: { partnerId: string; partnerName: string; owed: Money[]; expected: Money[] }[];
  lines: ForecastLine[];
  /** Open orders due in the month whose chance could not be told (too little history) or that have no clause. */
  notForecast: number;
  /** Open tickets' priced clocks falling due in the month (reports/forecast-tickets.ts). */
  ticketLines: TicketForecastLine[];
  /** Those clocks whose chance could not be told (too little history). */
  ticketsNotForecast: number;
};

/**
 * Working days after which a late order is expected delivered: the first step past `toDue` where S falls to half of
 * S(toDue) (the median of the later deliveries); one day late when the curve says nothing beyond.
 */
function expectedLateDay(chosen: ChosenCurve, toDue: number): number {
  const half = survivalAt(chosen.curve, toDue) / 2;
  const step = chosen.curve.steps.find((s) => s.time > toDue && s.survival <= half);
  return step?.time ?? toDue + 1;
}

const add = (into: Map<string, Map<string, number>>, partnerId: string, money: Money) => {
  const byCurrency = into.get(partnerId) ?? new Map<string, number>();
  byCurrency.set(money.currency, (byCurrency.get(money.currency) ?? 0) + money.amountMinor);
  into.set(partnerId, byCurrency);
};

/**
 * Revenue leakage for finance: what the month's report already owes per partner (its totals after caps), beside the
 * penalties expected from open orders whose delivery clock falls due in the month: P(breach) = 1 − P(on time) (as the
 * order's SLA view gives it) times its clause's price for a delivery at the expected late instant; and from open
 * tickets whose priced clocks fall due in the month, likewise (reports/forecast-tickets.ts). Partner caps are not
 * applied to the expectation.
 */
export async function leakageForecast(
  db: Db,
  input: { month: string; timeZone: string; now: Date },
): Promise<LeakageForecast> {
  const period = monthPeriod(input.month, input.timeZone);
  const choose = deliveryCurveChooser(await storedDeliveryCurves(db));
  const pricer = createPricer(db, Number(input.month.slice(0, 4)));
  const owed = new Map<string, Map<string, number>>();
  for (const t of await reportTotals(db, [input.month]))
    add(owed, t.partnerId, { amountMinor: t.amountAfterCapsMinor, currency: t.currency });
  const expected = new Map<string, Map<string, number>>();
  const lines: ForecastLine[] = [];
  let notForecast = 0;
  await forEachOpenOrder(db, async (id) => {
    const order = await getOrder(db, id);
    const context = order && (await orderSlaContext(db, id));
    if (!order || !context) return;
    const clocks = computeClocks({ ...context, now: input.now.getTime() });
    const risk = await riskOfOrder(db, order, context, clocks, input.now, choose);
    if (!risk || risk.dueAt < period.startsAt || risk.dueAt >= period.endsAt) return;
    const clock = clocks.find((c) => c.olaId === risk.olaId)!;
    const line = await forecastLine(order, context, clock, risk, choose, pricer);
    if (!line) notForecast += 1;
    else {
      lines.push(line);
      add(expected, line.partnerId, line.expected);
    }
  });
  const tickets = await ticketForecast(db, { from: period.startsAt, to: period.endsAt, now: input.now, pricer });
  for (const line of tickets.lines) add(expected, line.partnerId, line.expected);
  const ids = [...new Set([...owed.keys(), ...expected.keys()])].sort();
  const names = await partnerNames(db, ids);
  const list = (m: Map<string, number> | undefined): Money[] =>
    [...(m ?? [])].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, amountMinor]) => ({ amountMinor, currency }));
  return {
    month: input.month,
    partners: ids.map((partnerId) => ({
      partnerId,
      partnerName: names.get(partnerId) ?? partnerId,
      owed: list(owed.get(partnerId)),
      expected: list(expected.get(partnerId)),
    })),
    lines,
    notForecast,
    ticketLines: tickets.lines,
    ticketsNotForecast: tickets.notForecast,
  };
}

async function forecastLine(
  order: OrderRow,
  context: SlaContext,
  clock: Clock,
  risk: NonNullable<Awaited<ReturnType<typeof riskOfOrder>>>,
  choose: ReturnType<typeof deliveryCurveChooser>,
  pricer: ReturnType<typeof createPricer>,
): Promise<ForecastLine | undefined> {
  const chosen = choose(order.partnerId, order.productCode, order.accessType ?? '');
  const calendar = context.calendars[clock.calendar];
  if (risk.onTimeProbability === null || !chosen || !calendar || !clock.penalty || !order.policyId) return undefined;
  const startedAt = deliveryStartOf(order);
  const deliveredAt = workingDaysDue(calendar, startedAt, expectedLateDay(chosen, risk.workingDaysToDue));
  const due = Date.parse(risk.dueAt);
  const overrunMs =
    clock.measure === 'business'
      ? businessTimeBetween(calendar, due, Date.parse(deliveredAt))
      : Date.parse(deliveredAt) - due;
  await pricer.load([{ policyId: order.policyId }]);
  const priced = pricer.price(
    {
      rowid: 0,
      id: `forecast:${order.id}:${clock.olaId}`,
      revision: 0,
      breachFactId: null,
      partnerId: order.partnerId,
      circuitId: order.id,
      policyId: order.policyId,
      policyVersion: clock.policyVersion,
      clause: clock.penalty.clause,
      calendar: clock.calendar,
      state: 'breached',
      dueAt: risk.dueAt,
      finalAt: deliveredAt,
      elapsedMs: clock.elapsedMs,
      overrunMs,
      pausedMs: 0,
      monthlyChargeMinor: order.monthlyChargeMinor,
      installChargeMinor: order.installChargeMinor,
      currency: order.currency,
    },
    undefined,
  );
  const late = 1 - risk.onTimeProbability;
  return {
    orderId: order.id,
    partnerId: order.partnerId,
    olaId: clock.olaId,
    dueAt: risk.dueAt,
    onTimeProbability: risk.onTimeProbability,
    expectedDeliveryAt: deliveredAt,
    ifLate: { amountMinor: priced.amountAfterBreachCapMinor, currency: priced.currency },
    expected: { amountMinor: Math.round(late * priced.amountAfterBreachCapMinor), currency: priced.currency },
  };
}
