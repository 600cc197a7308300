import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { insertQualificationGrouped } from '../db/repositories/qualifications.js';
import { newAnswer, newQualification, partnerInput } from './support/factories.js';
import { createTestPlatform } from './support/platform.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());

/** Runs `work` while another connection (as another process would) holds the write lock; waits of 50 ms meanwhile. */
async function whileLocked<T>(work: () => T | Promise<T>): Promise<T> {
  const other = new Database(platform.db.$client.name);
  platform.db.$client.pragma('busy_timeout = 50'); // not the 5 s a real process waits
  other.exec('BEGIN IMMEDIATE');
  try {
    return await work();
  } finally {
    other.exec('ROLLBACK');
    other.close();
    platform.db.$client.pragma('busy_timeout = 5000');
  }
}

describe('a write while another process holds the database write lock past busy_timeout', () => {
  it('answers 503 problem+json with Retry-After and writes nothing (was 500)', async () => {
    const partners = () => platform.db.$client.prepare('select count(*) from partners').pluck().get();
    const before = partners();
    const res = await whileLocked(() => platform.request('POST', '/api/v1/partners', { json: partnerInput() }));
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(((await res.json()) as { code: string }).code).toBe('unavailable');
    expect(partners()).toBe(before);
    const again = await platform.request('POST', '/api/v1/partners', { json: partnerInput() });
    expect(again.status).toBe(201);
  });
});

describe('qualifications queued for one commit while another process holds the write lock', () => {
  it('all fail as busy after one wait for the lock (not one more per qualification), and none is stored', async () => {
    const statementProto = Object.getPrototypeOf(platform.db.$client.prepare('select 1')) as Database.Statement;
    const runs = vi.spyOn(statementProto, 'run');
    const group = Array.from({ length: 8 }, () => newQualification(newAnswer()));
    try {
      const results = await whileLocked(() =>
        Promise.allSettled(group.map((q) => insertQualificationGrouped(platform.db, q))),
      );
      expect(results.map((r) => r.status === 'rejected' && (r.reason as { code?: string }).code)).toEqual(
        group.map(() => 'SQLITE_BUSY'),
      );
      // Each BEGIN IMMEDIATE waits out busy_timeout synchronously: retrying row by row held the event loop 9 times.
      const begins = runs.mock.contexts.filter((s) => (s as Database.Statement).source === 'BEGIN IMMEDIATE');
      expect(begins).toHaveLength(1);
    } finally {
      runs.mockRestore();
    }
    const stored = platform.db.$client.prepare(
      'select count(*) from qualifications where id in (select value from json_each(?))',
    );
    expect(stored.pluck().get(JSON.stringify(group.map((q) => q.id)))).toBe(0);
    await Promise.all(group.map((q) => insertQualificationGrouped(platform.db, q)));
    expect(stored.pluck().get(JSON.stringify(group.map((q) => q.id)))).toBe(8);
  });
});

describe('a dashboard form while another process holds the write lock', () => {
  it('answers a 503 page with Retry-After saying nothing was saved (was a 500), and stores nothing', async () => {
    const cookie = await platform.sessionCookie(platform.keys.desk);
    const qualifications = () => platform.db.$client.prepare('select count(*) from qualifications').pluck().get();
    const before = qualifications();
    const res = await whileLocked(() =>
      platform.app.request('/qualify', {
        method: 'POST',
        body: new URLSearchParams({ countryCode: 'GB', postcode: 'SW1A 1AA', productCode: 'ETH-100' }).toString(),
        headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('Nothing was saved. Send the form again in a moment.');
    expect(qualifications()).toBe(before);
  });
});
