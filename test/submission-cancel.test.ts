import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { orderWorkflowDefaults, orderWorkflowId, ticketWorkflowId } from '../workers/config.js';
import { startCarrier, waitForOrder } from './support/carrier.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { fetchOrder, orderInput, placeOrder } from './support/orders.js';
import { deliveredOrder, fetchTicket, raiseTicket, ticketInput } from './support/tickets.js';
import { startTimeSkippingPlatform, type TimeSkippingPlatform } from './support/time-skipping.js';
import { waitFor } from './support/wait.js';
import { statement } from '../db/execute.js';
import { uncertified } from './support/platform.js';

/**
 * A cancellation asked while a submission is still being retried takes effect at once, not after the retry window
 * (orderWorkflowDefaults.unreachableAfterMs, 30 minutes). If a create request ever went out, the carrier is asked
 * whether it holds the order after all: held, it is told to cancel; not held, nothing more is sent; not answering,
 * the desk gets a task to check.
 */
describe('a cancellation while the submission is being retried (time-skipping Temporal)', () => {
  let ts: TimeSkippingPlatform;
  let sim: RunningSimulator;
  beforeAll(async () => {
    ts = await startTimeSkippingPlatform({ carriersOverHttp: true });
    sim = await startSimulator({ port: 0, profile: { ...fastProfile, submitErrorRate: 1 } });
  }, 60_000);
  afterAll(async () => {
    await sim?.close();
    await ts?.stop();
  });
  const nowhere = { baseUrl: 'http://127.0.0.1:9/tmf-api' };
  /** Until the submission has failed twice: the workflow is in its retry schedule. */
  const retrying = (workflowId: string) =>
    waitFor(
      async () => {
        const described = await ts.env.client.workflow.getHandle(workflowId).describe();
        return (described.raw.pendingActivities?.[0]?.attempt ?? 0) >= 2;
      },
      { timeoutMs: 20_000, intervalMs: 50, what: 'a retried submission' },
    );
  /** Lets server time pass a minute at a time until `done`; how much passed, always less than the retry window. */
  const skipUntil = async (done: () => Promise<boolean>) => {
    const start = await ts.env.currentTimeMs();
    while (!(await done())) {
      expect((await ts.env.currentTimeMs()) - start).toBeLessThan(orderWorkflowDefaults.unreachableAfterMs);
      await ts.skip(60_000);
    }
    return (await ts.env.currentTimeMs()) - start;
  };
  const tasks = (column: 'order_id' | 'ticket_id', id: string) =>
    statement<{ reason: string; status: string }>(
      ts.platform.db,
      `select reason, status from manual_tasks where ${column} = ?`,
    ).all(id);
  const cancelOrder = (id: string) =>
    ts.platform.request('POST', `/api/v1/orders/${id}/cancel`, {
      key: ts.platform.keys.desk,
      json: { reason: 'customer withdrew' },
    });

  it('an order no create request ever reached is cancelled at once, the carrier not asked', async () => {
    const carrier = await ts.platform.createPartner({ adapter: { orderingApi: 'tmf622-v4', ...nowhere } });
    const placed = await placeOrder(
      ts.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await retrying(orderWorkflowId(placed.id));
    expect((await cancelOrder(placed.id)).status).toBe(202);

    // No server time is skipped: before the fix this waited for the 30 minute retry window.
    const order = await waitFor(
      async () => {
        const now = await fetchOrder(ts.platform, placed.id);
        return now.state === 'cancelled' ? now : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 50, what: 'cancelled' },
    );
    expect(order.timeline.map((e) => e.type)).toEqual([
      'orderPlaced',
      'cancellationRequested',
      'cancelledBeforeSubmission',
    ]);
    expect(await tasks('order_id', placed.id)).toEqual([]);
    expect(await ts.env.client.workflow.getHandle(orderWorkflowId(placed.id)).result()).toBe('cancelled');
  }, 60_000);

  it('a trouble ticket likewise', async () => {
    const carrier = await ts.platform.createPartner({
      adapter: { orderingApi: 'none', troubleTicketApi: 'tmf621-v4', ...nowhere },
    });
    const order = await deliveredOrder(ts.platform, carrier);
    const raised = await raiseTicket(ts.platform, ticketInput(order.id));
    await retrying(ticketWorkflowId(raised.id));
    const cancel = await ts.platform.request('POST', `/api/v1/tickets/${raised.id}/cancel`, {
      key: ts.platform.keys.desk,
      json: { reason: 'fault was on the customer side' },
    });
    expect(cancel.status).toBe(202);
    await waitFor(async () => (await fetchTicket(ts.platform, raised.id)).status === 'cancelled', {
      timeoutMs: 20_000,
      intervalMs: 50,
      what: 'cancelled',
    });
    expect(await tasks('ticket_id', raised.id)).toEqual([]);
  }, 60_000);

  it('an order whose create requests went out to a carrier that then stops answering: cancelled, the desk to check', async () => {
    const carrier = await ts.platform.createPartner({ adapter: { orderingApi: 'tmf622-v4', baseUrl: sim.apiRoot } });
    const placed = await placeOrder(
      ts.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await retrying(orderWorkflowId(placed.id));
    await ts.platform.request('PATCH', `/api/v1/partners/${carrier.id}`, {
      json: { adapter: { orderingApi: 'tmf622-v4', ...nowhere }, ...uncertified },
    });
    expect((await cancelOrder(placed.id)).status).toBe(202);

    // The carrier check is bounded to 2 minutes of server time.
    const took = await skipUntil(async () => (await fetchOrder(ts.platform, placed.id)).state === 'cancelled');
    expect(took).toBeGreaterThan(0);
    expect(took).toBeLessThanOrEqual(3 * 60_000);
    expect(await tasks('order_id', placed.id)).toEqual([
      { reason: expect.stringContaining('could not be asked whether it holds order'), status: 'open' },
    ]);
    expect(sim.orders()).toEqual([]);
  }, 60_000);
});

describe('a cancellation while the submission is being retried (real HTTP)', () => {
  let h: OrderHarness;
  beforeAll(async () => {
    h = await startOrderHarness({ timings: { unreachableAfterMs: 10 * 60_000 } });
  });
  afterAll(async () => {
    await h?.stop();
  });
  const cancel = (id: string) =>
    h.platform.request('POST', `/api/v1/orders/${id}/cancel`, {
      key: h.platform.keys.desk,
      json: { reason: 'customer withdrew' },
    });

  it('a carrier that got the order after all is told to cancel it, and holds only the one', async () => {
    // Every order creation is made at the carrier and then answered 503, so each attempt looks failed; the carrier
    // takes a minute to start work, so the cancellation reaches it first.
    const c = await startCarrier(h, 'tmf622-v5', { failFirstSubmits: 1_000, progressDelayMs: 60_000 });
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitFor(() => c.sim.orders().some((o) => o.externalIds.includes(placed.id)), {
      intervalMs: 20,
      what: 'the first attempt reaching the carrier',
    });
    expect((await cancel(placed.id)).status).toBe(202);
    const order = await waitForOrder(h, placed.id, (o) => o.state === 'cancelled', 'cancelled at the carrier');
    expect(order.partnerOrderId).not.toBeNull();
    const atCarrier = c.sim.orders().filter((o) => o.externalIds.includes(placed.id));
    expect(atCarrier).toHaveLength(1);
    expect(atCarrier[0]!.state).toBe('cancelled');
    await c.sim.close();
  }, 60_000);

  it('a carrier that answers it holds nothing: cancelled here, nothing more sent, no desk task', async () => {
    const c = await startCarrier(h, 'tmf622-v5', { submitErrorRate: 1 });
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitFor(
      () => statement(h.platform.db, 'select carrier_contacted_at from orders where id = ?').pluck().get(placed.id),
      { intervalMs: 20, what: 'a create request sent' },
    );
    expect((await cancel(placed.id)).status).toBe(202);
    const order = await waitForOrder(h, placed.id, (o) => o.state === 'cancelled', 'cancelled');
    expect(order.timeline.map((e) => e.type).at(-1)).toBe('cancelledBeforeSubmission');
    expect(c.sim.orders()).toEqual([]);
    expect(
      await statement(h.platform.db, 'select count(*) from manual_tasks where order_id = ?').pluck().get(placed.id),
    ).toBe(0);
    await c.sim.close();
  }, 60_000);
});
