import { afterAll, describe, expect, it } from 'vitest';
import { notificationsForFact } from '../db/repositories/notifications.js';
import { outboundGuard } from '../partners/adapters/outbound.js';
import { deliverNotification } from '../tails/notify/deliver.js';
import { createNotificationsForFact } from '../tails/notify/fan-out.js';
import { partnerInput } from './support/factories.js';
import { insertFact } from './support/notifications.js';
import { createTestPlatform } from './support/platform.js';
import { testOutbound } from './support/outbound.js';
import { uncertified } from './support/platform.js';

/** A platform whose allow-list is empty, as in production by default. */
const strict = outboundGuard([]);
const platform = await createTestPlatform({ outbound: strict });
afterAll(() => platform.close());

const problemPaths = async (res: Response) => ((await res.json()) as { errors: { path: string }[] }).errors;

describe('URLs Tailgate would call are checked when they are registered', () => {
  it('refuses a webhook to our own Temporal port, loopback or cloud metadata, storing nothing', async () => {
    for (const url of ['http://127.0.0.1:7233/', 'http://localhost:3000/hook', 'http://169.254.169.254/latest']) {
      const res = await platform.request('POST', '/api/v1/webhooks', {
        key: platform.keys.desk,
        json: { name: 'sneaky', url, kinds: ['breach'] },
      });
      expect(res.status, url).toBe(422);
      expect(await problemPaths(res)).toEqual([{ path: 'url', message: expect.stringMatching(/does not call/) }]);
    }
    const list = await platform.request('GET', '/api/v1/webhooks', { key: platform.keys.desk });
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("refuses a partner's private API root and escalation webhook, on create and on update", async () => {
    const created = await platform.request('POST', '/api/v1/partners', {
      json: partnerInput({
        adapter: { orderingApi: 'tmf622-v4', baseUrl: 'http://10.0.0.5/tmf-api' },
        escalation: [{ level: 1, name: 'NOC', channel: 'webhook', address: 'http://[::1]:9000/noc' }],
      }),
    });
    expect(created.status).toBe(422);
    expect((await problemPaths(created)).map((e) => e.path)).toEqual(['adapter.baseUrl', 'escalation.0.address']);

    const partner = await platform.createPartner({
      adapter: { orderingApi: 'tmf622-v4', baseUrl: 'https://8.8.8.8/tmf-api' },
    });
    const updated = await platform.request('PATCH', `/api/v1/partners/${partner.id}`, {
      json: { adapter: { orderingApi: 'tmf622-v5', baseUrl: 'http://192.168.0.10/tmf-api' }, ...uncertified },
    });
    expect(updated.status).toBe(422);
    const stored = await platform.request('GET', `/api/v1/partners/${partner.id}`);
    expect(((await stored.json()) as { adapter: { baseUrl?: string } }).adapter.baseUrl).toBe(
      'https://8.8.8.8/tmf-api',
    );
  });

  it('refuses an escalation webhook that is not a URL, naming the field (never a 500)', async () => {
    const res = await platform.request('POST', '/api/v1/partners', {
      json: partnerInput({
        adapter: { orderingApi: 'tmf622-v4', baseUrl: 'https://8.8.8.8/tmf-api' },
        escalation: [{ level: 1, name: 'NOC', channel: 'webhook', address: '000' }],
      }),
    });
    expect(res.status).toBe(422);
    expect(await problemPaths(res)).toEqual([
      { path: 'escalation.0.address', message: expect.stringMatching(/not an absolute http\(s\) URL/) },
    ]);
  });
});

describe('and again when a notification is sent', () => {
  it('gives up at once on a destination that became private (no retry schedule), saying why', async () => {
    // Registered while allowed (as a name whose DNS later changed would be), refused when the call is made.
    const looser = await createTestPlatform({ outbound: testOutbound });
    const escalation = [{ level: 1, name: 'NOC hook', channel: 'webhook', address: 'http://127.0.0.1:7233/noc' }];
    const partner = await looser.createPartner({ escalation });
    const fact = await insertFact(looser.db, { partnerId: partner.id, kind: 'breach', threshold: 100 });
    const [notification] = (await createNotificationsForFact(looser.db, fact, new Date())).filter(
      (n) => n.channel === 'escalation',
    );
    const outcome = await deliverNotification(
      { db: looser.db, now: () => new Date(), outbound: strict, timeoutMs: 2_000 },
      notification!.id,
    );
    expect(outcome).toBe('notSent');
    const [row] = (await notificationsForFact(looser.db, fact.id)).filter((n) => n.id === notification!.id);
    expect(row).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/refused: .*loopback/) });
    await looser.close();
  });
});
