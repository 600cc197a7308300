import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTmfSpec as loadSpec } from '../partners/certification/tmf-spec.js';
import type { RunningSimulator } from '../partners/simulator/server.js';
import { startCarrier, waitForOrder } from './support/carrier.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder } from './support/orders.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { sonataConfiguration, startSonataCarrier } from './support/sonata-carrier.js';
import { tmfSpecsDir } from './support/tmf-spec.js';

type Item = { id: string; action: string; product: { id?: string; productCharacteristic?: { value: unknown }[] } };

/**
 * Changing and ceasing delivered tails (item actions modify and delete), against simulated carriers over real HTTP
 * (TMF622 v4, MEF LSO Sonata with a two-item product) and a real Temporal.
 */
describe('changes and ceases of delivered tails', () => {
  let h: OrderHarness;
  const sims: RunningSimulator[] = [];
  beforeAll(async () => {
    h = await startOrderHarness();
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
    await h?.stop();
  });
  let seq = 0;
  const change = (orderId: string, json: Record<string, unknown>, key = h.platform.keys.desk) =>
    h.platform.request('POST', `/api/v1/orders/${orderId}/changes`, {
      key,
      json: { deskReference: `CHG-${++seq}`, requestedCompletionDate: '2099-01-15', ...json },
      headers: { 'idempotency-key': `chg-${seq}` },
    });
  const completed = (id: string) => waitForOrder(h, id, (o) => o.state === 'completed', `order ${id} completed`);

  it('TMF622: modifies the delivered circuit to a new bandwidth, then ceases it; nothing after the cease', async () => {
    const c = await startCarrier(h, 'tmf622-v4');
    sims.push(c.sim);
    // A cease has a delivery OLA of its own; a change falls to the general one.
    const delivery = (id: string, actions?: string[]) => ({
      id,
      metric: 'orderDelivery',
      appliesTo: { entity: 'order', ...(actions ? { actions } : {}) },
      stop: { state: 'completed' },
      target: { kind: 'clockDuration', hours: 720 },
    });
    await givePolicy(
      h.platform.db,
      c.partner.id,
      policyDocument([delivery('cease-delivery', ['delete']), delivery('delivery')]),
    );
    const olasOf = async (orderId: string) =>
      (
        (await (
          await h.platform.request('GET', `/api/v1/orders/${orderId}/sla`, { key: h.platform.keys.desk })
        ).json()) as { clocks: { olaId: string }[] }
      ).clocks.map((clock) => clock.olaId);
    const spec = loadSpec('TMF622-ProductOrder-v4.0.0.swagger.json', tmfSpecsDir);
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const early = await change(placed.id, { action: 'modify', bandwidthMbps: 1000 });
    expect(early.status).toBe(409);
    const delivered = await completed(placed.id);
    const circuit = delivered.carrierCircuitRef!;
    expect(circuit).toMatch(/^CCT-/);

    const res = await change(placed.id, { action: 'modify', bandwidthMbps: 1000 });
    expect(res.status).toBe(201);
    const modify = (await res.json()) as { id: string; action: string; changesOrderId: string; bandwidthMbps: number };
    expect(modify).toMatchObject({ action: 'modify', changesOrderId: placed.id, bandwidthMbps: 1000 });
    expect((await change(placed.id, { action: 'delete' })).status).toBe(409); // one open change at a time
    const modified = await completed(modify.id);
    expect(modified.carrierCircuitRef).toBe(circuit);
    const [sent] = c.sim.orders().filter((o) => o.externalIds.includes(modify.id));
    spec.assertValid('ProductOrder_Create', sent!.request);
    const [item] = sent!.request.productOrderItem as Item[];
    expect(item).toMatchObject({ action: 'modify', product: { id: circuit } });
    expect(item!.product.productCharacteristic![0]!.value).toBe(1000);

    const same = await change(placed.id, { action: 'modify', bandwidthMbps: 1000 });
    expect(same.status).toBe(422);
    expect(JSON.stringify(await same.json())).toContain('bandwidthMbps');
    const cease = (await (await change(placed.id, { action: 'delete' })).json()) as {
      id: string;
      bandwidthMbps: number;
    };
    expect(cease.bandwidthMbps).toBe(1000);
    await completed(cease.id);
    const [ceaseSent] = c.sim.orders().filter((o) => o.externalIds.includes(cease.id));
    expect((ceaseSent!.request.productOrderItem as Item[])[0]).toMatchObject({
      action: 'delete',
      product: { id: circuit },
    });
    expect(await olasOf(placed.id)).toEqual(['delivery']);
    expect(await olasOf(modify.id)).toEqual(['delivery']);
    expect(await olasOf(cease.id)).toEqual(['cease-delivery']);
    const after = await change(placed.id, { action: 'modify', bandwidthMbps: 200 });
    expect(after.status).toBe(409);
    expect(JSON.stringify(await after.json())).toContain(`ceased by order ${cease.id}`);
    expect((await change(modify.id, { action: 'delete' })).status).toBe(409); // a change is not a tail of its own
  });

  it('refuses callers who may not, bodies that are wrong, and orders that are not there', async () => {
    const c = await startCarrier(h, 'tmf622-v5');
    sims.push(c.sim);
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await completed(placed.id);
    expect((await change(placed.id, { action: 'delete' }, h.platform.keys.finance)).status).toBe(403);
    expect((await change(placed.id, { action: 'delete' }, c.partner.key)).status).toBe(403);
    expect((await change('ord_missing', { action: 'delete' })).status).toBe(404);
    const noBandwidth = await change(placed.id, { action: 'modify' });
    expect(noBandwidth.status).toBe(422);
    expect(JSON.stringify(await noBandwidth.json())).toContain('bandwidthMbps');
    expect((await change(placed.id, { action: 'delete', bandwidthMbps: 10 })).status).toBe(422);
    expect((await change(placed.id, { action: 'rename' })).status).toBe(422);
    const past = await change(placed.id, { action: 'delete', requestedCompletionDate: '2020-01-01' });
    expect(past.status).toBe(422);
    // Nothing was placed by any of them.
    expect(c.sim.orders()).toHaveLength(1);
  });

  it('MEF LSO Sonata: ceases a two-item tail, deleting each item’s delivered product', async () => {
    const uni = { '@type': 'urn:mef:lso:spec:sonata:carrier-ethernet-operator-uni:v5.0.0:all', linkOam: 'ENABLED' };
    const { sim, partner } = await startSonataCarrier(h, sims, {}, 'poll', {
      productSpecifications: {
        'ETH-100': {
          id: 'AccessEline',
          orderItems: [
            {
              id: 'item-001',
              productOffering: '000073',
              productConfiguration: sonataConfiguration,
              itemRelationships: [{ relationshipType: 'CONNECTS_TO_UNI', id: 'item-002' }],
            },
            { id: 'item-002', productOffering: '000075', productConfiguration: uni, place: true },
          ],
        },
      },
    });
    const spec = loadSpec('productOrderManagement.api.yaml', path.resolve(tmfSpecsDir, '../mef'));
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const delivered = await completed(placed.id);
    const modify = (await (await change(placed.id, { action: 'modify', bandwidthMbps: 500 })).json()) as { id: string };
    await completed(modify.id);
    const [modifySent] = sim.orders().filter((o) => o.externalIds.includes(modify.id));
    spec.assertValid('ProductOrder_Create', modifySent!.request);
    // Only the OVC carries the bandwidth; its tie to the UNI item is now to the UNI's delivered product.
    expect(modifySent!.request.productOrderItem).toEqual([
      expect.objectContaining({
        id: 'item-001',
        action: 'modify',
        product: expect.objectContaining({
          id: delivered.carrierCircuitRef,
          productRelationship: [{ relationshipType: 'CONNECTS_TO_UNI', id: `${delivered.carrierCircuitRef}-item-002` }],
        }),
      }),
    ]);
    const cease = (await (await change(placed.id, { action: 'delete' })).json()) as { id: string };
    await completed(cease.id);
    const [ceaseSent] = sim.orders().filter((o) => o.externalIds.includes(cease.id));
    spec.assertValid('ProductOrder_Create', ceaseSent!.request);
    expect((ceaseSent!.request.productOrderItem as Item[]).map((i) => [i.action, i.product])).toEqual([
      ['delete', { id: delivered.carrierCircuitRef }],
      ['delete', { id: `${delivered.carrierCircuitRef}-item-002` }],
    ]);
  });
});
