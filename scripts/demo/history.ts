import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { seededRandom } from '../../partners/simulator/random.js';
import { addBusinessTime } from '../../sla-rules/index.js';
import { policyCalendars } from '../../tails/sla/policy-cache.js';
import { HOUR, type DemoHistoryCarrier } from './history-support.js';
import { seedOrder } from './history-orders.js';
import { seedTicket } from './history-tickets.js';

export type { DemoHistoryCarrier, DemoQuality } from './history-support.js';

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
