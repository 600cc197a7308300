import { afterAll, describe, expect, it } from 'vitest';
import { countCoverageEntries, listCoverageVersions } from '../../db/repositories/coverage.js';
import { getPartner } from '../../db/repositories/partners.js';
import { coverageCsv, coverageHeader, coverageRow } from '../../test/support/coverage-files.js';
import { createTestPlatform } from '../../test/support/platform.js';
import {
  CoverageHeaderError,
  importCoverage,
  type CoverageImportOptions,
  type CoverageImportProgress,
} from './coverage-import.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());
const { db } = platform;

const rows = (count: number, from = 0) => Array.from({ length: count }, (_, i) => coverageRow(from + i));
const run = (partnerId: string, csv: CoverageImportOptions['csv'], extra: Partial<CoverageImportOptions> = {}) =>
  importCoverage({ db, partnerId, source: 'test', csv, skipInvalid: false, now: () => new Date(), ...extra });
const current = async (partnerId: string) => (await getPartner(db, partnerId))?.currentCoverageVersionId ?? null;
const liveCount = async (partnerId: string) => {
  const id = await current(partnerId);
  return id ? await countCoverageEntries(db, id) : 0;
};

describe('importCoverage', () => {
  it('imports a file as the current version, and a second file replaces it and its entries', async () => {
    const { id } = await platform.createPartner();
    const first = await run(id, [coverageCsv(rows(30))]);
    expect(first).toMatchObject({
      outcome: 'imported',
      rowsRead: 30,
      rowsImported: 30,
      rowsRejected: 0,
      rejections: [],
    });
    expect(await current(id)).toBe(first.version.id);

    const second = await run(id, [coverageCsv(rows(12, 100))]);
    expect(await current(id)).toBe(second.version.id);
    expect(await liveCount(id)).toBe(12);
    expect(await countCoverageEntries(db, first.version.id)).toBe(0);
    const statuses = (await listCoverageVersions(db, id, { limit: 10 })).map((v) => [v.id, v.status, v.rowCount]);
    expect(statuses).toEqual([
      [second.version.id, 'active', 12],
      [first.version.id, 'superseded', 30],
    ]);
  });

  it('keeps readers on the old coverage until the new file is complete', async () => {
    const { id } = await platform.createPartner();
    const old = await run(id, [coverageCsv(rows(5))]);
    const seenMidway: Array<[string | null, number]> = [];
    async function* slowFile() {
      yield `${coverageHeader}\n`;
      for (let i = 0; i < 50; i += 1) {
        if (i === 30) seenMidway.push([await current(id), await liveCount(id)]);
        yield `${coverageRow(1000 + i)}\n`;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const result = await run(id, slowFile(), { batchSize: 10 });
    expect(seenMidway).toEqual([[old.version.id, 5]]);
    expect(result.outcome).toBe('imported');
    expect([await current(id), await liveCount(id)]).toEqual([result.version.id, 50]);
  });

  it('leaves coverage as it was when the source fails half-way, recording the attempt as failed', async () => {
    const { id } = await platform.createPartner();
    const old = await run(id, [coverageCsv(rows(7))]);
    let yielded = 0;
    async function* brokenFile() {
      yield `${coverageHeader}\n`;
      for (const row of rows(25)) {
        yield `${row}\n`;
        yielded += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
      throw new Error('connection reset');
    }
    const staged: number[] = [];
    const onProgress = (p: CoverageImportProgress) => staged.push(p.rowsAccepted);
    await expect(run(id, brokenFile(), { batchSize: 10, onProgress })).rejects.toThrow('connection reset');
    expect([yielded, staged]).toEqual([25, [10, 20]]); // two batches were written before the failure
    const [failed] = await listCoverageVersions(db, id, { limit: 1 });
    expect(failed?.status).toBe('failed');
    expect(await countCoverageEntries(db, failed?.id ?? '')).toBe(0);
    expect([await current(id), await liveCount(id)]).toEqual([old.version.id, 7]);
  });

  it('rejects the whole file for one bad row, naming the row and column, unless told to skip', async () => {
    const { id } = await platform.createPartner();
    const old = await run(id, [coverageCsv(rows(3))]);
    const file = coverageCsv([
      coverageRow(10),
      coverageRow(11, { currency: 'GBP', install_charge: '1.999' }),
      coverageRow(12),
    ]);

    const rejected = await run(id, [file]);
    expect(rejected).toMatchObject({ outcome: 'rejected', rowsRead: 3, rowsImported: 2, rowsRejected: 1 });
    expect(rejected.rejections).toEqual([
      {
        row: 3,
        reason: 'install_charge: GBP amounts take at most 2 decimals',
        problems: [{ column: 'install_charge', message: 'GBP amounts take at most 2 decimals' }],
      },
    ]);
    expect(rejected.version).toMatchObject({ status: 'failed', rowCount: 2, rejectedCount: 1 });
    expect(await countCoverageEntries(db, rejected.version.id)).toBe(0);
    expect(await current(id)).toBe(old.version.id);

    const skipped = await run(id, [file], { skipInvalid: true });
    expect(skipped).toMatchObject({ outcome: 'imported', rowsImported: 2, rowsRejected: 1 });
    expect(skipped.version).toMatchObject({ status: 'active', rowCount: 2, rejectedCount: 1 });
    expect(await liveCount(id)).toBe(2);
  });

  it('treats a repeated location, product and bandwidth as a rejected row, keeping the first with skipInvalid', async () => {
    const { id } = await platform.createPartner();
    const file = coverageCsv([
      coverageRow(1),
      coverageRow(2),
      coverageRow(1, { monthly_charge: '999.00' }),
      coverageRow(1),
    ]);
    const rejected = await run(id, [file]);
    expect(rejected.outcome).toBe('rejected');
    expect(rejected.rejections.map((r) => [r.row, r.reason])).toEqual([
      [4, 'location_key: repeats row 2 (same location_key, product_code and bandwidth_mbps)'],
      [5, 'location_key: repeats row 2 (same location_key, product_code and bandwidth_mbps)'],
    ]);
    const skipped = await run(id, [file], { skipInvalid: true });
    expect(skipped).toMatchObject({ outcome: 'imported', rowsRead: 4, rowsImported: 2, rowsRejected: 2 });
    expect(await liveCount(id)).toBe(2);
  });

  it('finds a repeat of a row written in an earlier batch', async () => {
    const { id } = await platform.createPartner();
    const file = coverageCsv([
      coverageRow(1),
      coverageRow(2),
      coverageRow(3),
      coverageRow(4),
      coverageRow(2, { currency: 'GBP' }),
      coverageRow(9),
    ]);
    const skipped = await run(id, [file], { skipInvalid: true, batchSize: 2 });
    expect(skipped).toMatchObject({ outcome: 'imported', rowsRead: 6, rowsImported: 5, rowsRejected: 1 });
    expect(skipped.rejections.map((r) => [r.row, r.reason])).toEqual([
      [6, 'location_key: repeats row 3 (same location_key, product_code and bandwidth_mbps)'],
    ]);
    expect(await liveCount(id)).toBe(5);
  });

  it('never replaces coverage with nothing', async () => {
    const { id } = await platform.createPartner();
    const old = await run(id, [coverageCsv(rows(2))]);
    const headerOnly = await run(id, [`${coverageHeader}\n\n`]);
    expect(headerOnly).toMatchObject({ outcome: 'empty', rowsRead: 0 });
    const allBad = await run(id, [coverageCsv([coverageRow(0, { currency: 'nope' })])], { skipInvalid: true });
    expect(allBad).toMatchObject({ outcome: 'empty', rowsRead: 1, rowsRejected: 1 });
    expect(await current(id)).toBe(old.version.id);
  });

  it('refuses a wrong header before recording anything', async () => {
    const { id } = await platform.createPartner();
    const error = await run(id, ['location,product_code\nSW1A 1AA,X\n']).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CoverageHeaderError);
    expect((error as CoverageHeaderError).problems).toContainEqual({ column: 'location', message: 'unknown column' });
    await expect(run(id, [''])).rejects.toBeInstanceOf(CoverageHeaderError);
    expect(await listCoverageVersions(db, id, { limit: 10 })).toEqual([]);
  });

  it('reports progress as it goes', async () => {
    const { id } = await platform.createPartner();
    const seen: CoverageImportProgress[] = [];
    await run(id, [coverageCsv([...rows(25), coverageRow(99, { bandwidth_mbps: 'x' })])], {
      batchSize: 10,
      skipInvalid: true,
      onProgress: (p) => seen.push(p),
    });
    expect(seen).toEqual([
      { rowsRead: 10, rowsAccepted: 10, rowsRejected: 0 },
      { rowsRead: 20, rowsAccepted: 20, rowsRejected: 0 },
      { rowsRead: 26, rowsAccepted: 25, rowsRejected: 1 },
    ]);
  });
});
