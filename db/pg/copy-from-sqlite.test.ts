import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDashboard } from '../../bench/support/dashboard-seed.js';
import { runStoreCopy } from '../../cli/store-copy.js';
import { finalizeMonth, generateDraft } from '../../reports/service.js';
import { previousMonth } from '../../reports/month.js';
import { createHttpApp } from '../../scripts/http-server.js';
import { seedCoverage } from '../../test/support/coverage.js';
import { testOutbound } from '../../test/support/outbound.js';
import { createTestPlatform } from '../../test/support/platform.js';
import { createTestPostgresDatabase } from '../../test/support/postgres.js';
import { workflowsUnavailable } from '../../workers/client.js';
import { closeStore, openStore, type Db } from '../client.js';
import { statement } from '../execute.js';
import { copySqliteToPostgres, tablesInCopyOrder, TargetInUse } from './copy-from-sqlite.js';

/** Every row of every table, each as JSON (bytes as hex), sorted: what two stores holding the same data agree on. */
async function contents(db: Db): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const table of tablesInCopyOrder()) {
    const columns = table.columns.map((c) => `"${c}"`).join(', ');
    const rows = await statement(db, `SELECT ${columns} FROM "${table.name}"`).raw().all();
    all[table.name] = rows
      .map((row) => JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? `bytes:${v.toString('hex')}` : v))))
      .sort();
  }
  return all;
}

const cli = () => {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    now: () => new Date(),
    clock: () => performance.now(),
  };
  return { io, out };
};

describe('copying the embedded SQLite store into PostgreSQL (npm run cli -- store copy-to-postgres)', () => {
  const now = new Date();
  const month = previousMonth(now, 'Europe/London');
  let source: Awaited<ReturnType<typeof createTestPlatform>>;
  let target: { url: string; drop(): Promise<void> };
  let copied: Db;
  let qualificationId: string;

  beforeAll(async () => {
    // An installation in use: orders with their events, clocks' outcomes and breaches, a frozen month's report with
    // its stored CSV files (bytes), coverage and a qualification.
    source = await createTestPlatform({ store: 'sqlite' });
    const seed = await seedDashboard(source.db, { orders: 60, partners: 2, now });
    await seedCoverage(source.db, seed.partnerIds[0]!, [{ location: 'SW1A 1AA' }, { location: 'SW1A 1' }]);
    const qualified = await source.request('POST', '/api/v1/qualifications', {
      key: source.keys.desk,
      json: { address: { countryCode: 'GB', postcode: 'SW1A 1AA' }, productNeeds: { minBandwidthMbps: 10 } },
    });
    expect(qualified.status).toBe(201);
    qualificationId = ((await qualified.json()) as { id: string }).id;
    const report = { month, timeZone: 'Europe/London', now, by: 'test' };
    expect(await generateDraft(source.db, report)).toMatchObject({ outcome: 'written' });
    expect(await finalizeMonth(source.db, report)).toMatchObject({ state: 'final' });
    target = await createTestPostgresDatabase();
  });
  afterAll(async () => {
    if (copied) await closeStore(copied);
    await target?.drop();
    await source?.close();
  });

  it('copies every row of every table as stored, and the copy serves what the original served', async () => {
    const { io, out } = cli();
    const file = source.db.$client.name;
    expect(await runStoreCopy(['--from', file], { databaseUrl: target.url, databasePath: 'unused' }, io)).toBe(0);
    expect(out.stdout).toMatch(/^copied [\d,]+ rows of \d+ tables from .* into PostgreSQL in [\d.]+ s\n$/);
    copied = await openStore({ databaseUrl: target.url, databasePath: path.join(source.dir, 'unused.db') });
    const expected = await contents(source.db);
    for (const table of [
      'api_keys',
      'orders',
      'sla_facts',
      'penalty_report_files',
      'qualification_answers',
      'coverage_entries',
    ])
      expect(expected[table]!.length, table).toBeGreaterThan(0);
    expect(await contents(copied)).toEqual(expected);

    const app = createHttpApp({
      db: copied,
      log: pino({ level: 'silent' }),
      now: () => new Date(),
      workflows: workflowsUnavailable,
      outbound: testOutbound,
    });
    const get = (on: typeof app, url: string, key: string) =>
      on.request(url, { headers: { authorization: `Bearer ${key}` } });
    for (const [url, key] of [
      [`/api/v1/qualifications/${qualificationId}`, source.keys.desk],
      [`/api/v1/reports/penalties/${month}.csv`, source.keys.finance],
    ] as const) {
      const [there, here] = [await get(source.app, url, key), await get(app, url, key)];
      expect(here.status, url).toBe(200);
      expect(Buffer.from(await here.arrayBuffer())).toEqual(Buffer.from(await there.arrayBuffer()));
    }
    // Identities go on after the copied rows.
    for (const table of tablesInCopyOrder().filter((t) => t.identity && expected[t.name]!.length > 0)) {
      const next = `nextval(pg_get_serial_sequence('"${table.name}"', '${table.identity}'))`;
      const highest = `(SELECT max("${table.identity}") FROM "${table.name}")`;
      expect(await statement(copied, `SELECT ${next} > ${highest}`).pluck().get(), table.name).toBe(true);
    }
    // A new qualification stores a new answer.
    const again = await app.request('/api/v1/qualifications', {
      method: 'POST',
      headers: { authorization: `Bearer ${source.keys.desk}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        address: { countryCode: 'GB', postcode: 'SW1A 1AB' },
        productNeeds: { minBandwidthMbps: 10 },
      }),
    });
    expect(again.status).toBe(201);
  });

  it('refuses a database in use, and copies nothing into it', async () => {
    const before = await contents(copied);
    await expect(copySqliteToPostgres(source.db, copied)).rejects.toBeInstanceOf(TargetInUse);
    const { io, out } = cli();
    const settings = { databaseUrl: target.url, databasePath: source.db.$client.name };
    expect(await runStoreCopy([], settings, io)).toBe(1);
    expect(out.stderr).toMatch(
      /^DATABASE_URL: the PostgreSQL database is in use already \(\d+ in api_keys, .*nothing was copied\n$/,
    );
    expect(await contents(copied)).toEqual(before);
  });

  it('names what is missing: the target, or the source file', async () => {
    const missingUrl = cli();
    expect(await runStoreCopy([], { databaseUrl: undefined, databasePath: 'x.db' }, missingUrl.io)).toBe(2);
    expect(missingUrl.out.stderr).toMatch(/^DATABASE_URL: set it to the PostgreSQL database to copy into\n/);
    const missingFile = cli();
    const nowhere = path.join(source.dir, 'nowhere.db');
    expect(
      await runStoreCopy(['--from', nowhere], { databaseUrl: target.url, databasePath: 'x' }, missingFile.io),
    ).toBe(2);
    expect(missingFile.out.stderr).toBe(`--from: no SQLite store at ${nowhere}\n`);
    expect(fs.existsSync(nowhere)).toBe(false);
  });
});
