import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CoverageIdentity } from '../../db/repositories/coverage.js';
import { RepeatedRows } from './repeated-rows.js';

/** Feeds rows 2, 3, ... and answers, per row, the earlier row it repeats (or undefined). */
async function firstRows(identities: CoverageIdentity[], initialSlots?: number) {
  const byRow = new Map<number, CoverageIdentity>();
  const repeated = new RepeatedRows((row) => byRow.get(row), initialSlots);
  const firsts: (number | undefined)[] = [];
  for (const [i, identity] of identities.entries()) {
    const row = i + 2;
    byRow.set(row, identity);
    firsts.push(await repeated.firstOf(row, identity));
  }
  return firsts;
}

describe('RepeatedRows', () => {
  it('names the first row a repeat repeats; location, product and bandwidth all count', async () => {
    const a = { locationKey: 'GB:SW1A 1AA', productCode: 'ETH-FTTP', bandwidthMbps: 100 };
    expect(
      await firstRows([
        a,
        { ...a, bandwidthMbps: 1000 },
        { ...a, productCode: 'ETH-EFM' },
        { ...a, locationKey: 'GB:SW1A 1AB' },
        { ...a },
        { ...a, bandwidthMbps: 1000 },
        { locationKey: 'GB:SW1A 1AA', productCode: 'ETH-FTTP1', bandwidthMbps: 0 },
      ]),
    ).toEqual([undefined, undefined, undefined, undefined, 2, 3, undefined]);
  });

  it('agrees with an exact map of every identity seen, through many table growths', async () => {
    const identity = fc.record({
      locationKey: fc.constantFrom('GB:SW1A 1AA', 'GB:SW1A 1', 'GB:SW', 'US:10001', 'UPRN:1', ''),
      productCode: fc.constantFrom('ETH-FTTP', 'ETH-EFM', 'E'),
      bandwidthMbps: fc.integer({ min: 1, max: 40 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(identity, { maxLength: 400 }), async (identities) => {
        const seen = new Map<string, number>();
        const expected = identities.map((id, i) => {
          const key = JSON.stringify([id.locationKey, id.productCode, id.bandwidthMbps]);
          const first = seen.get(key);
          if (first === undefined) seen.set(key, i + 2);
          return first;
        });
        expect(await firstRows(identities, 2)).toEqual(expected);
      }),
    );
  });

  it('keeps 100,000 distinct rows apart', async () => {
    const identities = Array.from({ length: 100_000 }, (_, i) => ({
      locationKey: `US:${i}`,
      productCode: 'P',
      bandwidthMbps: i % 7,
    }));
    expect((await firstRows(identities)).every((first) => first === undefined)).toBe(true);
  });
});
