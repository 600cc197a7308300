import { afterAll, describe, expect, it } from 'vitest';
import { failReportBuild, startReportBuild } from '../db/repositories/report-builds.js';
import { createTestPlatform } from './support/platform.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());
const get = (url: string, key: string | null = platform.keys.finance) => platform.request('GET', url, { key });

describe('GET /api/v1/reports/penalties/{month} and {month}.csv share one path segment', () => {
  it('answers each with its own problems: bad month 422 naming param.month, no report 404, wrong role 403', async () => {
    for (const url of ['/api/v1/reports/penalties/2026-13.csv', '/api/v1/reports/penalties/2026-13']) {
      const res = await get(url);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain('param.month');
    }
    for (const url of ['/api/v1/reports/penalties/2025-01.csv', '/api/v1/reports/penalties/2025-01']) {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/no penalty report for 2025-01/);
      expect((await get(url, platform.keys.desk)).status).toBe(403);
      expect((await get(url, null)).status).toBe(401);
    }
  });

  it('serves the CSV and the JSON of a generated month from the same path', async () => {
    expect(
      (await platform.request('POST', '/api/v1/reports/penalties/2025-02', { key: platform.keys.finance })).status,
    ).toBe(201);
    const csv = await get('/api/v1/reports/penalties/2025-02.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^line_id,kind,adjusts_line_id,/);
    const json = await get('/api/v1/reports/penalties/2025-02');
    expect(json.status).toBe(200);
    expect(((await json.json()) as { month: string }).month).toBe('2025-02');
  });

  it('refuses a partnerId that is not an id (it names the downloaded file), naming query.partnerId', async () => {
    const res = await get(`/api/v1/reports/penalties/2025-02.csv?partnerId=${encodeURIComponent('ptn_1"\u001b;x')}`);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
      'query.partnerId',
    ]);
  });
});

describe('routing', () => {
  it("keeps every route on hono's RegExpRouter (a route it cannot take would move them all to the slower trie)", async () => {
    await platform.app.request('/health');
    expect(platform.app.router.name).toBe('SmartRouter + RegExpRouter');
  });
});

describe('POST /api/v1/reports/penalties/{month} while the month is being generated', () => {
  it('answers 409 with Retry-After, and generates once the running build is gone', async () => {
    const running = await startReportBuild(
      platform.db,
      '2025-03',
      new Date().toISOString(),
      new Date(Date.now() - 60_000).toISOString(),
    );
    if (!('buildId' in running)) throw new Error('could not start a build');
    const refused = await platform.request('POST', '/api/v1/reports/penalties/2025-03', { key: platform.keys.finance });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    await failReportBuild(platform.db, running.buildId);
    expect(
      (await platform.request('POST', '/api/v1/reports/penalties/2025-03', { key: platform.keys.finance })).status,
    ).toBe(201);
  });
});
