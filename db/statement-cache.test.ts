import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cacheSessionStatements, STATEMENT_CACHE_SIZE } from './statement-cache.js';

function cachedSession() {
  const sqlite = new Database(':memory:');
  const db = drizzle(sqlite);
  cacheSessionStatements(db, sqlite);
  const client = (db as unknown as { session: { client: Database.Database } }).session.client;
  return { sqlite, db, client };
}

describe('drizzle statement cache', () => {
  it('compiles a text once and hands it back in row mode whatever mode drizzle left it in', () => {
    const { client } = cachedSession();
    const first = client.prepare('select 1 as a');
    first.raw(true);
    expect(first.get()).toEqual([1]);
    const again = client.prepare('select 1 as a');
    expect(again).toBe(first);
    expect(again.get()).toEqual({ a: 1 });
  });

  it('never shares a statement that is still iterating', () => {
    const { sqlite, client } = cachedSession();
    sqlite.exec('create table t (v integer); insert into t values (1), (2)');
    const iterating = client.prepare('select v from t');
    const rows = iterating.iterate();
    expect(rows.next().value).toEqual({ v: 1 });
    const other = client.prepare('select v from t');
    expect(other).not.toBe(iterating);
    expect(other.all()).toEqual([{ v: 1 }, { v: 2 }]);
    rows.return?.();
  });

  it('keeps at most STATEMENT_CACHE_SIZE texts, dropping the least recently used', () => {
    const { client } = cachedSession();
    const oldest = client.prepare('select 0');
    const kept = client.prepare('select -1');
    for (let i = 1; i < STATEMENT_CACHE_SIZE - 1; i++) client.prepare(`select ${i}`);
    expect(client.prepare('select -1')).toBe(kept);
    client.prepare(`select ${STATEMENT_CACHE_SIZE}`);
    expect(client.prepare('select -1')).toBe(kept);
    expect(client.prepare('select 0')).not.toBe(oldest);
  });

  it('runs drizzle queries through it with their usual answers', () => {
    const { db } = cachedSession();
    db.run(sql`create table t (v integer)`);
    db.run(sql`insert into t values (${7})`);
    for (let i = 0; i < 2; i++) {
      expect(db.all(sql`select v from t`)).toEqual([{ v: 7 }]);
      expect(db.values(sql`select v from t`)).toEqual([[7]]);
    }
  });
});
