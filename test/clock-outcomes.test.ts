import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomesForEntity } from '../db/repositories/clock-outcomes.js';
import { startCarrier, waitForOrder } from './support/carrier.js';
import { recordHistoryIfAsked } from './support/histories.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder } from './support/orders.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { waitFor } from './support/wait.js';

/**
 * The order workflow records each clock's final outcome through an activity (patched 'clock-outcomes'), against a
 * simulated TMF622 v4 carrier on the real dev server. Its history is a replay fixture (RECORD_WORKFLOW_HISTORIES=1).
 */
describe('clock outcomes from the order workflow (real Temporal, simulated carrier)', () => {
  let h: OrderHarness;
  let closeCarrier: () => Promise<void> = async () => {};
  beforeAll(async () => {
    h = await startOrderHarness({ timings: { unreachableAfterMs: 60_000 } });
  });
  afterAll(async () => {
    await closeCarrier();
    await h?.stop();
  });

  it('records met outcomes once per OLA with the order references, and nothing for a clock that never started', async () => {
    const c = await startCarrier(h, 'tmf622-v4');
    closeCarrier = () => c.sim.close();
    await givePolicy(
      h.platform.db,
      c.partner.id,
      policyDocument([
        {
          id: 'ack-1h',
          metric: 'orderAcknowledgement',
          appliesTo: { entity: 'order' },
          stop: { state: ['inProgress', 'completed'] },
          target: { kind: 'clockDuration', hours: 1 },
          jeopardy: [50],
        },
        {
          id: 'delivery-30wd',
          metric: 'deliveryLeadTime',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          target: { kind: 'workingDays', days: 30 },
          calendar: 'uk-office',
          jeopardy: [50],
          penalty: { clause: 'late-delivery' },
        },
        {
          id: 'never-started',
          metric: 'other',
          appliesTo: { entity: 'order' },
          start: { state: 'failed' },
          stop: { state: 'completed' },
          target: { kind: 'clockDuration', hours: 1 },
          jeopardy: [50],
        },
      ]),
    );

    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100, deskReference: 'DESK-OUT' }),
    );
    const done = await waitForOrder(h, placed.id, (o) => o.state === 'completed', 'completed');
    const handle = h.client.workflow.getHandle(`tail-order-${placed.id}`);
    expect(await handle.result()).toBe('completed');
    const outcomes = await waitFor(
      async () => {
        const rows = await outcomesForEntity(h.platform.db, 'order', placed.id);
        return rows.length === 2 ? rows : undefined;
      },
      { what: 'two outcomes' },
    );
    expect(outcomes.map((o) => [o.olaId, o.state, o.clause, o.revision])).toEqual([
      ['ack-1h', 'met', null, 1],
      ['delivery-30wd', 'met', 'late-delivery', 1],
    ]);
    expect(outcomes[1]).toMatchObject({
      partnerId: c.partner.id,
      ourReference: 'DESK-OUT',
      partnerReference: done.partnerOrderId,
      circuitId: placed.id,
      breachedAt: null,
      overrunMs: 0,
    });
    expect(outcomes[1]!.site).toContain('10 Downing Street');
    recordHistoryIfAsked('tail-order-tmf622-v4-clock-outcomes', handle.workflowId, h.address);
  }, 60_000);
});
