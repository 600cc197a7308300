import type { Db } from '../../db/client.js';
import type { StoredPolicy } from '../../db/repositories/ola-policies.js';
import { recordSlaFacts } from '../../db/repositories/sla-facts.js';
import { measureAt } from '../../reports/what-if/measure.js';
import { orderSlaContext, ticketSlaContext } from '../../tails/sla/context.js';
import { dueFactRows, recordFinalOutcomes } from '../../tails/sla/record.js';

/* What the demo history's order and ticket writers share. */

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

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const contact = { name: 'Sam Patel', email: 'sam.patel@customer.example' };
export const iso = (ms: number) => new Date(ms).toISOString();
export const between = (random: { next(): number }, [low, high]: [number, number]) =>
  low + random.next() * (high - low);

/** Measures a finished order or ticket as the clock watch did, and records its facts and final outcomes. */
export async function recordMeasured(
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
