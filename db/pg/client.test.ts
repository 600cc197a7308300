import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgresDatabase } from '../../test/support/postgres.js';
import { closePostgres, openPostgres } from './client.js';

describe('PostgreSQL store', () => {
  let database: Awaited<ReturnType<typeof createTestPostgresDatabase>>;
  beforeAll(async () => {
    database = await createTestPostgresDatabase();
  });
  afterAll(() => database?.drop());

  it('migrates once when several processes start together, and the triggers move the generations', async () => {
    const stores = await Promise.all([openPostgres(database.url), openPostgres(database.url)]);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const applied = await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
      const migrations = fs.readdirSync(new URL('./migrations', import.meta.url)).filter((f) => f.endsWith('.sql'));
      expect(applied.rows[0].n).toBe(migrations.length);
      const generation = async () =>
        (await client.query('SELECT generation FROM directory_generation WHERE id = 1')).rows[0].generation;
      const before = await generation();
      await client.query(
        `INSERT INTO partners (id, name, country, status, default_currency, adapter, escalation, calendar, updated_at)
         VALUES ('ptn_a', 'A', 'GB', 'active', 'GBP', '{}', '[]', '{}', '2027-01-01T00:00:00.000Z')`,
      );
      await client.query(`UPDATE partners SET name = 'B' WHERE id = 'ptn_a'`);
      expect(Number(await generation())).toBe(Number(before) + 2);
      const created = await client.query(`SELECT created_at FROM partners WHERE id = 'ptn_a'`);
      expect(created.rows[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    } finally {
      await client.end();
      for (const store of stores) await closePostgres(store);
    }
  });

  it('refuses a database whose collation does not order text bytewise', async () => {
    const url = new URL(database.url);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const name = `${url.pathname.slice(1)}_en`;
    try {
      const locales = await admin.query(`SELECT collname FROM pg_collation WHERE collname = 'en_US.utf8'`);
      const collation = locales.rows.length > 0 ? 'en_US.utf8' : 'ucs_basic';
      await admin.query(
        collation === 'ucs_basic'
          ? `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LC_COLLATE 'C' LC_CTYPE 'C'`
          : `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE '${collation}' LC_CTYPE '${collation}'`,
      );
      url.pathname = `/${name}`;
      await expect(openPostgres(url.toString())).rejects.toThrow(/orders text by its locale/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('prepares each statement text once per connection, and runs later texts unnamed once 500 are named', async () => {
    const store = await openPostgres(database.url, { poolSize: 1 });
    try {
      const prepared = async () =>
        (
          await store.$client.query({
            text: "SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'tailgate%'",
          })
        ).rows as { name: string; statement: string }[];
      const one = (n: number) => store.$client.query({ text: `SELECT ${n}::int AS n`, rowMode: 'array' });
      expect((await one(1)).rows).toEqual([[1]]);
      expect((await one(1)).rows).toEqual([[1]]);
      const afterRepeat = await prepared();
      expect(afterRepeat.filter((p) => p.statement === 'SELECT 1::int AS n')).toHaveLength(1);
      for (let n = 2; n <= 600; n++) expect((await one(n)).rows).toEqual([[n]]);
      const all = await prepared();
      // The pg_prepared_statements read is itself named; texts past the cap are not.
      expect(all).toHaveLength(500);
      expect(all.some((p) => p.statement === 'SELECT 600::int AS n')).toBe(false);
    } finally {
      await closePostgres(store);
    }
  });
});
