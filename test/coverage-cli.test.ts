import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCoverageImport, type CliIo } from '../cli/coverage-import.js';
import { countCoverageEntries, listCoverageVersions } from '../db/repositories/coverage.js';
import { getPartner } from '../db/repositories/partners.js';
import { writeCoverageFile } from './support/coverage-files.js';
import { createTestPlatform } from './support/platform.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());

function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    now: () => new Date(),
    clock: () => performance.now(),
    out: () => out,
    err: () => err,
  };
}
const current = async (partnerId: string) =>
  (await getPartner(platform.db, partnerId))?.currentCoverageVersionId ?? null;

describe('npm run cli -- coverage import', () => {
  it('imports a 50,000-row file through the streaming driver, reporting progress and a summary', async () => {
    const partner = await platform.createPartner();
    const file = path.join(platform.dir, 'coverage-50k.csv');
    await writeCoverageFile(file, 50_000, (i) => i % 10_000 === 7);

    const strict = captureIo();
    expect(await runCoverageImport(['--partner', partner.id, '--file', file], () => platform.db, strict)).toBe(1);
    expect(strict.out()).toMatch(/^rejected: invalid rows .*coverage unchanged.*\(50,000 rows read, 5 rejected;/);
    expect(strict.out()).toContain('  row 9: bandwidth_mbps: must be a whole number of Mbps from 1 to 1000000\n');
    expect(await current(partner.id)).toBeNull();

    const io = captureIo();
    expect(
      await runCoverageImport(['--partner', partner.id, '--file', file, '--skip-invalid'], () => platform.db, io),
    ).toBe(0);
    expect(io.err()).toMatch(/^[\d,]+ rows, [\d,]+ rows\/s, \d+ rejected so far\n/);
    expect(io.out()).toMatch(/^imported 49,995 rows as coverage version cov_\S+ \(50,000 rows read, 5 rejected; /);
    const [version] = await listCoverageVersions(platform.db, partner.id, { limit: 1 });
    expect(version).toMatchObject({
      status: 'active',
      rowCount: 49_995,
      rejectedCount: 5,
      source: 'cli:coverage-50k.csv',
    });
    expect(await current(partner.id)).toBe(version?.id);
    expect(await countCoverageEntries(platform.db, version?.id ?? '')).toBe(49_995);
  }, 120_000);

  it('explains its usage and refuses an unknown partner or a missing file', async () => {
    const io = captureIo();
    expect(await runCoverageImport(['--partner', 'ptn_x'], () => platform.db, io)).toBe(2);
    expect(io.err()).toMatch(/^usage: npm run cli -- coverage import --partner/);
    const file = path.join(platform.dir, 'one.csv');
    await writeCoverageFile(file, 1);
    const unknown = captureIo();
    expect(await runCoverageImport(['--partner', 'ptn_missing', '--file', file], () => platform.db, unknown)).toBe(2);
    expect(unknown.err()).toBe('no partner ptn_missing\n');
  });

  it('runs as a command against the configured database', async () => {
    const partner = await platform.createPartner();
    const file = path.join(platform.dir, 'small.csv');
    await writeCoverageFile(file, 3);
    const root = path.resolve(import.meta.dirname, '..');
    const { stdout } = await promisify(execFile)(
      path.join(root, 'node_modules/.bin/tsx'),
      ['cli/tailgate.ts', 'coverage', 'import', '--partner', partner.id, '--file', file],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          DATABASE_PATH: path.join(platform.dir, 'tailgate.db'),
          ...(platform.databaseUrl ? { DATABASE_URL: platform.databaseUrl } : {}),
        },
      },
    );
    expect(stdout).toMatch(/^imported 3 rows as coverage version (cov_\S+)/);
    expect(await current(partner.id)).toBe(/(cov_\S+)/.exec(stdout)?.[1]);
  }, 60_000);
});
