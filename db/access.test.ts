import { describe, expect, it } from 'vitest';
import { withConnection, writeTransaction } from './access.js';
import { closeDatabase, openDatabase, type Db } from './client.js';
import { partners } from './schema.js';

const partner = (id: string) => ({
  id,
  name: id,
  country: 'GB',
  status: 'active' as const,
  defaultCurrency: 'GBP',
  adapter: {},
  escalation: [],
  calendar: {},
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
});
const insert = (db: Db, id: string) => withConnection(db, () => db.insert(partners).values(partner(id)).run());
const ids = (db: Db) =>
  withConnection(db, () =>
    db
      .select({ id: partners.id })
      .from(partners)
      .orderBy(partners.id)
      .all()
      .map((p) => p.id),
  );

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('writeTransaction', () => {
  it('commits everything its callback wrote, awaits included, or nothing when it throws', async () => {
    const db = openDatabase(':memory:');
    await writeTransaction(db, async () => {
      await insert(db, 'ptn_a');
      await new Promise((resolve) => setImmediate(resolve));
      await insert(db, 'ptn_b');
    });
    await expect(
      writeTransaction(db, async () => {
        await insert(db, 'ptn_c');
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('half way');
      }),
    ).rejects.toThrow('half way');
    expect(await ids(db)).toEqual(['ptn_a', 'ptn_b']);
    closeDatabase(db);
  });

  it('makes a nested call a savepoint of the outer transaction', async () => {
    const db = openDatabase(':memory:');
    await writeTransaction(db, async () => {
      await insert(db, 'ptn_d');
      await expect(
        writeTransaction(db, async () => {
          await insert(db, 'ptn_e');
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
    });
    expect(await ids(db)).toEqual(['ptn_d']);
    closeDatabase(db);
  });

  it('lets no other call slip into an open transaction: it waits its turn and survives its rollback', async () => {
    const db = openDatabase(':memory:');
    const gate = deferred();
    const order: string[] = [];
    const rolledBack = writeTransaction(db, async () => {
      await insert(db, 'ptn_f');
      await gate.promise;
      order.push('transaction ends');
      throw new Error('rolled back');
    });
    const outsider = insert(db, 'ptn_g').then(() => order.push('outsider wrote'));
    gate.resolve();
    await expect(rolledBack).rejects.toThrow('rolled back');
    await outsider;
    expect(order).toEqual(['transaction ends', 'outsider wrote']);
    expect(await ids(db)).toEqual(['ptn_g']);
    closeDatabase(db);
  });

  it('does not count work its callback left behind as part of it once it settled', async () => {
    const db = openDatabase(':memory:');
    const later = deferred();
    let leftBehind: Promise<unknown> | undefined;
    await writeTransaction(db, async () => {
      await insert(db, 'ptn_h');
      leftBehind = (async () => {
        await later.promise;
        return insert(db, 'ptn_i');
      })();
    });
    const gate = deferred();
    const next = writeTransaction(db, async () => {
      await insert(db, 'ptn_j');
      later.resolve();
      await gate.promise;
      throw new Error('rolled back');
    });
    await new Promise((resolve) => setImmediate(resolve));
    gate.resolve();
    await expect(next).rejects.toThrow('rolled back');
    await leftBehind;
    expect(await ids(db)).toEqual(['ptn_h', 'ptn_i']);
    closeDatabase(db);
  });
});
