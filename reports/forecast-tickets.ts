import type { Db } from '../db/client.js';
import { ticketClockShares, type TicketClockShare } from '../db/repositories/restore-history.js';
import { getTicket } from '../db/repositories/tickets.js';
import { getOrder } from '../db/repositories/orders.js';
import { computeClocks } from '../sla-rules/clocks.js';
import { addBusinessTime, type Clock } from '../sla-rules/index.js';
import { forEachOpenTicket } from '../tails/open-entities.js';
import { ticketSlaContext, type SlaContext } from '../tails/sla/context.js';
import type { Pricer } from './price-outcome.js';

type Money = { amountMinor: number; currency: string };

/** An open ticket's priced clock falling due in the month: what its breach would cost, and what is expected. */
export type TicketForecastLine = {
  ticketId: string;
  partnerId: string;
  olaId: string;
  dueAt: string;
  onTimeProbability: number;
  /** When a late restoration is expected: at the median share of its target the later, late clocks took. */
  expectedRestoreAt: string;
  ifLate: Money;
  expected: Money;
};

/** Ticket clocks of a partner and metric needed to tell a chance; below it, every partner's clocks of the metric. */
export const MIN_TICKET_HISTORY = 10;
/** How far back ticket clocks are read. */
const HISTORY_DAYS = 365;

/**
 * The chance that a clock still open after taking `share` of its target ends within it, from the clocks of its history
 * that took longer than `share` (those are the ones like it): the part of them that ended within their target; and
 * the median share the late ones took. Undefined when fewer than MIN_TICKET_HISTORY took longer.
 */
export function onTimeGiven(
  history: readonly number[],
  share: number,
): { onTime: number; lateShare: number } | undefined {
  const later = history.filter((s) => s > share);
  if (later.length < MIN_TICKET_HISTORY) return undefined;
  const late = later.filter((s) => s > 1).sort((a, b) => a - b);
  const onTime = share >= 1 ? 0 : (later.length - late.length) / later.length;
  return { onTime, lateShare: late[Math.floor((late.length - 1) / 2)] ?? Math.max(share, 1) };
}

/** Shares per "partner metric" and per "metric" (every partner), for onTimeGiven. */
function historyOf(rows: TicketClockShare[]) {
  const byPartner = new Map<string, number[]>();
  const byMetric = new Map<string, number[]>();
  for (const r of rows) {
    const key = `${r.partnerId}\u0000${r.metric}`;
    byPartner.set(key, [...(byPartner.get(key) ?? []), r.share]);
    byMetric.set(r.metric, [...(byMetric.get(r.metric) ?? []), r.share]);
  }
  return (partnerId: string, metric: string, share: number) =>
    onTimeGiven(byPartner.get(`${partnerId}\u0000${metric}`) ?? [], share) ??
    onTimeGiven(byMetric.get(metric) ?? [], share);
}

/**
 * Expected penalties from open tickets whose priced clocks fall due in [from, to): for each, the chance it is restored
 * in time (onTimeGiven over the partner's ticket clocks of its metric in the last year, else every partner's) and its
 * clause's price for a restoration at the expected late share of its target.
 */
export async function ticketForecast(
  db: Db,
  input: { from: string; to: string; now: Date; pricer: Pricer },
): Promise<{ lines: TicketForecastLine[]; notForecast: number }> {
  const since = new Date(input.now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  const chance = historyOf(await ticketClockShares(db, since));
  const lines: TicketForecastLine[] = [];
  let notForecast = 0;
  await forEachOpenTicket(db, async (id) => {
    const context = await ticketSlaContext(db, id);
    if (!context) return;
    const clocks = computeClocks({ ...context, now: input.now.getTime() });
    for (const clock of clocks) {
      if (!clock.penalty || clock.stoppedAt !== null || clock.endedBy !== null || clock.dueAt === null) continue;
      if (clock.dueAt < input.from || clock.dueAt >= input.to || !clock.targetMs) continue;
      const line = await forecastLine(db, id, context, clock, chance, input.pricer);
      if (line) lines.push(line);
      else notForecast += 1;
    }
  });
  return { lines, notForecast };
}

async function forecastLine(
  db: Db,
  ticketId: string,
  context: SlaContext,
  clock: Clock,
  chance: ReturnType<typeof historyOf>,
  pricer: Pricer,
): Promise<TicketForecastLine | undefined> {
  const { partnerId } = context.owner;
  const told = chance(partnerId, clock.metric, clock.elapsedMs / clock.targetMs!);
  const ticket = await getTicket(db, ticketId);
  const order = ticket && (await getOrder(db, ticket.orderId));
  if (!told || !order) return undefined;
  const overrunMs = Math.round((told.lateShare - 1) * clock.targetMs!);
  const due = Date.parse(clock.dueAt!);
  const calendar = context.calendars[clock.calendar];
  const restoredAt = new Date(
    clock.measure === 'business' && calendar ? addBusinessTime(calendar, due, overrunMs) : due + overrunMs,
  ).toISOString();
  await pricer.load([{ policyId: context.policyId }]);
  const priced = pricer.price(
    {
      rowid: 0,
      id: `forecast:${ticketId}:${clock.olaId}`,
      revision: 0,
      breachFactId: null,
      partnerId,
      circuitId: order.id,
      policyId: context.policyId,
      policyVersion: clock.policyVersion,
      clause: clock.penalty!.clause,
      calendar: clock.calendar,
      state: 'breached',
      dueAt: clock.dueAt,
      finalAt: restoredAt,
      elapsedMs: clock.targetMs! + overrunMs,
      overrunMs,
      pausedMs: clock.pausedMs,
      monthlyChargeMinor: order.monthlyChargeMinor,
      installChargeMinor: order.installChargeMinor,
      currency: order.currency,
    },
    undefined,
  );
  const onTime = Math.round(told.onTime * 10_000) / 10_000;
  return {
    ticketId,
    partnerId,
    olaId: clock.olaId,
    dueAt: clock.dueAt!,
    onTimeProbability: onTime,
    expectedRestoreAt: restoredAt,
    ifLate: { amountMinor: priced.amountAfterBreachCapMinor, currency: priced.currency },
    expected: {
      amountMinor: Math.round((1 - onTime) * priced.amountAfterBreachCapMinor),
      currency: priced.currency,
    },
  };
}
