import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, writeTransaction } from './client.js';
import { partners } from './schema.js';

describe('writeTransaction', () => {
  const count = (db: ReturnType<typeof openDatabase>) => db.select().from(partners).all().length;
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

  it('commits everything or nothing', () => {
    const db = openDatabase(':memory:');
    writeTransaction(db, () => db.insert(partners).values(partner('ptn_a')).run());
    expect(() =>
      writeTransaction(db, () => {
        db.insert(partners).values(partner('ptn_b')).run();
        throw new Error('half way');
      }),
    ).toThrow('half way');
    expect(count(db)).toBe(1);
    closeDatabase(db);
  });

  it('refuses an async callback and keeps none of what it wrote', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      writeTransaction(db, async () => {
        db.insert(partners).values(partner('ptn_c')).run();
      }),
    ).toThrow(/synchronous/);
    expect(count(db)).toBe(0);
    closeDatabase(db);
  });

  it('makes a nested call a savepoint of the outer transaction', () => {
    const db = openDatabase(':memory:');
    writeTransaction(db, () => {
      db.insert(partners).values(partner('ptn_d')).run();
      expect(() =>
        writeTransaction(db, () => {
          db.insert(partners).values(partner('ptn_e')).run();
          throw new Error('inner');
        }),
      ).toThrow('inner');
    });
    expect(
      db
        .select()
        .from(partners)
        .all()
        .map((p) => p.id),
    ).toEqual(['ptn_d']);
    closeDatabase(db);
  });
});
