import { afterAll, describe, expect, it } from 'vitest';
import { getQualification } from '../../db/repositories/qualifications.js';
import { updatePartner } from '../../db/repositories/partners.js';
import type { QualificationRequest } from '../../openapi/qualification.js';
import { coverageRow, uploadCoverage } from '../../test/support/coverage-files.js';
import { createTestPlatform } from '../../test/support/platform.js';
import { coverageCacheStats } from './coverage-cache.js';
import { findQualification, qualify, qualifyGrouped } from './qualification-service.js';

const platform = await createTestPlatform();
afterAll(() => platform.close());
const { db } = platform;

const upload = (partnerId: string, rows: string[]) => uploadCoverage(db, partnerId, rows);
// coverageRow(i) is ZIP+4 10000-000i; even rows ETH-FTTP 1000 Mbps, odd rows ETH-EFM 100 Mbps.
const at = (needs: QualificationRequest['productNeeds'], line1 = '1 Main Street'): QualificationRequest => ({
  address: { countryCode: 'US', postcode: '10000-0002', line1, city: 'New York' },
  productNeeds: needs,
});
const run = async (request: QualificationRequest) => {
  const outcome = await qualify(db, { request, requestedBy: 'test', now: new Date() });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome;
};

describe('qualify (answers cached per location keys that find coverage, and needs)', () => {
  it('sends JSON.stringify(qualification) byte for byte, fresh ids each time, following every change to live coverage', async () => {
    // A name JSON has to escape, and two partners so the ranking has something to order.
    const a = await platform.createPartner({ name: 'Quote "Q" Carrier \\ Ünïcode' });
    const b = await platform.createPartner({ name: 'Second Carrier' });
    await upload(a.id, [coverageRow(2), coverageRow(3, { location_key: '10000-0002' })]);
    await upload(b.id, [coverageRow(2, { monthly_charge: '100.00' })]);

    const first = await run(at({ minBandwidthMbps: 10 }));
    expect(first.qualification.offers.map((o) => o.partnerName)).toEqual([
      'Second Carrier',
      'Quote "Q" Carrier \\ Ünïcode',
      'Quote "Q" Carrier \\ Ünïcode',
    ]);
    expect(first.body.toString()).toBe(JSON.stringify(first.qualification));

    // Same keys and needs, another street: the answer comes from memory, the address and ids are this request's.
    const before = coverageCacheStats(db);
    const second = await run(at({ minBandwidthMbps: 10 }, '2 Main Street'));
    expect(coverageCacheStats(db).answerHits).toBe(before.answerHits + 1);
    expect(second.body.toString()).toBe(JSON.stringify(second.qualification));
    expect(second.qualification.address.line1).toBe('2 Main Street');
    expect(second.qualification.id).not.toBe(first.qualification.id);
    expect(second.qualification.offers.map((o) => o.id)).toEqual(
      [1, 2, 3].map((r) => `qof_${second.qualification.id.slice(4)}_${r}`),
    );
    expect(second.qualification.offers.map(({ id: _, ...rest }) => rest)).toEqual(
      first.qualification.offers.map(({ id: _, ...rest }) => rest),
    );
    // What is stored is what was sent.
    const stored = await getQualification(db, second.qualification.id);
    expect(stored?.offers.map((o) => [o.id, o.partnerId, o.monthlyChargeMinor])).toEqual(
      second.qualification.offers.map((o) => [o.id, o.partnerId, o.monthlyCharge.amountMinor]),
    );

    // Other needs are another answer, ranking an entry the first answer ranked too (rank 1 here, not 3): sent and
    // stored as a qualification of its own.
    const efm = await run(at({ productCode: 'ETH-EFM' }));
    expect(efm.qualification.offers.map((o) => [o.productCode, o.rank])).toEqual([['ETH-EFM', 1]]);
    expect(first.qualification.offers.map((o) => o.productCode)).toContain('ETH-EFM');
    expect(efm.body.toString()).toBe(JSON.stringify(efm.qualification));
    expect((await findQualification(db, efm.qualification.id))?.qualification).toEqual(efm.qualification);
    const budget = await run(at({ minBandwidthMbps: 10, budget: { currency: 'USD', monthlyMinor: 15_000 } }));
    expect(budget.qualification.offers.map((o) => o.partnerName)).toEqual(['Second Carrier']);

    // No offers at all is one more shape of the same bytes.
    const nowhere = await run({
      ...at({ minBandwidthMbps: 10 }),
      address: { countryCode: 'US', postcode: '99501', line1: '1 Main Street', city: 'Anchorage' },
    });
    expect(nowhere.qualification.offers).toEqual([]);
    expect(nowhere.body.toString()).toBe(JSON.stringify(nowhere.qualification));

    // Grouped storage sends the same bytes.
    const grouped = await qualifyGrouped(db, {
      request: at({ minBandwidthMbps: 10 }),
      requestedBy: 'test',
      now: new Date(),
    });
    expect(grouped.ok && grouped.body.toString() === JSON.stringify(grouped.qualification)).toBe(true);

    // A new upload, a rename and a suspension each change the answer at once.
    await upload(b.id, [coverageRow(2, { monthly_charge: '900.00' })]);
    expect((await run(at({ minBandwidthMbps: 10 }))).qualification.offers.map((o) => o.partnerName)[0]).toBe(
      'Quote "Q" Carrier \\ Ünïcode',
    );
    await updatePartner(db, b.id, { name: 'Renamed Carrier' }, new Date());
    const renamed = await run(at({ minBandwidthMbps: 10 }));
    expect(renamed.qualification.offers.map((o) => o.partnerName)).toContain('Renamed Carrier');
    expect(renamed.body.toString()).toBe(JSON.stringify(renamed.qualification));
    // A stored qualification keeps its offers as offered: the earlier one still names the carrier as it was then.
    expect((await getQualification(db, second.qualification.id))?.offers.map((o) => o.partnerName)).toContain(
      'Second Carrier',
    );
    await updatePartner(db, b.id, { status: 'suspended' }, new Date());
    expect((await run(at({ minBandwidthMbps: 10 }))).qualification.offers.map((o) => o.partnerName)).not.toContain(
      'Renamed Carrier',
    );
  });

  it('shares one answer, stored once, among sites whose keys find the same coverage', async () => {
    const zip = await platform.createPartner({ name: 'Zip Carrier' });
    // ETH-FTTP across ZIP 20000, ETH-EFM at one ZIP+4 in it.
    await upload(zip.id, [coverageRow(0, { location_key: '20000' }), coverageRow(1, { location_key: '20000-0007' })]);
    const site = (postcode: string): QualificationRequest => ({
      address: { countryCode: 'US', postcode, line1: '1 Elm Street', city: 'Albany' },
      productNeeds: { minBandwidthMbps: 10 },
    });
    const offered = (outcome: Awaited<ReturnType<typeof run>>) =>
      outcome.qualification.offers.map((o) => [o.matchLevel, o.productCode, o.rank]);
    const answerOf = async (outcome: Awaited<ReturnType<typeof run>>) =>
      (await getQualification(db, outcome.id))?.answerId;

    // Two ZIP+4s nobody covers on their own: the second is answered from memory and refers to the first's answer.
    const first = await run(site('20000-0001'));
    expect(offered(first)).toEqual([['district', 'ETH-FTTP', 1]]);
    const before = coverageCacheStats(db);
    const second = await run(site('20000-0002'));
    expect(coverageCacheStats(db).answerHits).toBe(before.answerHits + 1);
    expect(offered(second)).toEqual(offered(first));
    expect(second.body.toString()).toBe(JSON.stringify(second.qualification));
    expect(await answerOf(second)).toBe(await answerOf(first));

    // A ZIP+4 with coverage of its own gets an answer of its own, its own entry ranked first.
    const own = await run(site('20000-0007'));
    expect(offered(own)).toEqual([
      ['postcode', 'ETH-EFM', 1],
      ['district', 'ETH-FTTP', 2],
    ]);
    expect(await answerOf(own)).not.toBe(await answerOf(first));
  });
});
