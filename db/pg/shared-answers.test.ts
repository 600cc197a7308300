import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgresDatabase } from '../../test/support/postgres.js';
import { offerSnapshot } from '../../test/support/factories.js';
import { closeStore, openStore, type Db } from '../client.js';
import { newTimeOrderedId } from '../ids.js';
import {
  getQualification,
  insertQualification,
  insertQualificationGrouped,
  type AnswerToStore,
  type NewQualification,
} from '../repositories/qualifications.js';

const qualification = (answer: AnswerToStore, id = newTimeOrderedId('qlf', new Date())): NewQualification => ({
  id,
  requestedBy: 'key_test',
  liveChecksJson: null,
  requestJson: '{}',
  addressJson: JSON.stringify({ countryCode: 'GB', postcode: 'SW1A 1AA' }),
  createdAt: new Date().toISOString(),
  expiresAt: new Date().toISOString(),
  answer,
});
const newAnswer = (): AnswerToStore => ({ offersJson: JSON.stringify([offerSnapshot(1)]), storedId: undefined });

// Qualifications of successive turns of the event loop are stored by commits under way at once, each on a connection
// of its own: an answer one of them stored must not be referred to by the others before that commit.
describe('an answer shared by qualifications stored by concurrent commits (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createTestPostgresDatabase>>;
  let db: Db;
  let other: pg.Client;
  beforeAll(async () => {
    database = await createTestPostgresDatabase();
    db = await openStore({ databaseUrl: database.url, databasePath: '' });
    other = new pg.Client({ connectionString: database.url });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await closeStore(db);
    await database.drop();
  });

  it('is handed to later qualifications only once the commit that stored it is done', async () => {
    const settled = qualification(newAnswer());
    await insertQualification(db, settled);
    // Another connection holds a qualification id in an open transaction: the commit storing `first` (and the answer
    // with it) waits on that id.
    const heldId = newTimeOrderedId('qlf', new Date());
    await other.query('BEGIN');
    await other.query(
      `INSERT INTO qualifications (id, requested_by, request, address, created_at, expires_at, answer_id)
       VALUES ($1, 'key_other', '{}', '{}', $2, $2, $3)`,
      [heldId, new Date().toISOString(), settled.answer.storedId],
    );
    const answer = newAnswer();
    const first = qualification(answer, heldId);
    const storingFirst = insertQualificationGrouped(db, first);
    const firstOutcome = storingFirst.then(
      () => 'stored',
      (err: unknown) => err,
    );
    await expect
      .poll(async () => {
        const waiting = await other.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return waiting.rows[0].n as number;
      })
      .toBe(1);

    // The answer row is written but not committed: a qualification given the same answer now stores its own copy.
    expect(answer.storedId).toBeUndefined();
    const second = qualification(answer);
    await insertQualificationGrouped(db, second);
    const secondAnswerId = (await getQualification(db, second.id))?.answerId;
    expect(answer.storedId).toBe(secondAnswerId);

    // The held id is given up: the first commit goes through, and from then on its answer is the one handed out.
    await other.query('ROLLBACK');
    expect(await firstOutcome).toBe('stored');
    const firstAnswerId = (await getQualification(db, first.id))?.answerId;
    expect(firstAnswerId).not.toBe(secondAnswerId);
    expect(answer.storedId).toBe(firstAnswerId);
    const third = qualification(answer);
    await insertQualificationGrouped(db, third);
    expect((await getQualification(db, third.id))?.answerId).toBe(firstAnswerId);
    expect((await getQualification(db, third.id))?.offers.map((o) => o.rank)).toEqual([1]);
  });
});
