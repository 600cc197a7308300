import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdapterTrial } from '../cli/adapter-trial.js';
import type { CliIo } from '../cli/coverage-import.js';
import { fetchOrder, orderInput, placeOrder } from './support/orders.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { loadTmfSpec, tmf622v5SpecFile } from './support/tmf-spec.js';

type Trial = {
  productOrder?: { ok: boolean; read?: { state?: string }; problem?: string };
  troubleTicket?: { ok: boolean; read?: { status?: string }; problem?: string };
  outbound: { version: string; productOrder: Record<string, unknown> };
};

/**
 * Declarative translation of a carrier's own state values (adapter.stateMap), tried against sample payloads through
 * the API and the CLI before it is saved, and applied to the carrier's notifications once it is.
 */
describe("a carrier's state vocabulary as configuration", () => {
  let h: OrderHarness;
  beforeAll(async () => {
    h = await startOrderHarness();
  });
  afterAll(() => h?.stop());
  const v5 = (extra: Record<string, unknown> = {}) => ({
    orderingApi: 'tmf622-v5',
    baseUrl: 'http://127.0.0.1:9/tmf-api',
    productCodeMap: { 'ETH-100': 'OFF-ETHERWAY-100' },
    ...extra,
  });
  const samples = {
    productOrder: { id: 'PO-77', state: 'provisioning', expectedCompletionDate: '2027-01-20T17:00:00Z' },
    troubleTicket: { id: 'TT-9', status: 'awaitingCustomer' },
  };

  it('tries candidate settings against samples: what each reads, what the unmapped ones need, what is sent', async () => {
    const partner = await h.platform.createPartner({ adapter: v5() });
    const trial = (adapter: unknown, key = h.platform.keys.admin) =>
      h.platform.request('POST', `/api/v1/partners/${partner.id}/adapter-trial`, {
        key,
        json: { adapter, ...samples },
      });
    const before = (await (await trial(v5())).json()) as Trial;
    expect(before.productOrder).toEqual({
      ok: false,
      problem: expect.stringContaining(
        `"provisioning" is not a TMF622 ProductOrder state and not in the partner's adapter.stateMap.order`,
      ),
    });
    const mapped = v5({ stateMap: { order: { provisioning: 'inProgress' }, ticket: { awaitingCustomer: 'pending' } } });
    const after = (await (await trial(mapped)).json()) as Trial;
    expect(after.productOrder).toMatchObject({
      ok: true,
      read: { state: 'inProgress', committedDate: '2027-01-20T17:00:00.000Z' },
    });
    expect(after.troubleTicket).toMatchObject({ ok: true, read: { status: 'pending' } });
    expect(after.outbound.version).toBe('v5');
    expect(() =>
      loadTmfSpec(tmf622v5SpecFile).assertValid('ProductOrder_FVO', after.outbound.productOrder),
    ).not.toThrow();
    expect(JSON.stringify(after.outbound.productOrder)).toContain('OFF-ETHERWAY-100');
    // Nothing was saved, and only an admin may try.
    const stored = (await (await h.platform.request('GET', `/api/v1/partners/${partner.id}`)).json()) as {
      adapter: object;
    };
    expect(stored.adapter).not.toHaveProperty('stateMap');
    expect((await trial(mapped, h.platform.keys.desk)).status).toBe(403);
    const bad = await trial({ ...mapped, stateMap: { order: { provisioning: 'busy' } } });
    expect(bad.status).toBe(422);
  });

  it('the CLI gives the same answer from files', async () => {
    const partner = await h.platform.createPartner({ adapter: v5() });
    const dir = fs.mkdtempSync(path.join(h.platform.dir, 'trial-'));
    const file = (name: string, body: unknown) => {
      fs.writeFileSync(path.join(dir, name), JSON.stringify(body));
      return path.join(dir, name);
    };
    let out = '';
    const io: CliIo = {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: () => true },
      now: () => new Date(),
      clock: () => performance.now(),
    };
    const args = [
      '--partner',
      partner.id,
      '--adapter',
      file('adapter.json', v5({ stateMap: { order: { provisioning: 'inProgress' } } })),
      '--product-order',
      file('po.json', samples.productOrder),
    ];
    expect(await runAdapterTrial(args, () => h.platform.db, io)).toBe(0);
    const api = await h.platform.request('POST', `/api/v1/partners/${partner.id}/adapter-trial`, {
      json: {
        adapter: v5({ stateMap: { order: { provisioning: 'inProgress' } } }),
        productOrder: samples.productOrder,
      },
    });
    expect(JSON.parse(out)).toEqual(await api.json());
    expect(await runAdapterTrial(['--partner', 'ptn_nope'], () => h.platform.db, io)).toBe(1);
  });

  it('a notification with an unmapped state is refused naming the setting; once saved, the same one is applied', async () => {
    const carrier = await h.platform.createPartner({ adapter: { orderingApi: 'none' } });
    const placed = await placeOrder(
      h.platform,
      orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const notify = (eventId: string) =>
      h.platform.request('POST', '/tmf-api/productOrderingManagement/v4/listener/productOrderStateChangeEvent', {
        key: carrier.key,
        json: { eventId, event: { productOrder: { id: 'PO-9', externalId: placed.id, state: 'provisioning' } } },
      });
    const refused = await notify('e-1');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([
      { path: 'event.productOrder.state', message: expect.stringContaining('adapter.stateMap.order: add it there') },
    ]);
    expect((await fetchOrder(h.platform, placed.id)).timeline.map((e) => e.source)).not.toContain('listener');
    const saved = await h.platform.request('PATCH', `/api/v1/partners/${carrier.id}`, {
      json: { adapter: { orderingApi: 'none', stateMap: { order: { provisioning: 'inProgress' } } } },
    });
    expect(saved.status).toBe(200);
    expect((await notify('e-2')).status).toBe(201);
    expect((await fetchOrder(h.platform, placed.id)).state).toBe('inProgress');
  });
});
