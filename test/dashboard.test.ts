import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../db/repositories/api-keys.js';
import { storeOrder } from './support/factories.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The dashboard's sessions, roles, CSRF checks, partner scoping, escaping and paging, over app.request. */
describe('operations dashboard (server side)', () => {
  let p: TestPlatform;
  let north: { id: string; key: string };
  let south: { id: string; key: string };
  const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    p.app.request(url, {
      method: 'POST',
      body: form(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
    });
  const signIn = async (key: string) => (await post('/sign-in', { key })).headers.get('set-cookie')!.split(';')[0]!;
  const get = (url: string, cookie: string) => p.app.request(url, { headers: { cookie } });
  const seedOrder = async (partnerId: string, deskReference: string, createdAt: string) =>
    await storeOrder(p.db, { partnerId, deskReference, createdAt });

  beforeAll(async () => {
    p = await createTestPlatform();
    north = await p.createPartner({ name: 'North <b>Fibre</b>' });
    south = await p.createPartner({ name: 'South Tails' });
    for (let i = 0; i < 120; i += 1)
      await seedOrder(north.id, `N-${String(i).padStart(3, '0')}`, new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString());
    await seedOrder(south.id, '<script>alert(1)</script>', '2026-02-01T00:00:00.000Z');
  });
  afterAll(() => p?.close());

  it('sends the signed-out to sign in and back; sets an HttpOnly SameSite=Strict cookie (Secure over https only)', async () => {
    const res = await p.app.request('/orders?state=inProgress');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Forders%3Fstate%3DinProgress');
    expect((await post('/sign-in', { key: 'tg_not-a-key' })).status).toBe(401);
    const ok = await post('/sign-in', { key: p.keys.desk, next: '/orders' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/orders');
    expect(ok.headers.get('set-cookie')).toMatch(/^tailgate_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const https = await p.app.request('https://tailgate.example/sign-in', {
      method: 'POST',
      body: form({ key: p.keys.desk }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://tailgate.example' },
    });
    expect(https.headers.get('set-cookie')).toContain('; Secure');
    expect((await post('/sign-in', { key: p.keys.desk, next: '//evil.example/' })).headers.get('location')).toBe('/');
  });

  it('refuses form posts from other sites or with no origin (CSRF), and the cookie never authenticates the API', async () => {
    const cookie = await signIn(p.keys.desk);
    expect((await post('/sign-out', {}, { cookie, origin: 'http://evil.example' })).status).toBe(403);
    const bare = await p.app.request('/sign-in', {
      method: 'POST',
      body: form({ key: p.keys.desk }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bare.status).toBe(403);
    expect((await p.app.request('/api/v1/orders', { headers: { cookie } })).status).toBe(401);
    const out = await post('/sign-out', {}, { cookie });
    expect(out.headers.get('set-cookie')).toMatch(/tailgate_session=; Max-Age=0/);
  });

  it('a revoked key is signed out at its next page', async () => {
    const created = (await (
      await p.request('POST', '/api/v1/api-keys', { json: { name: 'short-lived desk', role: 'desk' } })
    ).json()) as { id: string; secret: string };
    const cookie = await signIn(created.secret);
    expect((await get('/orders', cookie)).status).toBe(200);
    await revokeApiKey(p.db, created.id, new Date());
    const after = await get('/orders', cookie);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/sign-in?next=%2Forders');
    expect(after.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('shows each role only its pages and navigation; a partner key sees only its own orders', async () => {
    const finance = await signIn(p.keys.finance);
    const page = await (await get('/orders', finance)).text();
    expect(page).toContain('href="/finance"');
    expect(page).not.toContain('href="/qualify"');
    expect((await get('/', finance)).status).toBe(403);
    expect((await get('/finance', await signIn(p.keys.admin))).status).toBe(200);
    expect((await get('/finance', await signIn(p.keys.desk))).status).toBe(403);

    const partner = await signIn(south.key);
    const list = await (await get('/orders', partner)).text();
    expect(list).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(list).not.toContain('<script>alert(1)');
    expect(list).not.toContain('N-000');
    expect(list).not.toContain('name="partner"');
    const northOrder = (await (await get('/orders?q=N-005', await signIn(p.keys.admin))).text()).match(
      /href="\/orders\/(ord_[^"]+)"/,
    )![1]!;
    expect((await get(`/orders/${northOrder}`, partner)).status).toBe(404);
    expect((await get(`/orders/${northOrder}`, await signIn(north.key))).status).toBe(200);
  });

  it('pages lists 50 at a time by keyset, escapes partner names, and sends its security headers', async () => {
    const desk = await signIn(p.keys.admin);
    const first = await get(`/orders?partner=${north.id}`, desk);
    expect(first.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await first.text();
    expect(html.match(/<tr><td><a href="\/orders\//g)).toHaveLength(50);
    expect(html).toContain('North &lt;b&gt;Fibre&lt;/b&gt;');
    const seen = new Set<string>();
    let next: string | undefined = `/orders?partner=${north.id}`;
    while (next) {
      const text = await (await get(next, desk)).text();
      for (const m of text.matchAll(/>(N-\d{3})</g)) seen.add(m[1]!);
      next = text.match(/<a href="([^"]+)" rel="next">/)?.[1]?.replaceAll('&amp;', '&');
    }
    expect(seen.size).toBe(120);
  });

  it('keeps the dashboard out of the OpenAPI document', async () => {
    const doc = (await (await p.app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    const apiRoots = ['/api/', '/tmf-api/', '/mefApi/'];
    expect(Object.keys(doc.paths).filter((path) => !apiRoots.some((root) => path.startsWith(root)))).toEqual([]);
  });
});
