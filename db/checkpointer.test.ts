import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer.js';
import { closeDatabase, openDatabase } from './client.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-ckpt-'));
  dirs.push(dir);
  return path.join(dir, 'test.db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const walSize = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
const until = async (what: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** A WAL database written by a connection that never checkpoints by itself, as the serving connection is. */
function writer(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const write = (rows: number) =>
    db.transaction(() => {
      for (let i = 0; i < rows; i += 1) insert.run('x'.repeat(200));
    })();
  return { db, write };
}

describe('startCheckpointer', () => {
  it('checkpoints from its own thread and empties the WAL once writes stop', async () => {
    const file = tempFile();
    const { db, write } = writer(file);
    write(2_000);
    expect(walSize(file)).toBeGreaterThan(100_000);
    const checkpointer = startCheckpointer(file, { intervalMs: 20 });
    try {
      await until(() => walSize(file) === 0);
      expect(checkpointer.passes()).toBeGreaterThan(0);
      // Everything written is in the database file itself now: a reader without the WAL sees it.
      expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2_000);
    } finally {
      checkpointer.stop();
      db.close();
    }
  });

  it('keeps the WAL bounded while a writer keeps writing', async () => {
    const file = tempFile();
    const { db, write } = writer(file);
    const checkpointer = startCheckpointer(file, { intervalMs: 10, restartWalBytes: 256 * 1024 });
    try {
      // ~16 MiB of rows in small transactions, yielding between them as a server does.
      for (let i = 0; i < 4_000; i += 1) {
        write(20);
        if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      // Unchecked, the WAL would hold every page written (about 64 MiB: each small commit rewrites whole pages).
      // Checkpointed, it starts over whenever a pass catches up or restarts it; the bound is loose for busy machines.
      expect(walSize(file)).toBeLessThan(12 * 2 ** 20);
      expect(checkpointer.passes()).toBeGreaterThan(5);
    } finally {
      checkpointer.stop();
      db.close();
    }
  });

  it('stops at once, closing its connection, even before its thread has started', () => {
    const file = tempFile();
    const { db } = writer(file);
    const checkpointer = startCheckpointer(file, { intervalMs: 60_000 });
    const started = Date.now();
    checkpointer.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    db.close();
    // This was the last connection, so SQLite checkpointed and removed the WAL on close.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('openDatabase', () => {
  it('leaves checkpoints to the thread and closes cleanly, the WAL merged and removed', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    db.$client.exec('CREATE TABLE scratch (v TEXT)');
    db.$client.prepare('INSERT INTO scratch VALUES (?)').run('kept');
    closeDatabase(db);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = new Database(file, { readonly: true });
    expect(reopened.prepare('SELECT v FROM scratch').pluck().get()).toBe('kept');
    reopened.close();
  });

  it('keeps SQLite checkpointing in memory, where there is no file to share', () => {
    const db = openDatabase(':memory:');
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    closeDatabase(db);
  });
});
