import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgresDatabase } from '../../test/support/postgres.js';
import { withConnection, writeTransaction } from '../access.js';
import { closePostgres, openPostgres, type PgDb } from './client.js';
import { webhookSubscriptions as subscriptions } from './schema.js';

/** A row of a table no trigger writes elsewhere from, so transactions here contend for nothing but their own rows. */
const subscription = (id: string) => ({
  id,
  name: id,
  url: 'https://example.com/hook',
  secret: 's',
  kinds: '[]',
  createdBy: 'test',
  createdAt: '2027-01-01T00:00:00.000Z',
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('writeTransaction on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestPostgresDatabase>>;
  let db: PgDb;
  const insert = (id: string) =>
    withConnection(db, async () => void (await db.insert(subscriptions).values(subscription(id))));
  const ids = async () =>
    (await db.select({ id: subscriptions.id }).from(subscriptions).orderBy(subscriptions.id)).map((p) => p.id);

  beforeAll(async () => {
    database = await createTestPostgresDatabase();
    db = await openPostgres(database.url);
  });
  afterAll(async () => {
    await closePostgres(db);
    await database.drop();
  });

  it('commits everything its callback wrote, awaits included, nests savepoints, or keeps nothing when it throws', async () => {
    await writeTransaction(db, async () => {
      await insert('whk_a');
      await new Promise((resolve) => setImmediate(resolve));
      await expect(
        writeTransaction(db, async () => {
          await insert('whk_b');
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await insert('whk_c');
    });
    await expect(
      writeTransaction(db, async () => {
        await insert('whk_d');
        throw new Error('half way');
      }),
    ).rejects.toThrow('half way');
    expect(await ids()).toEqual(['whk_a', 'whk_c']);
  });

  it('keeps a statement from outside out of an open transaction, and work it left behind once it settled', async () => {
    const gate = deferred();
    const later = deferred();
    let leftBehind: Promise<unknown> | undefined;
    await writeTransaction(db, async () => {
      leftBehind = (async () => {
        await later.promise;
        return insert('whk_e');
      })();
    });
    const rolledBack = writeTransaction(db, async () => {
      await insert('whk_f');
      later.resolve();
      await leftBehind;
      await gate.promise;
      throw new Error('rolled back');
    });
    const outsider = insert('whk_h');
    await outsider;
    gate.resolve();
    await expect(rolledBack).rejects.toThrow('rolled back');
    expect(await ids()).toEqual(['whk_a', 'whk_c', 'whk_e', 'whk_h']);
  });
});
