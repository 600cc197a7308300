import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCarrier, waitForOrder } from './support/carrier.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder } from './support/orders.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { waitFor } from './support/wait.js';

type Carrier = Awaited<ReturnType<typeof startCarrier>>;
type Request = { id: string; kind: string; status: string; method: string | null; carrierReference: string | null };
type Problem = { errors?: { path: string }[]; detail: string };

/**
 * Change management against simulated carriers over real HTTP and a real Temporal: amendments as a TMF622 v5 merge
 * patch and as a v4 modification order, answers to a carrier waiting on us (its pause ends with its state), notes
 * both ways, and what the desk may not do.
 */
describe('amending and answering orders in flight (TMF622 v4 and v5, real Temporal)', () => {
  let h: OrderHarness;
  const carriers: Carrier[] = [];
  beforeAll(async () => {
    h = await startOrderHarness({ timings: { unreachableAfterMs: 30_000 } });
  });
  afterAll(async () => {
    await Promise.all(carriers.map((c) => c.sim.close()));
    await h?.stop();
  });
  const carrier = async (api: 'tmf622-v4' | 'tmf622-v5', profile: Parameters<typeof startCarrier>[2] = {}) => {
    const c = await startCarrier(h, api, profile);
    carriers.push(c);
    return c;
  };
  const desk = (method: string, url: string, json?: unknown) =>
    h.platform.request(method, url, { key: h.platform.keys.desk, ...(json !== undefined && { json }) });
  const requests = async (orderId: string) =>
    ((await (await desk('GET', `/api/v1/orders/${orderId}/requests`)).json()) as { items: Request[] }).items;
  const answered = (orderId: string, id: string) =>
    waitFor(async () => (await requests(orderId)).find((r) => r.id === id && r.status !== 'pending'), {
      what: `request ${id} answered`,
    });
  // Orders stay in progress for a minute: long enough to be changed.
  const slow = { completeDelayMs: 60_000 };

  it('v5: the amendment goes as a merge patch; the carrier recommits, the order changes, the date change is recorded', async () => {
    const c = await carrier('tmf622-v5', slow);
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(h, placed.id, (o) => o.state === 'inProgress', 'in progress');
    const res = await desk('POST', `/api/v1/orders/${placed.id}/amendments`, {
      requestedCompletionDate: '2099-03-01',
      bandwidthMbps: 1000,
    });
    expect(res.status).toBe(202);
    const asked = (await res.json()) as Request;
    expect(asked).toMatchObject({ kind: 'amend', status: 'pending' });
    expect(await answered(placed.id, asked.id)).toMatchObject({ status: 'accepted', method: 'patch' });

    const atCarrier = c.sim.orders().find((o) => o.externalIds.includes(placed.id))!;
    expect(atCarrier.request.requestedCompletionDate).toBe('2099-03-01T00:00:00Z');
    const item = (
      atCarrier.request.productOrderItem as { product: { productCharacteristic: { value: number }[] } }[]
    )[0]!;
    expect(item.product.productCharacteristic[0]!.value).toBe(1000);
    const order = await waitForOrder(
      h,
      placed.id,
      (o) =>
        (o as unknown as { dates: { committed: string | null } }).dates.committed?.startsWith('2099-03-01') ?? false,
      'the carrier recommitted to the new date',
    );
    expect(order).toMatchObject({ bandwidthMbps: 1000, dates: { requested: '2099-03-01' } });
    const types = order.timeline.map((e) => e.type);
    expect(types.indexOf('amendmentRequested')).toBeLessThan(types.indexOf('carrierRequestAnswered'));
    expect(types).toContain('requestedDateChanged');
  });

  it('v4: the amendment goes as a modification order referring to the original, sent once', async () => {
    const c = await carrier('tmf622-v4', slow);
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(h, placed.id, (o) => o.state === 'inProgress', 'in progress');
    const contact = { name: 'Jo Site', email: 'jo.site@customer.example', phone: '+44 20 7946 0111' };
    const asked = (await (await desk('POST', `/api/v1/orders/${placed.id}/amendments`, { contact })).json()) as Request;
    const done = await answered(placed.id, asked.id);
    const modifications = c.sim.orders().filter((o) => o.externalIds.includes(`${placed.id}:amend:${asked.id}`));
    expect(modifications).toHaveLength(1);
    expect(done).toMatchObject({
      status: 'accepted',
      method: 'modificationOrder',
      carrierReference: modifications[0]!.id,
    });
    expect(modifications[0]!.request.description).toMatch(/^Amendment of productOrder PO-/);
    const original = c.sim.orders().find((o) => o.externalIds.includes(placed.id))!;
    expect(original.request.relatedParty).toContainEqual(
      expect.objectContaining({ id: contact.email, name: contact.name }),
    );
    expect((await (await desk('GET', `/api/v1/orders/${placed.id}`)).json()) as object).toMatchObject({ contact });
  });

  it('answers a carrier waiting on us: its note reaches the carrier, the order resumes, the pause ends with it', async () => {
    await givePolicy(
      h.platform.db,
      (
        await carrier('tmf622-v5', {
          outcomeWeights: { completed: 0, held: 0, pending: 1, failed: 0, rejected: 0 },
          resumeAfterHoldMs: null,
        })
      ).partner.id,
      policyDocument([
        {
          id: 'delivery-10d',
          metric: 'deliveryLeadTime',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          pause: { state: 'pending' },
          target: { kind: 'clockDuration', days: 10 },
        },
      ]),
    );
    const c = carriers.at(-1)!;
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const pending = await waitForOrder(h, placed.id, (o) => o.state === 'pending', 'pending');
    // The carrier's own note (what it needs) arrived with its event.
    expect(pending.timeline.map((e) => (e as { detail?: string }).detail)).toContain(
      'Pending: site contact unreachable; please confirm access arrangements',
    );
    expect((await desk('POST', `/api/v1/orders/${placed.id}/notes`, { text: ' ' })).status).toBe(422);
    const asked = (await (
      await desk('POST', `/api/v1/orders/${placed.id}/answers`, {
        text: 'Access confirmed: key holder Jo on 07700 900123',
      })
    ).json()) as Request;
    expect(await answered(placed.id, asked.id)).toMatchObject({ status: 'accepted' });
    const notes = c.sim.orders().find((o) => o.externalIds.includes(placed.id))!.request.note as { text: string }[];
    expect(notes.map((n) => n.text)).toContain('Access confirmed: key holder Jo on 07700 900123');
    const done = await waitForOrder(h, placed.id, (o) => o.state === 'completed', 'completed after the answer');
    const events = done.timeline as unknown as { toState: string | null; receivedAt: string; outcome: string }[];
    const applied = events.filter((e) => e.outcome === 'applied' && e.toState !== null);
    const pausedAt = applied.find((e) => e.toState === 'pending')!.receivedAt;
    const resumedAt = applied.find((e) => e.toState === 'inProgress' && e.receivedAt > pausedAt)!.receivedAt;
    const sla = (await (await desk('GET', `/api/v1/orders/${placed.id}/sla`)).json()) as {
      clocks: { state: string; pauses: { from: string; to: string | null }[] }[];
    };
    expect(sla.clocks[0]!.state).toBe('met');
    expect(sla.clocks[0]!.pauses).toEqual([expect.objectContaining({ from: pausedAt, to: resumedAt })]);
  });

  it('refuses what the desk may not do, changing nothing', async () => {
    const c = await carrier('tmf622-v5', slow);
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: c.partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(h, placed.id, (o) => o.state === 'inProgress', 'in progress');
    const amend = (json: unknown, key = h.platform.keys.desk) =>
      h.platform.request('POST', `/api/v1/orders/${placed.id}/amendments`, { key, json });
    expect((await amend({ bandwidthMbps: 1000 }, h.platform.keys.finance)).status).toBe(403);
    expect((await amend({ bandwidthMbps: 1000 }, c.partner.key)).status).toBe(403);
    const zero = await amend({ bandwidthMbps: 0 });
    expect([zero.status, ((await zero.json()) as Problem).errors!.map((e) => e.path)]).toEqual([
      422,
      ['bandwidthMbps'],
    ]);
    const nothing = await amend({ bandwidthMbps: 100 });
    expect(nothing.status).toBe(422);
    const past = await amend({ requestedCompletionDate: '2020-01-01' });
    expect([past.status, ((await past.json()) as Problem).errors!.map((e) => e.path)]).toEqual([
      422,
      ['requestedCompletionDate'],
    ]);
    const notWaiting = await desk('POST', `/api/v1/orders/${placed.id}/answers`, { text: 'Here you are' });
    expect([notWaiting.status, ((await notWaiting.json()) as Problem).detail]).toEqual([
      409,
      'The order is inProgress: the carrier is not waiting on us',
    ]);
    expect(await requests(placed.id)).toEqual([]);
    const other = await h.platform.createPartner();
    expect((await h.platform.request('GET', `/api/v1/orders/${placed.id}/requests`, { key: other.key })).status).toBe(
      404,
    );
    expect((await desk('POST', '/api/v1/orders/ord_nope/notes', { text: 'x' })).status).toBe(404);
  });
});
