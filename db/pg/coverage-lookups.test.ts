import { afterAll, describe, expect, it, vi } from 'vitest';
import { coverageRow, uploadCoverage } from '../../test/support/coverage-files.js';
import { createTestPlatform } from '../../test/support/platform.js';
import { writeTransaction } from '../access.js';
import { isPostgres } from '../execute.js';
import { entriesPlannerKnows } from '../repositories/coverage-statistics.js';
import { findLiveCoverageAtKeys } from '../repositories/offers-lookup.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());
const { db } = platform;

// coverageRow(i) is ZIP+4 10000-000i.
const keysOf = (rows: { locationKey: string }[]) => rows.map((r) => r.locationKey).sort();

const upload = (partnerId: string, rows: string[]) => uploadCoverage(db, partnerId, rows);

describe('live coverage lookups on PostgreSQL', () => {
  it('analyzes the tables a lookup joins when an upload adds more than a tenth of the entries they know of', async () => {
    expect(await entriesPlannerKnows(db)).toBe(-1);
    const first = await platform.createPartner({ name: 'Statistics Carrier' });
    await upload(
      first.id,
      Array.from({ length: 20 }, (_, i) => coverageRow(100 + i)),
    );
    expect(await entriesPlannerKnows(db)).toBe(20);
    // One more entry is a twentieth of what is known: left to autovacuum.
    const second = await platform.createPartner({ name: 'Small Carrier' });
    await upload(second.id, [coverageRow(200)]);
    expect(await entriesPlannerKnows(db)).toBe(20);
    await upload(
      second.id,
      Array.from({ length: 3 }, (_, i) => coverageRow(300 + i)),
    );
    // Three more are over a tenth: 24 entries now, the replaced version's one included until it is purged.
    expect(await entriesPlannerKnows(db)).toBe(24);
  });

  it('reads the keys every caller asks for in one turn together, each caller getting its own keys', async () => {
    const { id } = await platform.createPartner({ name: 'Batch Carrier' });
    await upload(
      id,
      [0, 1, 2, 3].map((i) => coverageRow(i)),
    );
    if (!isPostgres(db)) throw new Error('this file runs on PostgreSQL only');
    const queries = vi.spyOn(db.$client, 'query');

    const [first, second, third] = await Promise.all([
      findLiveCoverageAtKeys(db, ['US:10000-0000', 'US:10000-0001']),
      findLiveCoverageAtKeys(db, ['US:10000-0001', 'US:10000-0002', 'US:10000-0009']),
      findLiveCoverageAtKeys(db, ['US:10000-0009']),
    ]);
    expect(queries).toHaveBeenCalledTimes(1);
    expect(keysOf(first)).toEqual(['US:10000-0000', 'US:10000-0001']);
    expect(keysOf(second)).toEqual(['US:10000-0001', 'US:10000-0002']);
    expect(third).toEqual([]);

    // The next turn is a query of its own; so is a read inside a transaction, which must see the transaction's writes.
    expect(keysOf(await findLiveCoverageAtKeys(db, ['US:10000-0003']))).toEqual(['US:10000-0003']);
    expect(queries).toHaveBeenCalledTimes(2);
    const inside = await writeTransaction(db, () => findLiveCoverageAtKeys(db, ['US:10000-0000']));
    expect(keysOf(inside)).toEqual(['US:10000-0000']);
    queries.mockRestore();
  });
});
