import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsForEntity } from '../db/repositories/sla-facts.js';
import { deliveryWorkflowId, orderWorkflowId } from '../workers/config.js';
import { DELIVERY_HISTORY_LIMIT, deliverySchedule, moreToDeliverSignal } from '../workers/delivery.workflow.js';
import { notificationsForFact } from '../db/repositories/notifications.js';
import { recordHistoryIfAsked, stepOf } from './support/histories.js';
import { subscribe } from './support/notifications.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { orderInput, placeOrder } from './support/orders.js';
import { startTimeSkippingPlatform, type TimeSkippingPlatform } from './support/time-skipping.js';
import { waitFor } from './support/wait.js';
import { statement } from '../db/execute.js';

const HOUR = 3_600_000;

/**
 * Clocks never wait on side work, and an unreachable webhook costs one bounded retry schedule (time-skipping Temporal):
 * every jeopardy and breach of several orders goes to one subscription nothing answers at.
 */
describe('notifications delivered per destination, off the clock (time-skipping Temporal)', () => {
  let ts: TimeSkippingPlatform;
  let carrier: { id: string; key: string };
  let subscriptionId = '';
  const db = () => ts.platform.db;

  beforeAll(async () => {
    ts = await startTimeSkippingPlatform();
    carrier = await ts.platform.createPartner({ adapter: { orderingApi: 'none' } });
    await givePolicy(
      db(),
      carrier.id,
      policyDocument([
        {
          id: 'deliver-4h',
          metric: 'deliveryLeadTime',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          target: { kind: 'clockDuration', hours: 4 },
          jeopardy: [50],
        },
      ]),
    );
    // Nothing listens on port 9: every delivery attempt fails at once.
    subscriptionId = (
      await subscribe(ts.platform, {
        kinds: ['jeopardy', 'breach'],
        partnerId: carrier.id,
        url: 'http://127.0.0.1:9/hook',
      })
    ).id;
  }, 120_000);
  afterAll(() => ts?.stop());

  it('records every threshold at its instant, each evaluation waking the delivery queue and setting its next timer in one step', async () => {
    const orders = await Promise.all(
      [1, 2, 3].map(() =>
        placeOrder(ts.platform, orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 })),
      ),
    );
    const t0 = ts.now().getTime();
    await ts.skip(5 * HOUR);
    for (const order of orders) {
      const facts = await factsForEntity(db(), 'order', order.id);
      expect(facts.map((f) => [f.kind, Date.parse(f.at) - t0])).toEqual([
        ['jeopardy', 2 * HOUR],
        ['breach', 4 * HOUR],
      ]);
    }

    const { events } = await ts.env.client.workflow.getHandle(orderWorkflowId(orders[0]!.id)).fetchHistory();
    const kinds = (events ?? []).map((e) =>
      stepOf(e)
        ? `step:${stepOf(e)}`
        : e.timerStartedEventAttributes
          ? 'timer'
          : e.startChildWorkflowExecutionInitiatedEventAttributes
            ? 'startDelivery'
            : e.signalExternalWorkflowExecutionInitiatedEventAttributes
              ? 'signalDelivery'
              : '',
    );
    const recorded = kinds.indexOf('step:recordSlaFactsAndWake');
    const afterRecord = kinds.slice(recorded).filter(Boolean);
    // The step that records the facts wakes their queue; the next timer goes out with it, and the order's workflow
    // starts and signals nothing.
    expect(afterRecord.slice(0, 2)).toEqual(['step:recordSlaFactsAndWake', 'timer']);
    expect(kinds.filter((k) => ['startDelivery', 'signalDelivery', 'step:recordSlaFacts'].includes(k))).toEqual([]);
    const delivery = ts.env.client.workflow.getHandle(
      deliveryWorkflowId({ channel: 'webhook', destination: subscriptionId }),
    );
    expect((await delivery.describe()).type).toBe('deliveryWorkflow');
    recordHistoryIfAsked('tail-order-breached-webhook', orderWorkflowId(orders[0]!.id), ts.env.address);
  }, 120_000);

  it('one delivery workflow per destination retries on one bounded schedule, then gives everything up', async () => {
    const destination = { channel: 'webhook', destination: subscriptionId };
    const handle = ts.env.client.workflow.getHandle(deliveryWorkflowId(destination));
    // Let the schedule run out: at most about 50 minutes after the first failure.
    await ts.skip(2 * HOUR);
    await waitFor(async () => (await handle.describe()).status.name === 'COMPLETED', {
      timeoutMs: 20_000,
      what: 'the delivery workflow ending',
    });
    const rows = await statement<{ id: string; status: string; attempts: number; lastError: string }>(
      db(),
      "select id, status, attempts, last_error as lastError from notifications where channel = 'webhook'",
    ).all();
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['failed']));
    // Each burst of news (the jeopardies at 2 h, the breaches at 4 h) got one schedule of attempts on the head of the
    // queue, one per round: the schedule, not the number of notifications queued behind it.
    expect(rows.reduce((sum, r) => sum + r.attempts, 0)).toBe(2 * deliverySchedule.rounds);
    for (const r of rows) expect(r.lastError).toBe(`${subscriptionId} took nothing in 12 rounds`);
    // No workflow per notification.
    for (const r of rows) await expect(ts.env.client.workflow.getHandle(`notify-${r.id}`).describe()).rejects.toThrow();
  }, 120_000);

  it('a destination backing off keeps its history short, continuing as new without losing its place in the schedule', async () => {
    const order = await placeOrder(
      ts.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await ts.skip(2 * HOUR);
    const [jeopardy] = await factsForEntity(db(), 'order', order.id);
    const notification = async () =>
      (await notificationsForFact(db(), jeopardy!.id)).find((n) => n.channel === 'webhook');
    // The first round failed: the workflow waits 5 s before the next (the server's time stands still meanwhile).
    await waitFor(async () => (await notification())?.attempts === 1, { timeoutMs: 20_000, what: 'the first attempt' });
    const handle = ts.env.client.workflow.getHandle(
      deliveryWorkflowId({ channel: 'webhook', destination: subscriptionId }),
    );
    const firstRun = (await handle.describe()).runId;
    // News for the destination keeps coming while it waits, as every queued notification signals it: 20 at a time
    // until the history passes the limit (a flood that never stops would keep refusing its continue-as-new).
    await waitFor(
      async () => {
        const run = await handle.describe();
        if (run.runId !== firstRun) return true;
        if (run.historyLength <= DELIVERY_HISTORY_LIMIT)
          await Promise.all(Array.from({ length: 20 }, () => handle.signal(moreToDeliverSignal)));
        return false;
      },
      { timeoutMs: 60_000, what: 'the delivery workflow continuing as new' },
    );
    const firstRunHandle = ts.env.client.workflow.getHandle(handle.workflowId, firstRun);
    expect((await firstRunHandle.describe()).status.name).toBe('CONTINUED_AS_NEW');
    // It continued as new in the first workflow task that found its history past the limit, whatever signals that
    // task had to wait for (they join the history only when a task ends, and a continue-as-new they arrive during is
    // refused and tried again).
    const { events } = await firstRunHandle.fetchHistory();
    // Each completed task's history as the workflow saw it: up to its started event, the one just before it.
    const completedTasks = (events ?? []).flatMap((e) =>
      e.workflowTaskCompletedEventAttributes ? [Number(e.eventId) - 1] : [],
    );
    expect(completedTasks.at(-2)).toBeLessThanOrEqual(DELIVERY_HISTORY_LIMIT);
    expect(completedTasks.at(-1)).toBeGreaterThan(DELIVERY_HISTORY_LIMIT);
    expect(events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    // The schedule carried on where it was: one attempt per round, 12 rounds in all, then given up.
    await ts.skip(HOUR);
    await waitFor(async () => (await notification())?.status === 'failed', {
      timeoutMs: 20_000,
      what: 'the schedule running out',
    });
    expect((await notification())?.attempts).toBe(deliverySchedule.rounds);
  }, 120_000);
});
