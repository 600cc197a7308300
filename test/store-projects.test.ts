import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postgresTests, sqliteOnlyStoreTests } from '../vitest.config.js';

/* The `postgres` test project is a list kept by hand (vitest.config.ts): this finds what it would miss. */

const root = path.resolve(import.meta.dirname, '..');
const TEST_STORE = 'test/support/store.ts';

/** The repository files a source file imports by relative path (static, side-effect and dynamic imports). */
function relativeImports(file: string): string[] {
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  const found: string[] = [];
  for (const [, specifier] of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier!));
    const candidates = [joined.replace(/\.js$/, '.ts'), joined.replace(/\.js$/, '.tsx'), joined];
    const existing = candidates.find((c) => fs.existsSync(path.join(root, c)));
    if (existing) found.push(existing);
  }
  return found;
}

const testFiles = execFileSync('git', ['ls-files', '*.test.ts'], { cwd: root, encoding: 'utf8' }).trim().split('\n');

/** Every file that imports test/support/store.ts, directly or through other files (the import graph walked back). */
function filesOpeningTestStore(): Set<string> {
  const importers = new Map<string, string[]>();
  const pending = [...testFiles];
  const read = new Set(pending);
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const imported of relativeImports(file)) {
      importers.set(imported, [...(importers.get(imported) ?? []), file]);
      if (read.has(imported)) continue;
      read.add(imported);
      pending.push(imported);
    }
  }
  const opening = new Set([TEST_STORE]);
  const back = [TEST_STORE];
  for (let file = back.pop(); file !== undefined; file = back.pop()) {
    for (const importer of importers.get(file) ?? []) {
      if (opening.has(importer)) continue;
      opening.add(importer);
      back.push(importer);
    }
  }
  return opening;
}
const opening = filesOpeningTestStore();

const postgresOnly = (file: string) => file.startsWith('db/pg/');

describe('the test projects (vitest.config.ts)', () => {
  it('run on PostgreSQL too every test that opens the test store, except those named as about SQLite itself', () => {
    const tests = testFiles.filter((f) => !postgresOnly(f) && opening.has(f));
    const onNeither = tests.filter((f) => !postgresTests.includes(f) && !sqliteOnlyStoreTests.includes(f));
    expect(onNeither).toEqual([]);
    expect(tests.filter((f) => postgresTests.includes(f) && sqliteOnlyStoreTests.includes(f))).toEqual([]);
  });

  it('name only tests that exist and open the test store (a test that does not would run twice for nothing)', () => {
    const named = [...postgresTests.filter((f) => !postgresOnly(f)), ...sqliteOnlyStoreTests];
    expect(named.filter((f) => !testFiles.includes(f) || !opening.has(f))).toEqual([]);
  });
});
