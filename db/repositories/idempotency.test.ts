import { describe, expect, it } from 'vitest';
import { openDatabase } from '../client.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  staleIdempotencyClaims,
} from './idempotency.js';

describe('idempotency claims', () => {
  const db = openDatabase(':memory:');
  const at = (second: number) => new Date(Date.UTC(2027, 0, 1, 9, 0, second));
  const claim = async (key: string, second: number, requestHash = 'h1') =>
    await claimIdempotencyKey(db, { apiKeyId: 'key_1', key, requestHash, now: at(second), leaseMs: 15_000 });

  it('is in progress for others while its lease runs, then taken over by the next request', async () => {
    expect(await claim('a', 0)).toEqual({ kind: 'new' });
    expect(await claim('a', 14)).toEqual({ kind: 'inProgress' });
    expect(await claim('a', 14, 'h2')).toEqual({ kind: 'mismatch' });
    // The reconciler asks at 14 s and 16 s for claims older than the lease.
    const staleAt = async (second: number) => await staleIdempotencyClaims(db, at(second - 15).toISOString(), 10);
    expect(await staleAt(14)).toEqual([]);
    expect(await staleAt(16)).toEqual([{ apiKeyId: 'key_1', key: 'a' }]);
    expect(await claim('a', 16)).toEqual({ kind: 'new' });
    // The takeover holds a fresh lease.
    expect(await claim('a', 30)).toEqual({ kind: 'inProgress' });
  });

  it('replays the stored response, or none (null) for one the reconciler finished', async () => {
    await claim('b', 0);
    await completeIdempotencyKey(db, { apiKeyId: 'key_1', key: 'b' }, 201, '{"id":"ord_1"}');
    expect(await claim('b', 100)).toEqual({ kind: 'replay', status: 201, body: '{"id":"ord_1"}' });
    await claim('c', 0);
    await completeIdempotencyKey(db, { apiKeyId: 'key_1', key: 'c' }, 201, null);
    expect(await claim('c', 100)).toEqual({ kind: 'replay', status: 201, body: null });
  });

  it('is free again once released', async () => {
    await claim('d', 0);
    await releaseIdempotencyKey(db, { apiKeyId: 'key_1', key: 'd' });
    expect(await claim('d', 1, 'other body')).toEqual({ kind: 'new' });
  });
});
