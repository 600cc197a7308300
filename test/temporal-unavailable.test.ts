import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../tails/reconcile.js';
import { workflowsUnavailable } from '../workers/client.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';
import { fetchOrder, orderInput, placeOrder } from './support/orders.js';
import { raiseTicket, ticketInput } from './support/tickets.js';
import { statement } from '../db/execute.js';

/** Temporal down: orders and tickets are still accepted (stored for the reconciler); desk actions say to retry. */
describe('while the workflow engine cannot be reached', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await createTestPlatform({ workflows: workflowsUnavailable });
  });
  afterAll(() => platform?.close());
  const awaitingWorkflow = (table: 'orders' | 'tickets', id: string) =>
    statement(platform.db, `select workflow_started_at from ${table} where id = ?`).pluck().get(id);

  it('accepts an order, answers its desk actions 503 with Retry-After, and changes nothing', async () => {
    const carrier = await platform.createPartner({ adapter: { orderingApi: 'none' } });
    const placed = await placeOrder(
      platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    expect(placed.state).toBe('acknowledged');
    expect(await awaitingWorkflow('orders', placed.id)).toBeNull();

    for (const action of ['cancel', 'retry-submission']) {
      const res = await platform.request('POST', `/api/v1/orders/${placed.id}/${action}`, {
        key: platform.keys.desk,
        json: { reason: 'customer withdrew' },
      });
      expect(res.status, action).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 503, code: 'unavailable' });
    }
    const order = await fetchOrder(platform, placed.id);
    expect(order.timeline.map((e) => e.type)).toEqual(['orderPlaced']);
    expect(await awaitingWorkflow('orders', placed.id)).toBeNull();
  });

  it('accepts a ticket and answers its cancellation 503', async () => {
    const carrier = await platform.createPartner({ adapter: { orderingApi: 'none' } });
    const order = await placeOrder(
      platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    // Delivered while Temporal was up (a carrier update needs the workflow engine to be applied).
    await statement(platform.db, "update orders set state = 'completed' where id = ?").run(order.id);
    const raised = await raiseTicket(platform, ticketInput(order.id));
    expect(await awaitingWorkflow('tickets', raised.id)).toBeNull();
    const res = await platform.request('POST', `/api/v1/tickets/${raised.id}/cancel`, {
      key: platform.keys.desk,
      json: { reason: 'fault was on the customer side' },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it('the reconciler leaves what it could not start for its next round', async () => {
    const later = new Date(Date.now() + 60_000);
    const log = pino({ level: 'silent' });
    const round = await reconcile({ db: platform.db, log, now: () => later, workflows: workflowsUnavailable });
    expect(round).toMatchObject({ ordersStarted: 0, ticketsStarted: 0, temporalUnreachable: true });
    const waiting = statement(platform.db, 'select count(*) from orders where workflow_started_at is null').pluck();
    expect(await waiting.get()).toBeGreaterThanOrEqual(2);
  });
});
