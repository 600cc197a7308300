import { describe, expect, it } from 'vitest';
import { storeForTests } from '../../test/support/store.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  staleIdempotencyClaims,
} from './idempotency.js';

describe('idempotency claims', () => {
  const store = storeForTests();
  const at = (second: number) => new Date(Date.UTC(2027, 0, 1, 9, 0, second));
  const claim = async (key: string, second: number, requestHash = 'h1') =>
    await claimIdempotencyKey(store.db, { apiKeyId: 'key_1', key, requestHash, now: at(second), leaseMs: 15_000 });
  /** The claim as the run that made it at `second` holds it. */
  const held = (key: string, second: number) => ({ apiKeyId: 'key_1', key, claimedAt: at(second).toISOString() });

  it('is in progress for others while its lease runs, then taken over by the next request', async () => {
    expect(await claim('a', 0)).toEqual({ kind: 'new', takenOver: false });
    expect(await claim('a', 14)).toEqual({ kind: 'inProgress' });
    expect(await claim('a', 14, 'h2')).toEqual({ kind: 'mismatch' });
    // The reconciler asks at 14 s and 16 s for claims older than the lease.
    const staleAt = async (second: number) => await staleIdempotencyClaims(store.db, at(second - 15).toISOString(), 10);
    expect(await staleAt(14)).toEqual([]);
    expect(await staleAt(16)).toEqual([held('a', 0)]);
    expect(await claim('a', 16)).toEqual({ kind: 'new', takenOver: true });
    // The takeover holds a fresh lease.
    expect(await claim('a', 30)).toEqual({ kind: 'inProgress' });
  });

  it('replays the stored response, or none (null) for one the reconciler finished', async () => {
    await claim('b', 0);
    await completeIdempotencyKey(store.db, held('b', 0), 201, '{"id":"ord_1"}');
    expect(await claim('b', 100)).toEqual({ kind: 'replay', status: 201, body: '{"id":"ord_1"}' });
    await claim('c', 0);
    await completeIdempotencyKey(store.db, held('c', 0), 201, null);
    expect(await claim('c', 100)).toEqual({ kind: 'replay', status: 201, body: null });
  });

  it('is free again once released', async () => {
    await claim('d', 0);
    await releaseIdempotencyKey(store.db, held('d', 0));
    expect(await claim('d', 1, 'other body')).toEqual({ kind: 'new', takenOver: false });
  });

  it('gives a key to one of many requests claiming it at once; the others find it in progress', async () => {
    const claims = await Promise.all(Array.from({ length: 8 }, () => claim('e', 0)));
    expect(claims.filter((c) => c.kind === 'new')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'inProgress')).toHaveLength(7);
  });

  it('lets one of many requests take over a stale claim', async () => {
    await claim('f', 0);
    const takeovers = await Promise.all(Array.from({ length: 8 }, () => claim('f', 20)));
    expect(takeovers.filter((c) => c.kind === 'new')).toEqual([{ kind: 'new', takenOver: true }]);
    expect(takeovers.filter((c) => c.kind === 'inProgress')).toHaveLength(7);
  });

  it('is never completed or freed by a run whose claim was taken over', async () => {
    await claim('g', 0);
    expect(await claim('g', 20)).toEqual({ kind: 'new', takenOver: true }); // the first run outlived its lease
    await releaseIdempotencyKey(store.db, held('g', 0));
    await completeIdempotencyKey(store.db, held('g', 0), 201, '{"id":"ord_old"}');
    expect(await claim('g', 21)).toEqual({ kind: 'inProgress' });
    await completeIdempotencyKey(store.db, held('g', 20), 201, '{"id":"ord_new"}');
    expect(await claim('g', 22)).toEqual({ kind: 'replay', status: 201, body: '{"id":"ord_new"}' });
  });
});
