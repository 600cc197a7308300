import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderWorkflowId } from '../workers/config.js';
import { retrySubmissionSignal } from '../workers/workflows.js';
import { orderInput, placeOrder } from './support/orders.js';
import { startTimeSkippingPlatform, type TimeSkippingPlatform } from './support/time-skipping.js';

/**
 * The desk may retry as soon as it sees the unreachable-carrier task, which can be before the workflow has heard that
 * the task is open. Here the retry is signalled from inside the activity that opens the task, so it always lands in
 * that window: the workflow must count it and submit again, not wait for another.
 */
describe('a desk retry asked while the unreachable-carrier task is being opened (time-skipping Temporal)', () => {
  let ts: TimeSkippingPlatform;
  const opened: string[] = [];
  beforeAll(async () => {
    ts = await startTimeSkippingPlatform({
      wrapActivities: (real) => ({
        ...real,
        async openManualTask(orderId, kind, detail) {
          await real.openManualTask(orderId, kind, detail);
          opened.push(orderId);
          if (opened.length === 1) await ts.env.client.workflow.getHandle(orderWorkflowId(orderId)).signal(retrySubmissionSignal);
        },
      }),
    });
  }, 60_000);
  afterAll(async () => {
    await ts?.stop();
  });

  it('counts the retry: the order is submitted again, and opens a second task when that fails too', async () => {
    // A carrier with an ordering API that no attempt reaches (the time-skipping harness has no adapters).
    const carrier = await ts.platform.createPartner({ adapter: { orderingApi: 'tmf622-v4', baseUrl: 'http://127.0.0.1:9/tmf-api' } });
    const placed = await placeOrder(ts.platform, orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }));
    for (let hour = 0; hour < 3 && opened.length < 2; hour += 1) await ts.skip(60 * 60_000);
    expect(opened).toEqual([placed.id, placed.id]);
  }, 60_000);
});
