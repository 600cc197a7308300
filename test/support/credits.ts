import { updateOrder } from '../../db/repositories/orders.js';
import { recordClockOutcomes } from '../../db/repositories/clock-outcomes.js';
import { recordSlaFacts } from '../../db/repositories/sla-facts.js';
import { storeOrder } from './factories.js';
import type { TestPlatform } from './platform.js';
import { givePolicy, policyDocument } from './policies.js';

const HOUR = 3_600_000;

/**
 * A carrier with a policy pricing late restoration at £15 per started hour, and `overrunHours.length` delivered
 * orders, each with a breach of that clock final in `month` (overrunning by its hours, so priced at 15.00 × hours),
 * and the carrier's order and circuit references `PO-<n>` / `CCT-<n>`. The month is generated and finalized.
 */
export async function finalizedBreaches(platform: TestPlatform, month: string, overrunHours: number[]) {
  const carrier = await platform.createPartner({ name: `Credit Carrier ${month}` });
  const policy = await givePolicy(platform.db, carrier.id, {
    ...policyDocument([
      {
        id: 'restore-4h',
        metric: 'faultRestoration',
        appliesTo: { entity: 'order' },
        stop: { state: 'completed' },
        target: { kind: 'clockDuration', hours: 4 },
        penalty: { clause: 'slow' },
      },
    ]),
    penaltyClauses: {
      slow: { kind: 'perUnitLate', unit: 'startedHour', rate: { amountMinor: 1500, currency: 'GBP' } },
    },
  });
  const orders: string[] = [];
  for (const [i, hours] of overrunHours.entries()) {
    const n = i + 1;
    const finalAt = `${month}-1${n}T12:00:00.000Z`;
    const due = new Date(Date.parse(finalAt) - hours * HOUR).toISOString();
    const orderId = await storeOrder(platform.db, {
      partnerId: carrier.id,
      createdAt: `${month}-01T09:00:00.000Z`,
      deskReference: `DESK-CR-${n}`,
      completedAt: finalAt,
    });
    await updateOrder(platform.db, orderId, { partnerOrderId: `PO-${n}`, carrierCircuitRef: `CCT-${n}` });
    await recordSlaFacts(platform.db, [
      {
        entityType: 'order',
        entityId: orderId,
        partnerId: carrier.id,
        olaId: 'restore-4h',
        metric: 'faultRestoration',
        policyVersion: policy.version,
        kind: 'breach',
        threshold: 100,
        at: due,
        dueAt: due,
        detectedAt: due,
        detail: null,
      },
    ]);
    await recordClockOutcomes(
      platform.db,
      [
        {
          entityType: 'order',
          entityId: orderId,
          partnerId: carrier.id,
          olaId: 'restore-4h',
          metric: 'faultRestoration',
          policyId: policy.id,
          policyVersion: policy.version,
          clause: 'slow',
          state: 'breached',
          measure: 'clock',
          calendar: '24x7',
          startedAt: new Date(Date.parse(due) - 4 * HOUR).toISOString(),
          dueAt: due,
          breachedAt: due,
          finalAt,
          targetMs: 4 * HOUR,
          elapsedMs: (4 + hours) * HOUR,
          overrunMs: hours * HOUR,
          pausedMs: 0,
          monthlyChargeMinor: 30_000,
          installChargeMinor: 0,
          currency: 'GBP',
          ourReference: `DESK-CR-${n}`,
          partnerReference: `PO-${n}`,
          circuitId: orderId,
          site: '1 Road, London, SW1A 1AA, GB',
        },
      ],
      finalAt,
    );
    orders.push(orderId);
  }
  const finance = { key: platform.keys.finance };
  for (const path of [`/api/v1/reports/penalties/${month}`, `/api/v1/reports/penalties/${month}/finalize`]) {
    const res = await platform.request('POST', path, finance);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  }
  return { carrier, orders };
}
