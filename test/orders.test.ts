import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { waitForOrder } from './support/carrier.js';
import { fetchOrder, orderInput, placeOrder } from './support/orders.js';
import { loadTmfSpec } from './support/tmf-spec.js';
import { waitFor } from './support/wait.js';
import { statement } from '../db/execute.js';

/** A carrier without an API: it pulls its orders from our TMF622 server and PATCHes them along. */
describe('orders for a carrier without an API (TMF622 server, real Temporal)', () => {
  let h: OrderHarness;
  let carrier: { id: string; key: string };
  let other: { id: string; key: string };
  const spec = loadTmfSpec('TMF622-ProductOrder-v4.0.0.swagger.json');

  beforeAll(async () => {
    h = await startOrderHarness();
    carrier = await h.platform.createPartner({ adapter: { orderingApi: 'none' } });
    other = await h.platform.createPartner({ adapter: { orderingApi: 'none' } });
  });
  afterAll(() => h?.stop());

  const patch = (id: string, body: unknown, key = carrier.key) =>
    h.platform.request('PATCH', `/tmf-api/productOrderingManagement/v4/productOrder/${id}`, { key, json: body });

  it('places an order the carrier pulls, moves to completed, and the workflow ends with it', async () => {
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    expect(placed.state).toBe('acknowledged');
    await waitFor(async () => (await fetchOrder(h.platform, placed.id)).submission === 'awaitingPartnerPull', {
      what: 'awaiting pull',
    });

    const pulled = (await (
      await h.platform.request('GET', '/tmf-api/productOrderingManagement/v4/productOrder', { key: carrier.key })
    ).json()) as Record<string, unknown>[];
    expect(pulled.map((o) => o.id)).toContain(placed.id);
    for (const po of pulled) spec.assertValid('ProductOrder', po);

    expect(
      (
        await patch(placed.id, {
          state: 'inProgress',
          expectedCompletionDate: '2099-01-10T17:00:00Z',
          externalId: 'NF-123',
        })
      ).status,
    ).toBe(200);
    // The carrier's own time for the completion (after the order was placed, before it told us) is taken.
    const completedAt = new Date(Date.parse((placed as unknown as { createdAt: string }).createdAt) + 1).toISOString();
    const done = await patch(placed.id, { state: 'completed', completionDate: completedAt });
    expect(done.status).toBe(200);
    spec.assertValid('ProductOrder', await done.json());

    const order = await fetchOrder(h.platform, placed.id);
    expect(order).toMatchObject({
      state: 'completed',
      partnerOrderId: 'NF-123',
      dates: { committed: '2099-01-10T17:00:00.000Z', completed: completedAt },
    });
    expect(order.timeline.map((e) => `${e.source}:${e.type}:${e.outcome}`)).toEqual([
      'desk:orderPlaced:applied',
      'workflow:availableToCarrier:recorded',
      'partner-pull:productOrderPatch:applied',
      'partner-pull:productOrderPatch:applied',
    ]);
    const result = await h.client.workflow.getHandle(`tail-order-${placed.id}`).result();
    expect(result).toBe('completed');
  });

  it('records and refuses an invalid transition, leaving the order as it was', async () => {
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    // Its workflow makes it available to the carrier first (an event of its own), so the refusal is the last event.
    await waitForOrder(h, placed.id, (o) => o.timeline.some((e) => e.type === 'availableToCarrier'), 'available');
    const res = await patch(placed.id, { state: 'completed' });
    expect(res.status).toBe(422);
    const order = await fetchOrder(h.platform, placed.id);
    expect(order.state).toBe('acknowledged');
    expect(order.timeline.at(-1)).toMatchObject({ source: 'partner-pull', outcome: 'refused' });
  });

  it("takes an event id a carrier reuses on another of its orders as that order's news, and a repeat as a duplicate", async () => {
    const input = () => orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 });
    const [first, second] = [await placeOrder(h.platform, input()), await placeOrder(h.platform, input())];
    const notify = (orderId: string) =>
      h.platform.request('POST', '/tmf-api/productOrderingManagement/v4/listener/productOrderStateChangeEvent', {
        key: carrier.key,
        json: {
          eventId: 'carrier-event-7',
          eventTime: new Date().toISOString(),
          event: { productOrder: { id: `carrier-${orderId}`, externalId: orderId, state: 'inProgress' } },
        },
      });
    for (const order of [first, second, first]) expect((await notify(order.id)).status).toBe(201);
    for (const order of [first, second]) {
      const stored = await fetchOrder(h.platform, order.id);
      expect(stored.state).toBe('inProgress');
      expect(stored.timeline.filter((e) => e.externalEventId === 'carrier-event-7')).toHaveLength(1);
    }
  });

  it("never lets a carrier read or patch another carrier's order", async () => {
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    expect(
      (
        await h.platform.request('GET', `/tmf-api/productOrderingManagement/v4/productOrder/${placed.id}`, {
          key: other.key,
        })
      ).status,
    ).toBe(404);
    expect((await patch(placed.id, { state: 'inProgress' }, other.key)).status).toBe(404);
    expect((await h.platform.request('GET', `/api/v1/orders/${placed.id}`, { key: other.key })).status).toBe(404);
    const list = (await (
      await h.platform.request('GET', '/tmf-api/productOrderingManagement/v4/productOrder', { key: other.key })
    ).json()) as { id: string }[];
    expect(list.map((o) => o.id)).not.toContain(placed.id);
    expect((await fetchOrder(h.platform, placed.id)).state).toBe('acknowledged');
  });

  it('refuses a query parameter our API does not declare, naming it, where TMF lists take it as a filter', async () => {
    const res = await h.platform.request('GET', '/api/v1/orders?limit=5&colour=red', { key: h.platform.keys.desk });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('colour');
    const ok = await h.platform.request('GET', '/api/v1/orders?limit=5', { key: h.platform.keys.desk });
    expect(ok.status).toBe(200);
  });

  it('lists newest first with TMF630 attribute filters, offset and limit, and fields=', async () => {
    const puller = await h.platform.createPartner({ adapter: { orderingApi: 'none' } });
    const ids: string[] = [];
    for (const deskReference of ['TMF630-A', 'TMF630-B', 'TMF630-C']) {
      const input = orderInput({ partnerId: puller.id, productCode: 'ETH-100', bandwidthMbps: 100, deskReference });
      ids.push((await placeOrder(h.platform, input)).id);
    }
    const [a, b, c] = ids as [string, string, string];
    expect((await patch(b, { state: 'inProgress' }, puller.key)).status).toBe(200);
    const list = async (query: string) => {
      const res = await h.platform.request('GET', `/tmf-api/productOrderingManagement/v4/productOrder?${query}`, {
        key: puller.key,
      });
      expect(res.status).toBe(200);
      const items = (await res.json()) as Record<string, unknown>[];
      expect(res.headers.get('x-result-count')).toBe(String(items.length));
      return items;
    };
    expect((await list('')).map((o) => o.id)).toEqual([c, b, a]);
    expect((await list('offset=1&limit=1')).map((o) => o.id)).toEqual([b]);
    // A filter on a nested attribute, with the state filter beside it; paging applies after filtering.
    expect((await list('state=acknowledged&productOrderItem.action=add')).map((o) => o.id)).toEqual([c, a]);
    expect((await list('productOrderItem.action=add&offset=2')).map((o) => o.id)).toEqual([a]);
    expect(await list('productOrderItem.action=modify')).toEqual([]);
    const selected = await list('fields=state&limit=2');
    expect(selected).toEqual([
      { id: c, href: expect.stringContaining(c), state: 'acknowledged' },
      { id: b, href: expect.stringContaining(b), state: 'inProgress' },
    ]);
  });

  it('replays the first response for a repeated Idempotency-Key, refuses a changed body, and creates one order', async () => {
    const body = orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 });
    const send = (json: unknown) =>
      h.platform.request('POST', '/api/v1/orders', {
        key: h.platform.keys.desk,
        json,
        headers: { 'idempotency-key': 'same-key-1' },
      });
    const first = await send(body);
    const again = await send({ ...body, site: { ...body.site }, deskReference: body.deskReference });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    const changed = await send({ ...body, deskReference: 'OTHER' });
    expect(changed.status).toBe(422);
    const mine = (await (
      await h.platform.request('GET', `/api/v1/orders?partnerId=${carrier.id}&limit=500`)
    ).json()) as { items: { deskReference: string }[] };
    expect(mine.items.filter((o) => o.deskReference === body.deskReference)).toHaveLength(1);
  });

  it('answers 409 to a duplicate sent while the first is still in flight', async () => {
    const body = orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 });
    const send = () =>
      h.platform.request('POST', '/api/v1/orders', {
        key: h.platform.keys.desk,
        json: body,
        headers: { 'idempotency-key': 'concurrent-1' },
      });
    const statuses = (await Promise.all([send(), send()])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
  });

  it('rejects bad orders with the offending field and writes nothing', async () => {
    const count = () => statement(h.platform.db, 'select count(*) from orders').pluck<number>().get();
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [orderInput({ partnerId: carrier.id, productCode: 'ETH-100' }), 'bandwidthMbps'],
      [orderInput({ partnerId: 'ptn_nope', productCode: 'ETH-100', bandwidthMbps: 10 }), 'partnerId'],
      [orderInput({ offerId: 'off_nope' }), 'offerId'],
      [
        orderInput({
          partnerId: carrier.id,
          productCode: 'ETH-100',
          bandwidthMbps: 10,
          requestedCompletionDate: '2001-01-01',
        }),
        'requestedCompletionDate',
      ],
      [
        orderInput({
          partnerId: carrier.id,
          productCode: 'ETH-100',
          bandwidthMbps: 10,
          site: { countryCode: 'GB', postcode: 'SW1A 1AA' },
        }),
        'site.line1',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await h.platform.request('POST', '/api/v1/orders', {
        key: h.platform.keys.desk,
        json: body,
        headers: { 'idempotency-key': `bad-${path}` },
      });
      expect(res.status, path).toBe(422);
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path);
    }
    const noKey = await h.platform.request('POST', '/api/v1/orders', { key: h.platform.keys.desk, json: cases[0]![0] });
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ errors: [{ path: 'header.idempotency-key' }] });
    expect(await count()).toBe(before);
  });

  it("takes the desk's values for the carrier's per-order fields, checked, and serves them in the carrier's order", async () => {
    const fielded = await h.platform.createPartner({
      adapter: {
        orderingApi: 'none',
        customFields: { order: { segment: 'wholesale' }, orderDefaults: { category: 'standard', expedite: false } },
      },
    });
    const order = (fields: Record<string, unknown>) =>
      orderInput({ partnerId: fielded.id, productCode: 'ETH-100', bandwidthMbps: 100, carrierFields: fields });
    for (const [fields, path, message] of [
      [{ nope: 'x' }, 'carrierFields.nope', 'the partner takes no field nope; it takes category, expedite'],
      [{ expedite: 'yes' }, 'carrierFields.expedite', "must be a boolean, as the partner's default is"],
    ] as const) {
      const res = await h.platform.request('POST', '/api/v1/orders', {
        key: h.platform.keys.desk,
        json: order(fields),
        headers: { 'idempotency-key': `fields-${path}` },
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([{ path, message }]);
    }
    const placed = await placeOrder(h.platform, order({ category: 'express' }));
    expect((placed as unknown as { carrierFields: unknown }).carrierFields).toEqual({ category: 'express' });
    const pulled = (await (
      await h.platform.request('GET', `/tmf-api/productOrderingManagement/v4/productOrder/${placed.id}`, {
        key: fielded.key,
      })
    ).json()) as Record<string, unknown>;
    spec.assertValid('ProductOrder', pulled);
    expect(pulled).toMatchObject({ segment: 'wholesale', category: 'express', expedite: false });
  });

  it('lists with filters and cursor pagination, a partner key seeing only its own', async () => {
    for (let i = 0; i < 3; i++)
      await placeOrder(h.platform, orderInput({ partnerId: other.id, productCode: 'ETH-100', bandwidthMbps: 100 }));
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/orders?partnerId=${other.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await h.platform.request('GET', url)).json()) as {
        items: { id: string; partnerId: string }[];
        nextCursor: string | null;
      };
      expect(page.items.every((o) => o.partnerId === other.id)).toBe(true);
      ids.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(3);
    const asPartner = (await (
      await h.platform.request('GET', '/api/v1/orders?limit=500', { key: carrier.key })
    ).json()) as { items: { partnerId: string }[] };
    expect(asPartner.items.length).toBeGreaterThan(0);
    expect(asPartner.items.every((o) => o.partnerId === carrier.id)).toBe(true);
    const acknowledged = (await (
      await h.platform.request('GET', '/api/v1/orders?state=completed&limit=500')
    ).json()) as { items: { state: string }[] };
    expect(acknowledged.items.every((o) => o.state === 'completed')).toBe(true);
  });
});
