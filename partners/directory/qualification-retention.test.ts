import { beforeAll, describe, expect, it } from 'vitest';
import { partnerInput, storeOrder } from '../../test/support/factories.js';
import { statement } from '../../db/execute.js';
import { storeForTests } from '../../test/support/store.js';
import { newTimeOrderedId } from '../../db/ids.js';
import {
  getOfferingQualification,
  insertOfferingQualification,
} from '../../db/repositories/offering-qualifications.js';
import { insertPartner } from '../../db/repositories/partners.js';
import {
  getQualification,
  insertQualification,
  offerId,
  type AnswerToStore,
} from '../../db/repositories/qualifications.js';
import { PartnerCreateSchema } from '../../openapi/partners.js';
import { RETENTION_BATCH, sweepQualifications } from './qualification-retention.js';

const store = storeForTests();

const DAY = 86_400_000;
const now = new Date('2026-12-04T03:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY).toISOString();
let partnerId: string;
beforeAll(async () => {
  partnerId = (await insertPartner(store.db, PartnerCreateSchema.parse(partnerInput()), now)).id;
});
const answer = (): AnswerToStore => ({ offersJson: JSON.stringify([{ rank: 1 }]), storedId: undefined });
const answerExists = async (id: number | undefined) =>
  (await statement(store.db, 'select count(*) from qualification_answers where id = ?').pluck().get(id)) === 1;

/** A qualification made `createdDaysAgo` and valid for 30 days; an answer made with it the first time. */
async function qualify(createdDaysAgo: number, given = answer(), id = newTimeOrderedId('qlf', new Date())) {
  await insertQualification(store.db, {
    id,
    requestedBy: 'key_test',
    requestJson: '{}',
    addressJson: '{}',
    createdAt: daysAgo(createdDaysAgo),
    expiresAt: daysAgo(createdDaysAgo - 30),
    answer: given,
    liveChecksJson: null,
  });
  await statement(store.db, 'update qualification_answers set created_at = ? where id = ? and created_at > ?').run(
    daysAgo(createdDaysAgo),
    given.storedId,
    daysAgo(createdDaysAgo),
  );
  return { id, answer: given };
}

const orderFrom = async (offer: string) =>
  await storeOrder(store.db, { partnerId, offerId: offer, createdAt: now.toISOString() });

describe('qualification retention', () => {
  it('deletes qualifications expired longer than the retention and answers nothing shares, keeps the rest', async () => {
    const old = await qualify(200); // expired 170 days ago
    const ordered = await qualify(200); // expired as long ago, but an order was placed from it
    await orderFrom(offerId(ordered.id, 1));
    const recent = await qualify(100); // expired 70 days ago: within 90 days
    const sharing = await qualify(300); // its answer is shared by a recent qualification
    const sharer = await qualify(10, sharing.answer);

    expect(await sweepQualifications(store.db, now, 90)).toEqual({ qualifications: 2, answers: 1 });

    expect(await getQualification(store.db, old.id)).toBeUndefined();
    expect(await answerExists(old.answer.storedId)).toBe(false);
    expect(await getQualification(store.db, sharing.id)).toBeUndefined();
    expect((await getQualification(store.db, sharer.id))?.answerId).toBe(sharing.answer.storedId);
    for (const kept of [ordered, recent]) expect((await getQualification(store.db, kept.id))?.id).toBe(kept.id);
    expect(await sweepQualifications(store.db, now, 90)).toEqual({ qualifications: 0, answers: 0 });
  });

  it('deletes TMF679 qualifications of several items expired as long, keeps the recent', async () => {
    const several = (createdDaysAgo: number) => ({
      id: newTimeOrderedId('qlf', new Date()),
      requestedBy: 'key_test',
      createdAt: daysAgo(createdDaysAgo),
      expiresAt: daysAgo(createdDaysAgo - 30),
      items: [{ itemId: '1', unqualified: { code: 'noPlace', label: 'no site' } }],
    });
    const [old, recent] = [several(200), several(100)];
    for (const row of [old, recent]) await insertOfferingQualification(store.db, row);
    expect(await sweepQualifications(store.db, now, 90)).toEqual({ qualifications: 1, answers: 0 });
    expect(await getOfferingQualification(store.db, old.id)).toBeUndefined();
    expect(await getOfferingQualification(store.db, recent.id)).toMatchObject({ items: recent.items });
  });

  it('goes through a backlog larger than one write transaction', async () => {
    const backlog = await Promise.all(Array.from({ length: RETENTION_BATCH + 5 }, () => qualify(400)));
    expect(await sweepQualifications(store.db, now, 90)).toEqual({
      qualifications: backlog.length,
      answers: backlog.length,
    });
  });

  it('stores anew an answer a cache still remembers after the sweep deleted it', async () => {
    const cached = await qualify(400);
    const purgedId = cached.answer.storedId;
    await sweepQualifications(store.db, now, 90);
    expect(await answerExists(purgedId)).toBe(false);

    // The answer cache hands the same (now stale) answer to the next qualification of that address.
    // (Storing it with the id it remembered would fail the foreign key; SQLite may even give a new row the same id.)
    const next = await qualify(0, cached.answer);
    expect(await answerExists(next.answer.storedId)).toBe(true);
    expect((await getQualification(store.db, next.id))?.offers).toEqual([{ id: offerId(next.id, 1), rank: 1 }]);
  });
});
