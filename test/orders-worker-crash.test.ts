import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCarrier, waitForOrder } from './support/carrier.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder } from './support/orders.js';
import { killAll, startWorkerProcess } from './support/processes.js';
import { waitFor } from './support/wait.js';

/** The worker runs in its own process here, so it can be killed with SIGKILL in the middle of an order. */
describe('a worker killed in the middle of a run', () => {
  let h: OrderHarness;
  let c: Awaited<ReturnType<typeof startCarrier>>;
  const workers: ChildProcess[] = [];

  const startWorker = () => startWorkerProcess(h, workers);

  beforeAll(async () => {
    // An attempt lost with its worker is retried after 3 s, not the default 30.
    h = await startOrderHarness({ inProcessWorker: false, timings: { attemptTimeoutMs: 3_000 } });
    c = await startCarrier(h, 'tmf622-v5', { completeDelayMs: 1_500 });
  });
  afterAll(async () => {
    killAll(workers);
    await c?.sim.close();
    await h?.stop();
  });

  it('completes the order after a restart: nothing lost, nothing sent twice', async () => {
    const first = await startWorker();
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(h, placed.id, (o) => o.state === 'inProgress', 'inProgress');

    first.kill('SIGKILL');
    await once(first, 'exit');
    // The carrier keeps going while no worker runs: its events are stored and signalled to the waiting workflow.
    await waitForOrder(
      h,
      placed.id,
      (o) => o.state === 'completed',
      'completed at the carrier while the worker is down',
    );

    await startWorker();
    expect(await h.client.workflow.getHandle(`tail-order-${placed.id}`).result()).toBe('completed');
    expect(c.sim.orders().filter((o) => o.externalIds.includes(placed.id))).toHaveLength(1);
    const order = await waitForOrder(h, placed.id, () => true, 'order');
    const submitted = order.timeline.filter((e) => e.type === 'submitted');
    expect(submitted).toHaveLength(1);
  }, 90_000);

  it('a worker killed while its submission is in flight: the carrier gets the order once', async () => {
    // Every carrier answer comes 800 ms after the work is done (under the worker's 1 s carrier timeout).
    c.sim.setProfile({ ...c.sim.profile(), timeoutRate: 1, hangMs: 800 });
    for (const w of workers.filter((w) => w.exitCode === null && w.signalCode === null)) {
      w.kill('SIGKILL');
      await once(w, 'exit');
    }
    const worker = await startWorker();
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitFor(() => c.sim.orders().some((o) => o.externalIds.includes(placed.id)), {
      intervalMs: 20,
      what: 'the order made at the carrier, its answer not yet sent',
    });
    worker.kill('SIGKILL');
    await once(worker, 'exit');
    expect((await waitForOrder(h, placed.id, () => true, 'order')).submission).toBe('submitting');

    await startWorker();
    await waitForOrder(h, placed.id, (o) => o.state === 'completed', 'completed after the restart', 30_000);
    expect(c.sim.orders().filter((o) => o.externalIds.includes(placed.id))).toHaveLength(1);
  }, 90_000);
});
