import { afterAll, describe, expect, it } from 'vitest';
import { deliverNotification } from '../tails/notify/deliver.js';
import { createNotificationsForFact } from '../tails/notify/fan-out.js';
import { storeOrder } from './support/factories.js';
import { insertFact } from './support/notifications.js';
import { testOutbound } from './support/outbound.js';
import { createTestPlatform } from './support/platform.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());

type Entry = {
  id: string;
  status: string;
  address: string;
  escalationLevel: number;
  lastError: string | null;
  deskReference: string;
  partnerName: string;
  olaId: string;
  kind: string;
};

/**
 * Every escalation is visible, whatever its channel: in the outbox (API and dashboard) and on its order's page,
 * including those no setting could send (kept in the outbox, saying which setting is missing).
 */
describe('the escalation outbox', () => {
  it('lists every escalation newest first, by order when asked, on the outbox page and the order page', async () => {
    const escalation = [
      { level: 1, name: 'NOC mail', channel: 'email', address: 'noc@outbox.example' },
      { level: 2, name: 'Duty phone', channel: 'phone', address: '+442079460001' },
    ];
    const partner = await platform.createPartner({ name: 'Outbox Tails', escalation });
    const orderId = await storeOrder(platform.db, {
      partnerId: partner.id,
      createdAt: '2026-03-01T09:00:00.000Z',
      deskReference: 'DESK-OUT',
    });
    const fact = await insertFact(platform.db, {
      partnerId: partner.id,
      entityId: orderId,
      kind: 'breach',
      threshold: 100,
    });
    const made = await createNotificationsForFact(platform.db, fact, new Date());
    const deps = { db: platform.db, now: () => new Date(), outbound: testOutbound, timeoutMs: 2_000 };
    for (const n of made) expect(await deliverNotification(deps, n.id)).toBe('notSent');

    const list = async (query = '', key = platform.keys.desk) =>
      await platform.request('GET', `/api/v1/escalations${query}`, { key });
    const res = await list(`?entityId=${orderId}`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Entry[] };
    expect(
      items.map((e) => [e.escalationLevel, e.address, e.status, e.deskReference, e.partnerName, e.kind]).sort(),
    ).toEqual([
      [1, 'noc@outbox.example', 'recorded', 'DESK-OUT', 'Outbox Tails', 'breach'],
      [2, '+442079460001', 'recorded', 'DESK-OUT', 'Outbox Tails', 'breach'],
    ]);
    expect(items.find((e) => e.escalationLevel === 1)!.lastError).toMatch(/SMTP_HOST/);
    expect(items.find((e) => e.escalationLevel === 2)!.lastError).toMatch(/SMS_WEBHOOK_URL/);
    const page1 = (await (await list('?limit=1')).json()) as { items: Entry[]; nextCursor: string };
    const page2 = (await (await list(`?limit=1&cursor=${page1.nextCursor}`)).json()) as { items: Entry[] };
    expect(new Set([page1.items[0]!.id, page2.items[0]!.id])).toEqual(new Set(items.map((e) => e.id)));

    for (const key of [platform.keys.finance, partner.key]) expect((await list('', key)).status).toBe(403);

    const cookie = await platform.sessionCookie(platform.keys.desk);
    const outbox = await (await platform.app.request('/outbox', { headers: { cookie } })).text();
    expect(outbox).toContain('noc@outbox.example');
    expect(outbox).toContain('kept in the outbox: no SMTP server is configured (SMTP_HOST)');
    const orderPage = await (await platform.app.request(`/orders/${orderId}`, { headers: { cookie } })).text();
    expect(orderPage).toContain('Escalations of this one');
    expect(orderPage).toContain('+442079460001');
  });
});
