import { afterAll, describe, expect, it } from 'vitest';
import { partnerInput } from './support/factories.js';
import { createTestPlatform } from './support/platform.js';

type Partner = { id: string; name: string; status: string; calendar: { workingHours: Record<string, unknown[]> } };

describe('partners', async () => {
  const platform = await createTestPlatform();
  afterAll(() => platform.close());

  it('creates a partner with defaults, and gets it back', async () => {
    const res = await platform.request('POST', '/api/v1/partners', { json: partnerInput({ name: 'Northern Fibre' }) });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Partner;
    expect(res.headers.get('location')).toBe(`/api/v1/partners/${created.id}`);
    expect(created.status).toBe('onboarding');
    expect(created.calendar.workingHours.mon).toEqual([{ start: '09:00', end: '17:30' }]);
    expect(created.calendar.workingHours.sat).toEqual([]);
    const got = await platform.request('GET', `/api/v1/partners/${created.id}`, { key: platform.keys.desk });
    expect(await got.json()).toEqual(created);
  });

  it('rejects bad input with the field paths and writes nothing', async () => {
    const before = (await (await platform.request('GET', '/api/v1/partners')).json()) as { items: unknown[] };
    const res = await platform.request('POST', '/api/v1/partners', {
      json: partnerInput({ country: 'England', calendar: { timeZone: 'Mars/Olympus', holidayRegion: 'GB-XX' } }),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path).sort()).toEqual([
      'calendar.holidayRegion',
      'calendar.timeZone',
      'country',
    ]);
    const after = (await (await platform.request('GET', '/api/v1/partners')).json()) as { items: unknown[] };
    expect(after.items).toHaveLength(before.items.length);
  });

  it('refuses an auth scheme without its header name, or credentials in a header HTTP itself sets', async () => {
    const adapter = (auth: Record<string, unknown>) =>
      partnerInput({ adapter: { orderingApi: 'tmf622-v4', baseUrl: 'https://api.carrier.example', ...auth } });
    for (const [auth, message] of [
      [{ authScheme: 'header' }, 'authHeaderName goes with authScheme header, and only with it'],
      [
        { authScheme: 'basic', authHeaderName: 'X-API-Key' },
        'authHeaderName goes with authScheme header, and only with it',
      ],
      [{ authScheme: 'header', authHeaderName: 'Content-Type' }, 'a header HTTP itself or Tailgate sets'],
      [{ authScheme: 'header', authHeaderName: 'X API Key' }, 'a header name: letters, digits and -'],
    ] as const) {
      const res = await platform.request('POST', '/api/v1/partners', { json: adapter(auth) });
      expect(res.status, JSON.stringify(auth)).toBe(422);
      expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([
        { path: 'adapter.authHeaderName', message },
      ]);
    }
    const keyed = await platform.request('POST', '/api/v1/partners', {
      json: adapter({ credentialsRef: 'initech', authScheme: 'header', authHeaderName: 'X-API-Key' }),
    });
    expect(keyed.status).toBe(201);
    expect(((await keyed.json()) as { adapter: unknown }).adapter).toMatchObject({
      authScheme: 'header',
      authHeaderName: 'X-API-Key',
    });
  });

  it('answers 400 problem+json to malformed JSON', async () => {
    const res = await platform.request('POST', '/api/v1/partners', {
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('updates, suspends, and filters by status', async () => {
    const partner = await platform.createPartner();
    const patched = await platform.request('PATCH', `/api/v1/partners/${partner.id}`, {
      json: {
        name: 'Renamed Carrier',
        escalation: [{ level: 2, name: 'Duty manager', channel: 'phone', address: '+441234567890' }],
      },
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as Partner).name).toBe('Renamed Carrier');
    expect((await platform.request('PATCH', `/api/v1/partners/${partner.id}`, { json: {} })).status).toBe(422);

    const suspended = await platform.request('POST', `/api/v1/partners/${partner.id}/suspend`);
    expect(((await suspended.json()) as Partner).status).toBe('suspended');
    const list = (await (await platform.request('GET', '/api/v1/partners?status=suspended')).json()) as {
      items: Partner[];
    };
    expect(list.items.map((p) => p.id)).toContain(partner.id);
    expect(list.items.every((p) => p.status === 'suspended')).toBe(true);
    expect((await platform.request('POST', '/api/v1/partners/ptn_missing/suspend')).status).toBe(404);
  });

  it('paginates with a cursor', async () => {
    for (let i = 0; i < 3; i++) await platform.createPartner();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/partners?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await (await platform.request('GET', url)).json()) as {
        items: Partner[];
        nextCursor: string | null;
      };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((p) => p.id));
      cursor = body.nextCursor;
    } while (cursor);
    const all = (await (await platform.request('GET', '/api/v1/partners?limit=500')).json()) as { items: Partner[] };
    expect(seen).toEqual(all.items.map((p) => p.id));
  });

  it('shows a partner key only its own partner', async () => {
    const mine = await platform.createPartner();
    const other = await platform.createPartner();
    const list = (await (await platform.request('GET', '/api/v1/partners', { key: mine.key })).json()) as {
      items: Partner[];
    };
    expect(list.items.map((p) => p.id)).toEqual([mine.id]);
    expect((await platform.request('GET', `/api/v1/partners/${mine.id}`, { key: mine.key })).status).toBe(200);
    expect((await platform.request('GET', `/api/v1/partners/${other.id}`, { key: mine.key })).status).toBe(404);
  });
});
