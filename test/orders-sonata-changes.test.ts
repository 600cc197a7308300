import { describe, expect, it } from 'vitest';
import { waitForOrder } from './support/carrier.js';
import { orderInput, placeOrder } from './support/orders.js';
import { sonataOrderSuite } from './support/sonata-carrier.js';
import { waitFor } from './support/wait.js';

type Request = { id: string; kind: string; status: string; method: string | null; carrierReference: string | null };
type Item = { id: string; requestedCompletionDate: string; relatedContactInformation: { emailAddress: string }[] };

/**
 * The desk's changes to an order in flight at a MEF LSO Sonata carrier (real HTTP, real Temporal): a new requested
 * date through the seller's delivery date modification task, a new contact and notes by PATCH, a new bandwidth
 * refused before anything is sent.
 */
describe('amending and noting orders in flight through MEF LSO Sonata', () => {
  const suite = sonataOrderSuite();
  const { spec } = suite;
  const desk = (method: string, url: string, json?: unknown) =>
    suite.h.platform.request(method, url, { key: suite.h.platform.keys.desk, ...(json !== undefined && { json }) });
  const answered = (orderId: string, id: string) =>
    waitFor(
      async () => {
        const res = await desk('GET', `/api/v1/orders/${orderId}/requests`);
        return ((await res.json()) as { items: Request[] }).items.find((r) => r.id === id && r.status !== 'pending');
      },
      { what: `request ${id} answered` },
    );
  /** An order the carrier is working on, for a minute: long enough to be changed. */
  async function orderInFlight() {
    const { sim, partner } = await suite.sonataCarrier({ completeDelayMs: 60_000 });
    const placed = await placeOrder(
      suite.h.platform,
      orderInput({ partnerId: partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(suite.h, placed.id, (o) => o.state === 'inProgress', 'in progress');
    const atCarrier = () => sim.orders().find((o) => o.externalIds.includes(placed.id))!;
    return { sim, placed, atCarrier };
  }

  it('moves the requested date through the delivery date modification task; the seller recommits', async () => {
    const { sim, placed, atCarrier } = await orderInFlight();
    const contact = { name: 'Bob Site', email: 'bob@customer.example', phone: '+44 20 7946 0001' };
    const res = await desk('POST', `/api/v1/orders/${placed.id}/amendments`, {
      requestedCompletionDate: '2099-03-01',
      contact,
    });
    expect(res.status).toBe(202);
    const done = await answered(placed.id, ((await res.json()) as Request).id);
    expect(done).toMatchObject({ status: 'accepted', method: 'modifyDeliveryDate' });
    const modifications = (await (
      await fetch(`${sim.sonataRoot}/productOrderingManagement/v10/modifyProductOrderItemRequestedDeliveryDate`)
    ).json()) as unknown[];
    expect(modifications).toHaveLength(1);
    spec.assertValid('MEFModifyProductOrderItemRequestedDeliveryDate', modifications[0]);
    expect(done.carrierReference).toBe((modifications[0] as { id: string }).id);
    const [item] = atCarrier().request.productOrderItem as Item[];
    expect(item!.requestedCompletionDate).toBe('2099-03-01T00:00:00Z');
    expect(item!.relatedContactInformation.map((c) => c.emailAddress)).toEqual(['bob@customer.example']);
    const notes = atCarrier().request.note as { text: string; source: string }[];
    expect(notes).toEqual([expect.objectContaining({ source: 'buyer', text: expect.stringContaining('2099-03-01') })]);
    spec.assertValid('ProductOrder_Update', { note: notes });
    const order = await waitForOrder(
      suite.h,
      placed.id,
      (o) =>
        (o as unknown as { dates: { committed: string | null } }).dates.committed?.startsWith('2099-03-01') ?? false,
      'the seller recommitted to the new date',
    );
    expect(order.timeline.map((e) => e.type)).toContain('requestedDateChanged');
  });

  it('refuses a new bandwidth (Sonata cannot change an order’s product in flight) and sends notes as MEF notes', async () => {
    const { placed, atCarrier } = await orderInFlight();
    const res = await desk('POST', `/api/v1/orders/${placed.id}/amendments`, { bandwidthMbps: 1000 });
    expect(res.status).toBe(202);
    const refused = await answered(placed.id, ((await res.json()) as Request).id);
    expect(refused).toMatchObject({ status: 'rejected' });
    expect((refused as unknown as { answer: string }).answer).toContain('cannot change the product of an order');
    expect(atCarrier().request.note).toBeUndefined();

    const note = await desk('POST', `/api/v1/orders/${placed.id}/notes`, { text: 'Site access from 07:00' });
    expect(note.status).toBe(202);
    expect(await answered(placed.id, ((await note.json()) as Request).id)).toMatchObject({ status: 'accepted' });
    expect(atCarrier().request.note).toEqual([
      expect.objectContaining({ author: 'Tailgate', source: 'buyer', text: 'Site access from 07:00' }),
    ]);
  });
});
