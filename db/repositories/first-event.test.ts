import { describe, expect, it } from 'vitest';
import { PartnerCreateSchema } from '../../openapi/partners.js';
import { orderEvent } from '../../tails/orders/events.js';
import { partnerInput } from '../../test/support/factories.js';
import { storeForTests } from '../../test/support/store.js';
import { writeTransaction } from '../access.js';
import { isForeignKeyViolation } from '../execute.js';
import { newId } from '../ids.js';
import { getOrder, insertOrderWithEvent, orderTimeline, type NewOrderRow } from './orders.js';
import { insertPartner } from './partners.js';

const at = '2027-01-04T09:00:00.000Z';
const orderRow = (partnerId: string, requestKey: string): NewOrderRow => ({
  id: newId('ord'),
  partnerId,
  deskReference: 'DESK-FIRST-EVENT',
  productCode: 'ETH-100',
  bandwidthMbps: 100,
  site: { countryCode: 'GB', postcode: 'SW1A 1AA', line1: '1 Road', city: 'London' },
  contact: { name: 'A', email: 'a@example.com' },
  requestedCompletionDate: '2099-01-01',
  state: 'acknowledged',
  submission: 'submitting',
  requestKey,
  createdBy: 'key_desk',
  createdAt: at,
  updatedAt: at,
});
const placedEvent = (order: NewOrderRow) =>
  orderEvent(order, {
    source: 'desk',
    type: 'orderPlaced',
    fromState: null,
    toState: 'acknowledged',
    outcome: 'applied',
    detail: null,
    occurredAt: at,
    receivedAt: at,
  });

describe('an order and its first event, written together (one statement on PostgreSQL)', () => {
  const store = storeForTests();
  const partner = async () =>
    (await insertPartner(store.db, PartnerCreateSchema.parse(partnerInput({ status: 'active' })), new Date(at))).id;

  it('stores both, and answers the order as stored', async () => {
    const order = orderRow(await partner(), 'key_desk:first');
    const event = placedEvent(order);
    const stored = await insertOrderWithEvent(store.db, order, event);
    expect(stored).toEqual(await getOrder(store.db, order.id));
    expect(stored).toMatchObject({ id: order.id, requestKey: 'key_desk:first', workflowStartedAt: null });
    expect((await orderTimeline(store.db, order.id)).map((e) => e.id)).toEqual([event.id]);
  });

  it('writes nothing for a second order of the same request, and answers the first', async () => {
    const partnerId = await partner();
    const first = orderRow(partnerId, 'key_desk:again');
    await insertOrderWithEvent(store.db, first, placedEvent(first));
    const second = orderRow(partnerId, 'key_desk:again');
    const answer = await insertOrderWithEvent(store.db, second, placedEvent(second));
    expect(answer.id).toBe(first.id);
    expect(await getOrder(store.db, second.id)).toBeUndefined();
    expect(await orderTimeline(store.db, second.id)).toEqual([]);
    expect(await orderTimeline(store.db, first.id)).toHaveLength(1);
  });

  it("inside a caller's transaction, answers a second order of the same request and keeps the transaction usable", async () => {
    const partnerId = await partner();
    const first = orderRow(partnerId, 'key_desk:in-transaction');
    await insertOrderWithEvent(store.db, first, placedEvent(first));
    const later = orderRow(partnerId, 'key_desk:after-conflict');
    await writeTransaction(store.db, async () => {
      const second = orderRow(partnerId, 'key_desk:in-transaction');
      expect((await insertOrderWithEvent(store.db, second, placedEvent(second))).id).toBe(first.id);
      await insertOrderWithEvent(store.db, later, placedEvent(later));
    });
    expect(await getOrder(store.db, later.id)).toMatchObject({ id: later.id });
    expect(await orderTimeline(store.db, later.id)).toHaveLength(1);
  });

  it('refuses an order whose partner does not exist, writing neither it nor its event', async () => {
    const order = orderRow('ptn_missing', 'key_desk:orphan');
    const refused = await insertOrderWithEvent(store.db, order, placedEvent(order)).catch((err: unknown) => err);
    expect(isForeignKeyViolation(refused)).toBe(true);
    expect(await getOrder(store.db, order.id)).toBeUndefined();
    expect(await orderTimeline(store.db, order.id)).toEqual([]);
  });

  it('stores each order with the columns it gives, whichever order gave which columns before', async () => {
    const partnerId = await partner();
    const plain = orderRow(partnerId, 'key_desk:plain');
    const withFields = { ...orderRow(partnerId, 'key_desk:fields'), carrierFields: { vlan: 42, note: "it's" } };
    const again = orderRow(partnerId, 'key_desk:plain-again');
    for (const order of [plain, withFields, again]) await insertOrderWithEvent(store.db, order, placedEvent(order));
    expect((await getOrder(store.db, plain.id))?.carrierFields).toBeNull();
    expect((await getOrder(store.db, withFields.id))?.carrierFields).toEqual({ vlan: 42, note: "it's" });
    expect(await getOrder(store.db, again.id)).toMatchObject({
      carrierFields: null,
      requestKey: 'key_desk:plain-again',
    });
    expect((await orderTimeline(store.db, again.id)).map((e) => e.orderId)).toEqual([again.id]);
  });
});
