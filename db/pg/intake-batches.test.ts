import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTestPlatform } from '../../test/support/platform.js';
import { writeTransaction } from '../access.js';
import { isPostgres } from '../execute.js';
import { claimIdempotencyKey, completeIdempotencyKey } from '../repositories/idempotency.js';
import { partnerStatusWithPolicyStarts } from '../repositories/ola-policies.js';
import { getOrder, markOrderWorkflowStarted } from '../repositories/orders.js';
import { storeOrder } from '../../test/support/factories.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());
const { db } = platform;
if (!isPostgres(db)) throw new Error('this file runs on PostgreSQL only');
const router = db.$client;

const at = new Date('2027-01-04T09:00:00.000Z');
const claim = (key: string, requestHash = 'hash-1', now = at) =>
  claimIdempotencyKey(db, { apiKeyId: 'key_batch', key, requestHash, now, leaseMs: 15_000 });
/** The statements sent to PostgreSQL while `work` runs, by their text. */
async function statementsDuring<T>(work: () => Promise<T>): Promise<{ result: T; texts: string[] }> {
  const queries = vi.spyOn(router, 'query');
  try {
    const result = await work();
    const texts = queries.mock.calls.map((args) => {
      const config = args[0] as string | { text: string };
      return typeof config === 'string' ? config : config.text;
    });
    return { result, texts };
  } finally {
    queries.mockRestore();
  }
}
const inserting = (table: string) => (text: string) => text.includes(`insert into ${table}`);

describe('order intake statements, one per turn of the event loop on PostgreSQL', () => {
  it('claims the keys of one turn in one insert: each new key once, a repeat in the same turn finds it held', async () => {
    expect(await claim('held-before')).toEqual({ kind: 'new', takenOver: false });
    const { result, texts } = await statementsDuring(() =>
      Promise.all([claim('a'), claim('b'), claim('a'), claim('b', 'hash-2'), claim('held-before')]),
    );
    expect(result).toEqual([
      { kind: 'new', takenOver: false },
      { kind: 'new', takenOver: false },
      { kind: 'inProgress' },
      { kind: 'mismatch' },
      { kind: 'inProgress' },
    ]);
    expect(texts.filter(inserting('idempotency_keys'))).toHaveLength(1);
  });

  it('stores the responses of one turn in one update, each only while its claim is still held', async () => {
    for (const key of ['c', 'd', 'e']) await claim(key);
    const held = (key: string, claimedAt = at) => ({ apiKeyId: 'key_batch', key, claimedAt: claimedAt.toISOString() });
    const { texts } = await statementsDuring(() =>
      Promise.all([
        completeIdempotencyKey(db, held('c'), 201, '{"id":"ord_c"}'),
        completeIdempotencyKey(db, held('d'), 201, null),
        // Taken over since (another instant): not this caller's to complete.
        completeIdempotencyKey(db, held('e', new Date(at.getTime() - 1)), 201, '{"id":"ord_stale"}'),
      ]),
    );
    expect(texts.filter((t) => t.startsWith('update idempotency_keys'))).toHaveLength(1);
    expect(await claim('c')).toEqual({ kind: 'replay', status: 201, body: '{"id":"ord_c"}' });
    expect(await claim('d')).toEqual({ kind: 'replay', status: 201, body: null });
    expect(await claim('e')).toEqual({ kind: 'inProgress' });
  });

  it('marks the workflows started in one turn in one update, and inside a transaction in the transaction', async () => {
    const partner = await platform.createPartner({ name: 'Batch Marks' });
    const placed = () => storeOrder(db, { partnerId: partner.id, createdAt: at.toISOString() });
    const [first, second, third] = [await placed(), await placed(), await placed()];
    const started = new Date('2027-01-04T09:00:01.000Z');
    const { texts } = await statementsDuring(() =>
      Promise.all([markOrderWorkflowStarted(db, first, started), markOrderWorkflowStarted(db, second, started)]),
    );
    expect(texts.filter((t) => t.startsWith('update orders'))).toHaveLength(1);
    expect((await getOrder(db, first))?.workflowStartedAt).toBe(started.toISOString());
    expect((await getOrder(db, second))?.workflowStartedAt).toBe(started.toISOString());
    expect((await getOrder(db, third))?.workflowStartedAt).toBeNull();

    await expect(
      writeTransaction(db, async () => {
        await markOrderWorkflowStarted(db, third, started);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await getOrder(db, third))?.workflowStartedAt).toBeNull();
  });

  it("reads the partners of one turn's orders in one query, each with its own status", async () => {
    const active = await platform.createPartner({ name: 'Batch Active' });
    const suspended = await platform.createPartner({ name: 'Batch Suspended', status: 'suspended' });
    const { result, texts } = await statementsDuring(() =>
      Promise.all([
        partnerStatusWithPolicyStarts(db, active.id),
        partnerStatusWithPolicyStarts(db, 'ptn_missing'),
        partnerStatusWithPolicyStarts(db, suspended.id),
        partnerStatusWithPolicyStarts(db, active.id),
      ]),
    );
    expect(texts).toHaveLength(1);
    expect(result.map((p) => p?.status)).toEqual(['active', undefined, 'suspended', 'active']);
  });
});
