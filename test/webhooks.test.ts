import { afterAll, describe, expect, it } from 'vitest';
import { subscribe, type CreatedWebhook } from './support/notifications.js';
import { createTestPlatform } from './support/platform.js';

type Problem = { code: string; errors: { path: string; message: string }[] };
type Page = { items: CreatedWebhook[]; nextCursor: string | null };

describe('webhook subscriptions', async () => {
  const platform = await createTestPlatform();
  afterAll(() => platform.close());
  const create = (json: unknown, key: string = platform.keys.admin) =>
    platform.request('POST', '/api/v1/webhooks', { json, key });
  const valid = { name: 'desk alerts', url: 'https://desk.provider.example/hooks', kinds: ['jeopardy', 'breach'] };

  it('creates a subscription and shows its secret once, never again', async () => {
    const res = await create(valid);
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedWebhook;
    expect(created).toMatchObject({ ...valid, partnerId: null, disabledAt: null });
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers.get('location')).toBe(`/api/v1/webhooks/${created.id}`);

    const list = await platform.request('GET', '/api/v1/webhooks', { key: platform.keys.desk });
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(created.secret);
    const listed = (JSON.parse(text) as Page).items.find((w) => w.id === created.id);
    expect(listed).toEqual({ ...created, secret: undefined });
    expect(listed).not.toHaveProperty('secret');
  });

  it("lets desk subscribe to one partner's facts", async () => {
    const partner = await platform.createPartner();
    const created = await subscribe(platform, { kinds: ['carrierJeopardy'], partnerId: partner.id });
    expect(created).toMatchObject({ partnerId: partner.id, kinds: ['carrierJeopardy'] });
  });

  it('rejects bad input with the field paths', async () => {
    const problem = async (json: unknown) => {
      const res = await create(json);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return ((await res.json()) as Problem).errors.map((e) => e.path);
    };
    expect(await problem({ ...valid, url: 'ftp://desk.provider.example/hooks' })).toEqual(['url']);
    expect(await problem({ ...valid, url: 'javascript:alert(1)' })).toEqual(['url']);
    expect(await problem({ ...valid, url: 'not a url' })).toEqual(['url']);
    expect(await problem({ ...valid, kinds: [] })).toEqual(['kinds']);
    expect(await problem({ ...valid, kinds: ['outage'] })).toEqual(['kinds.0']);
    expect(await problem({ ...valid, kinds: ['breach', 'breach'] })).toEqual(['kinds']);
    expect(await problem({ ...valid, name: '' })).toEqual(['name']);
    expect(await problem({ ...valid, partnerId: 'ptn_missing' })).toEqual(['partnerId']);
    expect((await create({ ...valid, url: 'http://localhost:8080/hook' })).status).toBe(201);
  });

  it('lets only admin and desk manage subscriptions', async () => {
    const partner = await platform.createPartner();
    for (const key of [platform.keys.finance, partner.key]) {
      expect((await create(valid, key)).status).toBe(403);
      expect((await platform.request('GET', '/api/v1/webhooks', { key })).status).toBe(403);
      expect((await platform.request('DELETE', '/api/v1/webhooks/whk_any', { key })).status).toBe(403);
    }
    expect((await create(valid, platform.keys.desk)).status).toBe(201);
  });

  it('disables on DELETE, keeps the record, and answers 404 to an unknown id', async () => {
    const created = await subscribe(platform, { kinds: ['breach'] });
    const res = await platform.request('DELETE', `/api/v1/webhooks/${created.id}`, { key: platform.keys.desk });
    expect(res.status).toBe(200);
    const disabled = (await res.json()) as CreatedWebhook;
    expect(disabled.disabledAt).toEqual(expect.any(String));
    expect(disabled).not.toHaveProperty('secret');
    const again = (await (await platform.request('DELETE', `/api/v1/webhooks/${created.id}`)).json()) as CreatedWebhook;
    expect(again.disabledAt).toBe(disabled.disabledAt);
    expect((await platform.request('DELETE', '/api/v1/webhooks/whk_missing')).status).toBe(404);
  });

  it('lists newest first, page by page', async () => {
    for (let i = 0; i < 3; i++) await subscribe(platform, { kinds: ['jeopardy'], name: `paged ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/webhooks?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await (await platform.request('GET', url)).json()) as Page;
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((w) => w.id));
      cursor = body.nextCursor;
    } while (cursor);
    const all = (await (await platform.request('GET', '/api/v1/webhooks?limit=500')).json()) as Page;
    expect(seen).toEqual(all.items.map((w) => w.id));
    expect(all.items.slice(0, 3).map((w) => w.name)).toEqual(['paged 2', 'paged 1', 'paged 0']);
  });
});
