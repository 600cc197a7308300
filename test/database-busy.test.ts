import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { partnerInput } from './support/factories.js';
import { createTestPlatform } from './support/platform.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());

describe('a write while another process holds the database write lock past busy_timeout', () => {
  it('answers 503 problem+json with Retry-After and writes nothing (was 500)', async () => {
    const partners = () => platform.db.$client.prepare('select count(*) from partners').pluck().get();
    const before = partners();
    const other = new Database(platform.db.$client.name);
    platform.db.$client.pragma('busy_timeout = 50'); // not the 5 s a real process waits
    other.exec('BEGIN IMMEDIATE');
    try {
      const res = await platform.request('POST', '/api/v1/partners', { json: partnerInput() });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('retry-after')).toBe('1');
      expect(((await res.json()) as { code: string }).code).toBe('unavailable');
    } finally {
      other.exec('ROLLBACK');
      other.close();
      platform.db.$client.pragma('busy_timeout = 5000');
    }
    expect(partners()).toBe(before);
    const again = await platform.request('POST', '/api/v1/partners', { json: partnerInput() });
    expect(again.status).toBe(201);
  });
});
