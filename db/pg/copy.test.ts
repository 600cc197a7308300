import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgresDatabase } from '../../test/support/postgres.js';
import { writeTransaction } from '../access.js';
import type { Db } from '../client.js';
import { statement } from '../execute.js';
import { closePostgres, openPostgres, transactionConnection, type PgDb } from './client.js';
import { copyRows } from './copy.js';

describe('copyRows (COPY … FROM STDIN)', () => {
  let database: Awaited<ReturnType<typeof createTestPostgresDatabase>>;
  let pg: PgDb;
  const db = () => pg as unknown as Db;

  beforeAll(async () => {
    database = await createTestPostgresDatabase();
    pg = await openPostgres(database.url);
    await statement(db(), 'create table copied (n bigint, label text, note text)').run();
  });
  afterAll(async () => {
    await closePostgres(pg);
    await database.drop();
  });

  it('stores every value as given: the characters COPY reserves, nulls, and more rows than one chunk', async () => {
    const awkward = [
      [1, 'tab\there', null],
      [2, 'back\\slash \\N', 'line\nbreak\r\n'],
      [3, 'ünïcødé ✓', ''],
    ];
    const many = Array.from({ length: 2_500 }, (_, i) => [100 + i, `row ${i}`, null]);
    await writeTransaction(db(), () =>
      copyRows(transactionConnection(pg), 'copied', ['n', 'label', 'note'], [...awkward, ...many]),
    );
    const rows = await statement(db(), 'select n, label, note from copied order by n').raw().all();
    expect(rows.slice(0, 3)).toEqual(awkward);
    expect(rows).toHaveLength(3 + 2_500);
    expect(rows.at(-1)).toEqual([2_599, 'row 2499', null]);
  });

  it('writes nothing when the transaction it ran in rolls back', async () => {
    const before = await statement(db(), 'select count(*) from copied').pluck().get();
    await expect(
      writeTransaction(db(), async () => {
        await copyRows(transactionConnection(pg), 'copied', ['n', 'label', 'note'], [[9_999, 'gone', null]]);
        throw new Error('undone');
      }),
    ).rejects.toThrow('undone');
    expect(await statement(db(), 'select count(*) from copied').pluck().get()).toBe(before);
  });
});
