import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderWorkflowId, ticketWorkflowId } from '../workers/config.js';
import { retrySubmissionSignal } from '../workers/tail-order.workflow.js';
import { ticketRetrySubmissionSignal } from '../workers/trouble-ticket.workflow.js';
import { orderInput, placeOrder } from './support/orders.js';
import { deliveredOrder, raiseTicket, ticketInput } from './support/tickets.js';
import { startTimeSkippingPlatform, type TimeSkippingPlatform } from './support/time-skipping.js';
import { waitFor } from './support/wait.js';

/**
 * The desk may retry as soon as it sees the unreachable-carrier task, which can be before the workflow has heard that
 * the task is open. Here the retry is signalled from inside the activity that opens the task, so it always lands in
 * that window: the workflow must count it and submit again (and, the carrier still unreachable, open a second task),
 * not wait for another retry.
 */
describe('a desk retry asked while the unreachable-carrier task is being opened (time-skipping Temporal)', () => {
  let ts: TimeSkippingPlatform;
  const orderTasks: string[] = [];
  const ticketTasks: string[] = [];
  beforeAll(async () => {
    ts = await startTimeSkippingPlatform({
      wrapActivities: (real) => ({
        ...real,
        async openManualTask(orderId, kind, detail) {
          await real.openManualTask(orderId, kind, detail);
          orderTasks.push(orderId);
          if (orderTasks.length === 1)
            await ts.env.client.workflow.getHandle(orderWorkflowId(orderId)).signal(retrySubmissionSignal);
        },
        async openTicketManualTask(ticketId, detail) {
          await real.openTicketManualTask(ticketId, detail);
          ticketTasks.push(ticketId);
          if (ticketTasks.length === 1)
            await ts.env.client.workflow.getHandle(ticketWorkflowId(ticketId)).signal(ticketRetrySubmissionSignal);
        },
      }),
    });
  }, 60_000);
  afterAll(async () => {
    await ts?.stop();
  });
  // Carriers with APIs no attempt reaches (the time-skipping harness has no adapters).
  const unreachable = { baseUrl: 'http://127.0.0.1:9/tmf-api' };
  // An hour of workflow time a step, until done. The activities run in real time between the steps (a step with
  // none outstanding returns at once), so the wait is bounded by the test's own time, not by a count of hours: on a
  // loaded machine the worker may need many steps to catch up.
  const skipUntil = (done: () => boolean, what: string) =>
    waitFor(
      async () => {
        if (!done()) await ts.skip(60 * 60_000);
        return done();
      },
      { timeoutMs: 45_000, intervalMs: 20, what },
    );

  it('an order is submitted again and opens a second task when that fails too', async () => {
    const carrier = await ts.platform.createPartner({ adapter: { orderingApi: 'tmf622-v4', ...unreachable } });
    const placed = await placeOrder(
      ts.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await skipUntil(() => orderTasks.length >= 2, "the order's second desk task");
    expect(orderTasks).toEqual([placed.id, placed.id]);
  }, 60_000);

  it('a trouble ticket is raised again and opens a second task when that fails too', async () => {
    const carrier = await ts.platform.createPartner({
      adapter: { orderingApi: 'none', troubleTicketApi: 'tmf621-v4', ...unreachable },
    });
    const order = await deliveredOrder(ts.platform, carrier);
    const raised = await raiseTicket(ts.platform, ticketInput(order.id));
    await skipUntil(() => ticketTasks.length >= 2, "the ticket's second desk task");
    expect(ticketTasks).toEqual([raised.id, raised.id]);
  }, 60_000);
});
