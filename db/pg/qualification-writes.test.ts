import { afterAll, describe, expect, it, vi } from 'vitest';
import { newAnswer, newQualification, offerSnapshot } from '../../test/support/factories.js';
import { createTestPlatform } from '../../test/support/platform.js';
import { isPostgres, statement } from '../execute.js';
import {
  getQualification,
  insertQualification,
  insertQualificationGrouped,
  type AnswerToStore,
  type OfferSnapshot,
} from '../repositories/qualifications.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());
const { db } = platform;
if (!isPostgres(db)) throw new Error('this file runs on PostgreSQL only');
const router = db.$client;
const countAnswers = async () =>
  Number((await statement(db, 'SELECT count(*) FROM qualification_answers').pluck().get()) as string | number);

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

  it("sends each new answer's JSON as a parameter of its own, whatever it holds, and stores only the answers given", async () => {
    // Quotes, backslashes, braces and non-ASCII: what an array literal would have to escape.
    const answers: AnswerToStore[] = ['Carrier "Quoted" \\ {Ltd}', 'Fibre, Ñandú', 'Plain'].map((partnerName, i) => ({
      offersJson: JSON.stringify([1, 2, 3].slice(0, i + 1).map((rank) => ({ ...offerSnapshot(rank), partnerName }))),
      storedId: undefined,
    }));
    const group = answers.map((answer) => newQualification(answer));
    const answersBefore = await countAnswers();
    const queries = vi.spyOn(router, 'query');
    try {
      await Promise.all(group.map((q) => insertQualificationGrouped(db, q)));
      expect(queries).toHaveBeenCalledTimes(1);
      const values = (queries.mock.calls[0]![0] as unknown as { values: unknown[] }).values;
      for (const answer of answers) expect(values).toContain(answer.offersJson);
    } finally {
      queries.mockRestore();
    }
    // Three answers take four rows of the statement; the fourth is empty and stores nothing.
    expect(await countAnswers()).toBe(answersBefore + 3);
    for (const [i, q] of group.entries()) {
      const stored = await getQualification(db, q.id);
      expect(stored?.answerId).toBe(answers[i]!.storedId);
      expect(stored?.offers.map((o) => o.partnerName)).toEqual(
        (JSON.parse(answers[i]!.offersJson) as OfferSnapshot[]).map((o) => o.partnerName),
      );
    }
  });

  it('compresses a stored answer with lz4 (migration 0014)', async () => {
    // Long enough to be compressed: PostgreSQL compresses a row's values once the row passes about 2 KB.
    const answer: AnswerToStore = {
      offersJson: JSON.stringify(Array.from({ length: 40 }, (_, i) => offerSnapshot(i + 1))),
      storedId: undefined,
    };
    await insertQualificationGrouped(db, newQualification(answer));
    const method = await statement(db, 'SELECT pg_column_compression(offers) FROM qualification_answers WHERE id = ?')
      .pluck()
      .get(answer.storedId);
    expect(method).toBe('lz4');
  });

  it('stores a group whose answers were all stored before without a new answer', async () => {
    const stored = newAnswer([1]);
    await insertQualification(db, newQualification(stored));
    const answersBefore = await countAnswers();
    const group = [newQualification(stored), newQualification(stored)];
    await Promise.all(group.map((q) => insertQualificationGrouped(db, q)));
    expect(await countAnswers()).toBe(answersBefore);
    for (const q of group) expect((await getQualification(db, q.id))?.answerId).toBe(stored.storedId);
  });
});
