import { afterAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from './support/platform.js';
import { statement } from '../db/execute.js';

describe('API keys', async () => {
  const platform = await createTestPlatform();
  afterAll(() => platform.close());

  it('creates a key whose secret is shown once, stored only as a hash, and works at once', async () => {
    const res = await platform.request('POST', '/api/v1/api-keys', { json: { name: 'desk two', role: 'desk' } });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; secret: string; keyPrefix: string; role: string };
    expect(created.secret).toMatch(/^tg_/);
    expect(created.secret.startsWith(created.keyPrefix)).toBe(true);

    const stored = (await statement<{ key_hash: string }>(
      platform.db,
      'select key_hash from api_keys where id = ?',
    ).get(created.id))!;
    expect(stored.key_hash).not.toContain(created.secret);
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);

    const list = await platform.request('GET', '/api/v1/api-keys');
    const listed = ((await list.json()) as { items: Record<string, unknown>[] }).items.find((k) => k.id === created.id);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('secret');

    expect((await platform.request('GET', '/api/v1/partners', { key: created.secret })).status).toBe(200);
  });

  it('binds partner keys to an existing partner, and only partner keys', async () => {
    const noPartner = await platform.request('POST', '/api/v1/api-keys', { json: { name: 'p', role: 'partner' } });
    expect(noPartner.status).toBe(422);
    expect(((await noPartner.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('partnerId');

    const unknown = await platform.request('POST', '/api/v1/api-keys', {
      json: { name: 'p', role: 'partner', partnerId: 'ptn_nope' },
    });
    expect(unknown.status).toBe(422);

    const deskWithPartner = await platform.request('POST', '/api/v1/api-keys', {
      json: { name: 'd', role: 'desk', partnerId: 'ptn_nope' },
    });
    expect(deskWithPartner.status).toBe(422);
    const count = await statement(platform.db, 'select count(*) from api_keys').pluck().get();
    expect(count).toBe(4); // the three role keys of the platform plus the desk key above
  });

  it('revokes a key: it answers 401 from then on', async () => {
    const created = (await (
      await platform.request('POST', '/api/v1/api-keys', { json: { name: 'temp', role: 'finance' } })
    ).json()) as {
      id: string;
      secret: string;
    };
    const revoked = await platform.request('POST', `/api/v1/api-keys/${created.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { revokedAt: string | null }).revokedAt).not.toBeNull();
    const after = await platform.request('GET', '/api/v1/partners', { key: created.secret });
    expect(after.status).toBe(401);
    expect((await platform.request('POST', '/api/v1/api-keys/key_missing/revoke')).status).toBe(404);
  });

  it('refuses to revoke the key making the request (409), which keeps working', async () => {
    const created = (await (
      await platform.request('POST', '/api/v1/api-keys', { json: { name: 'second admin', role: 'admin' } })
    ).json()) as { id: string; secret: string };
    const self = await platform.request('POST', `/api/v1/api-keys/${created.id}/revoke`, { key: created.secret });
    expect(self.status).toBe(409);
    expect(((await self.json()) as { detail: string }).detail).toMatch(/key making the request/);
    expect((await platform.request('GET', '/api/v1/partners', { key: created.secret })).status).toBe(200);
  });
});
