import { describe, expect, it } from 'vitest';
import { storeForTests } from '../../test/support/store.js';
import { statement } from '../execute.js';
import { getOfferForOrder } from './offers.js';
import {
  getQualification,
  insertQualification,
  insertQualificationGrouped,
  offerId,
  parseOfferId,
  type NewQualification,
} from './qualifications.js';
import { newAnswer, newQualification } from '../../test/support/factories.js';

const store = storeForTests();

const qualification = newQualification;
const answerRows = async () =>
  (await statement(store.db, 'SELECT count(*) FROM qualification_answers').pluck<number>().get()) ?? 0;

describe('storing qualifications', () => {
  it('stores an answer once and lets every qualification given it share the row', async () => {
    const answer = newAnswer();
    const before = await answerRows();
    const first = qualification(answer);
    const second = qualification(answer);
    await insertQualification(store.db, first);
    await insertQualification(store.db, second);
    expect(await answerRows()).toBe(before + 1);
    expect((await getQualification(store.db, first.id))?.answerId).toBe(answer.storedId);
    // Each qualification names its own offers.
    expect((await getQualification(store.db, second.id))?.offers.map((o) => [o.id, o.monthlyChargeMinor])).toEqual([
      [offerId(second.id, 1), 10_000],
      [offerId(second.id, 2), 20_000],
    ]);
  });

  it('commits the qualifications of one turn of the event loop together, and resolves only once committed', async () => {
    const answer = newAnswer();
    const batch = Array.from({ length: 5 }, () => qualification(answer));
    const pending = batch.map((q) => insertQualificationGrouped(store.db, q));
    // Queued, not yet written: nothing may refer to them before the commit.
    expect(await getQualification(store.db, batch[0]!.id)).toBeUndefined();
    await Promise.all(pending);
    for (const q of batch) expect((await getQualification(store.db, q.id))?.offers.map((o) => o.rank)).toEqual([1, 2]);
  });

  it('stores a group giving several answers, each answer once, each qualification with its own', async () => {
    const stored = newAnswer([1]);
    await insertQualification(store.db, qualification(stored));
    const [two, three] = [newAnswer([1, 2]), newAnswer([1, 2, 3])];
    const group = [qualification(two), qualification(stored), qualification(three), qualification(two)];
    const before = await answerRows();
    await Promise.all(group.map((q) => insertQualificationGrouped(store.db, q)));
    expect(await answerRows()).toBe(before + 2);
    const ranks = async (q: NewQualification) => (await getQualification(store.db, q.id))?.offers.map((o) => o.rank);
    expect(await Promise.all(group.map(ranks))).toEqual([[1, 2], [1], [1, 2, 3], [1, 2]]);
    expect((await getQualification(store.db, group[3]!.id))?.answerId).toBe(two.storedId);
  });

  it('fails only the qualification that cannot be stored, and an answer first stored by the rolled-back group is stored again', async () => {
    const taken = qualification(newAnswer([1]));
    await insertQualification(store.db, taken);
    const answer = newAnswer([1, 2, 3]);
    const good = [qualification(answer), qualification(answer)];
    const bad = qualification(answer, taken.id); // the id is taken
    const before = await answerRows();
    const results = await Promise.allSettled([
      insertQualificationGrouped(store.db, good[0]!),
      insertQualificationGrouped(store.db, bad),
      insertQualificationGrouped(store.db, good[1]!),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await answerRows()).toBe(before + 1);
    for (const q of good)
      expect((await getQualification(store.db, q.id))?.offers.map((o) => o.rank)).toEqual([1, 2, 3]);
    expect((await getQualification(store.db, taken.id))?.offers.map((o) => o.rank)).toEqual([1]);
  });
});

describe('offer ids', () => {
  it('name the qualification and rank, also when the id holds underscores', () => {
    expect(parseOfferId(offerId('qlf_01J_a-b_c', 12))).toEqual({ qualificationId: 'qlf_01J_a-b_c', rank: 12 });
    for (const bad of ['', 'qof_', 'qof__1', 'qlf_x_1', 'qof_x_0', 'qof_x_01', 'qof_x_1.5', 'qof_x_'])
      expect(parseOfferId(bad)).toBeUndefined();
  });

  it('find an offer for an order, with the address and expiry it was qualified for', async () => {
    const q = qualification(newAnswer([1, 2]));
    await insertQualification(store.db, q);
    expect(await getOfferForOrder(store.db, offerId(q.id, 2))).toMatchObject({
      id: offerId(q.id, 2),
      monthlyChargeMinor: 20_000,
      qualifiedAddress: JSON.parse(q.addressJson),
      expiresAt: q.expiresAt,
    });
    expect(await getOfferForOrder(store.db, offerId(q.id, 3))).toBeUndefined();
    expect(await getOfferForOrder(store.db, offerId('qlf_unknown', 1))).toBeUndefined();
  });
});
