import type { Db } from '../../db/client.js';
import { queryRun } from '../../db/execute.js';
import { recordClockOutcomes } from '../../db/repositories/clock-outcomes.js';
import { tickets } from '../../db/schema.js';
import { storeOrder } from './factories.js';

/**
 * Recorded history for tests of what Tailgate measures: orders and tickets written as rows, and final clock outcomes
 * of them recorded as the clock watch records them (recordClockOutcomes).
 */
export function measuredHistory(db: Db) {
  let seq = 0;
  const contact = { name: 'Site Contact', email: 'site@example.com' };

  /** An order of `partnerId` for `productCode` (storeOrder), created at `createdAt`; its id. */
  const order = (partnerId: string, productCode: string, createdAt = '2026-09-01T09:00:00.000Z') =>
    storeOrder(db, { partnerId, productCode, createdAt });

  /**
   * An on-net order of `partnerId` for `productCode` placed at `startedAt` (09:00 UTC on a weekday) and delivered
   * `workingDays` weekdays later (the test's dates hold no public holiday).
   */
  const deliveredOrder = (partnerId: string, productCode: string, startedAt: string, workingDays: number) => {
    const end = new Date(startedAt);
    for (let left = workingDays; left > 0;) {
      end.setUTCDate(end.getUTCDate() + 1);
      if (end.getUTCDay() !== 0 && end.getUTCDay() !== 6) left -= 1;
    }
    return storeOrder(db, {
      partnerId,
      productCode,
      accessType: 'onNet',
      createdAt: startedAt,
      completedAt: end.toISOString(),
    });
  };

  /** A ticket row on `orderId` (of `partnerId`); its id. */
  const ticket = async (
    partnerId: string,
    orderId: string,
    createdAt = '2026-09-02T09:00:00.000Z',
    resolvedAt?: string,
  ) => {
    seq += 1;
    const id = `tkt_hist${String(seq).padStart(5, '0')}`;
    await queryRun(
      db.insert(tickets).values({
        id,
        orderId,
        partnerId,
        deskReference: `INC-${seq}`,
        severity: 'major',
        priority: 2,
        impact: 'serviceDown',
        description: 'No light',
        contact,
        status: resolvedAt ? 'resolved' : 'inProgress',
        resolvedAt: resolvedAt ?? null,
        submission: 'submitted',
        createdBy: 'test',
        createdAt,
        updatedAt: resolvedAt ?? createdAt,
      }),
    );
    return id;
  };

  /** A final outcome of one clock of an order or ticket. */
  const outcome = async (o: {
    partnerId: string;
    entityType: 'order' | 'ticket';
    entityId: string;
    metric: string;
    state: 'met' | 'breached' | 'cancelled';
    finalAt: string;
    /** The clock's target and time taken (default 96 h each). */
    targetMs?: number;
    elapsedMs?: number;
  }) => {
    seq += 1;
    await recordClockOutcomes(
      db,
      [
        {
          entityType: o.entityType,
          entityId: o.entityId,
          partnerId: o.partnerId,
          olaId: `ola-${o.metric}`,
          metric: o.metric,
          policyId: 'pol_test',
          policyVersion: 1,
          clause: null,
          state: o.state,
          measure: 'clock',
          calendar: '24x7',
          startedAt: '2026-09-01T09:00:00.000Z',
          dueAt: '2026-09-05T09:00:00.000Z',
          breachedAt: o.state === 'breached' ? '2026-09-05T09:00:00.000Z' : null,
          finalAt: o.finalAt,
          targetMs: o.targetMs ?? 96 * 3_600_000,
          elapsedMs: o.elapsedMs ?? 96 * 3_600_000,
          overrunMs: 0,
          pausedMs: 0,
          monthlyChargeMinor: 30_000,
          installChargeMinor: 0,
          currency: 'GBP',
          ourReference: `REF-${seq}`,
          partnerReference: null,
          circuitId: o.entityId,
          site: '1 The Mall, London, SW1A 1AA, GB',
        },
      ],
      o.finalAt,
    );
  };

  /** `met` met and `breached` breached clocks of `metric`, each on an order of its own for `productCode`. */
  const orderClocks = async (
    partnerId: string,
    productCode: string,
    metric: string,
    counts: { met: number; breached: number },
    finalAt: string,
  ) => {
    for (const [state, n] of [
      ['met', counts.met],
      ['breached', counts.breached],
    ] as const) {
      for (let i = 0; i < n; i++) {
        await outcome({
          partnerId,
          entityType: 'order',
          entityId: await order(partnerId, productCode),
          metric,
          state,
          finalAt,
        });
      }
    }
  };

  return { order, deliveredOrder, ticket, outcome, orderClocks };
}
