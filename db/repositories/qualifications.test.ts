import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PartnerCreateSchema } from '../../openapi/partners.js';
import { partnerInput } from '../../test/support/factories.js';
import { closeDatabase, openDatabase } from '../client.js';
import { newTimeOrderedId } from '../ids.js';
import { insertPartner } from './partners.js';
import { getQualification, insertQualificationGrouped, type NewQualification } from './qualifications.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-qlf-'));
const db = openDatabase(path.join(dir, 'qlf.db'));
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});
const partner = insertPartner(db, PartnerCreateSchema.parse(partnerInput({ status: 'active' })), new Date());

const qualification = (partnerId = partner.id): NewQualification => {
  const id = newTimeOrderedId('qlf', new Date());
  return {
    id,
    requestedBy: 'key_test',
    request: { address: { countryCode: 'GB', postcode: 'SW1A 1AA' }, productNeeds: { minBandwidthMbps: 1 } },
    address: { countryCode: 'GB', postcode: 'SW1A 1AA' },
    createdAt: new Date().toISOString(),
    expiresAt: new Date().toISOString(),
    offers: [1, 2].map((rank) => ({
      id: `qof_${id.slice(4)}_${rank}`,
      qualificationId: id,
      rank,
      partnerId,
      coverageVersionId: 'cov_test',
      productCode: 'ETH-100',
      bandwidthMbps: 100,
      accessType: 'onNet' as const,
      installChargeMinor: 0,
      monthlyChargeMinor: 10_000 * rank,
      currency: 'GBP',
      leadTimeDays: 30,
      matchLevel: 'postcode' as const,
      matchedLocationKey: 'GB:SW1A 1AA',
      confidence: 'green' as const,
    })),
  };
};

describe('insertQualificationGrouped', () => {
  it('commits the qualifications of one turn of the event loop together, and resolves only once committed', async () => {
    const batch = Array.from({ length: 5 }, () => qualification());
    const pending = batch.map((q) => insertQualificationGrouped(db, q));
    // Queued, not yet written: nothing may refer to them before the commit.
    expect(getQualification(db, batch[0]!.id)).toBeUndefined();
    await Promise.all(pending);
    for (const q of batch) expect(getQualification(db, q.id)?.offers.map((o) => o.rank)).toEqual([1, 2]);
  });

  it('fails only the qualification that cannot be stored, not the others of its group', async () => {
    const good = [qualification(), qualification()];
    const bad = qualification('ptn_missing'); // violates the offers' foreign key to partners
    const results = await Promise.allSettled([
      insertQualificationGrouped(db, good[0]!),
      insertQualificationGrouped(db, bad),
      insertQualificationGrouped(db, good[1]!),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(getQualification(db, good[0]!.id)).toBeDefined();
    expect(getQualification(db, good[1]!.id)).toBeDefined();
    expect(getQualification(db, bad.id)).toBeUndefined();
  });
});
