import { afterAll, describe, expect, it, vi } from 'vitest';
import { newAnswer, newQualification } from '../../test/support/factories.js';
import { createTestPlatform } from '../../test/support/platform.js';
import { isPostgres } from '../execute.js';
import { getQualification, insertQualification, insertQualificationGrouped } from '../repositories/qualifications.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());
const { db } = platform;
if (!isPostgres(db)) throw new Error('this file runs on PostgreSQL only');
const router = db.$client;

describe('qualifications written on PostgreSQL', () => {
  it('writes a group in one statement committed on its own: new answers once, stored ones shared', async () => {
    const stored = newAnswer([1]);
    await insertQualification(db, newQualification(stored));
    const [two, three] = [newAnswer([1, 2]), newAnswer([1, 2, 3])];
    const group = [two, stored, three, two].map((answer) => newQualification(answer));
    const queries = vi.spyOn(router, 'query');
    try {
      await Promise.all(group.map((q) => insertQualificationGrouped(db, q)));
      // No BEGIN, no COMMIT, no id drawn first: the one statement is the transaction.
      expect(queries).toHaveBeenCalledTimes(1);
    } finally {
      queries.mockRestore();
    }
    expect(new Set([stored.storedId, two.storedId, three.storedId]).size).toBe(3);
    const answerIds = await Promise.all(group.map(async (q) => (await getQualification(db, q.id))?.answerId));
    expect(answerIds).toEqual([two.storedId, stored.storedId, three.storedId, two.storedId]);
    const ranks = await Promise.all(group.map(async (q) => (await getQualification(db, q.id))?.offers.length));
    expect(ranks).toEqual([2, 1, 3, 2]);
  });
});
