import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgresDatabase } from '../../test/support/postgres.js';
import type { Db } from '../client.js';
import { statement } from '../execute.js';
import { closePostgres, openPostgres, type PgDb } from './client.js';

/** statement() takes SQLite's placeholders and aliases; PostgreSQL must answer the same rows. */
describe('statement() on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestPostgresDatabase>>;
  let pg: PgDb;
  let db: Db;

  beforeAll(async () => {
    database = await createTestPostgresDatabase();
    pg = await openPostgres(database.url);
    db = pg as unknown as Db;
  });
  afterAll(async () => {
    await closePostgres(pg);
    await database.drop();
  });

  it('numbers ? and @name placeholders, leaving those inside string literals alone', async () => {
    expect(await statement(db, "select ?::int + ?::int as sum, '?' as mark, 'it''s @x' as quoted").get(2, 3)).toEqual({
      sum: 5,
      mark: '?',
      quoted: "it's @x",
    });
    expect(await statement(db, 'select @a::int * @b::int + @a::int as n').pluck().get({ a: 4, b: 5 })).toBe(24);
  });

  it('keeps camel-case aliases in their case, whether written "as" or "AS", wherever the statement uses them', async () => {
    const rows = await statement(
      db,
      `select x AS locationKey, x * 2 as dueKey from (values (1), (2), (3)) v(x) where x > 1 order by dueKey desc`,
    ).all();
    expect(rows).toEqual([
      { locationKey: 3, dueKey: 6 },
      { locationKey: 2, dueKey: 4 },
    ]);
  });

  it('answers rows as arrays with raw(), and counts changes with run()', async () => {
    expect(await statement(db, 'select 1 as a, 2 as b').raw().all()).toEqual([[1, 2]]);
    await statement(db, 'create table counted (id int)').run();
    expect((await statement(db, 'insert into counted values (?), (?), (?)').run(1, 2, 3)).changes).toBe(3);
  });
});
