import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../client.js';
import { newTimeOrderedId } from '../ids.js';
import { getOfferForOrder } from './offers.js';
import {
  getQualification,
  insertQualification,
  insertQualificationGrouped,
  offerId,
  parseOfferId,
  type AnswerToStore,
  type NewQualification,
  type OfferSnapshot,
} from './qualifications.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-qlf-'));
const db = openDatabase(path.join(dir, 'qlf.db'));
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const snapshot = (rank: number): OfferSnapshot => ({
  rank,
  partnerId: 'ptn_test',
  partnerName: 'Test Carrier',
  coverageVersionId: 'cov_test',
  productCode: 'ETH-100',
  bandwidthMbps: 100,
  accessType: 'onNet',
  installChargeMinor: 0,
  monthlyChargeMinor: 10_000 * rank,
  currency: 'GBP',
  leadTimeDays: 30,
  matchLevel: 'postcode',
  matchedLocationKey: 'GB:SW1A 1AA',
  confidence: 'green',
});
const newAnswer = (ranks = [1, 2]): AnswerToStore => ({
  offersJson: JSON.stringify(ranks.map(snapshot)),
  storedId: undefined,
});
const qualification = (answer: AnswerToStore, id = newTimeOrderedId('qlf', new Date())): NewQualification => ({
  id,
  requestedBy: 'key_test',
  requestJson: JSON.stringify({
    address: { countryCode: 'GB', postcode: 'SW1A 1AA' },
    productNeeds: { minBandwidthMbps: 1 },
  }),
  addressJson: JSON.stringify({ countryCode: 'GB', postcode: 'SW1A 1AA' }),
  createdAt: new Date().toISOString(),
  expiresAt: new Date().toISOString(),
  answer,
});
const answerRows = () => db.$client.prepare('SELECT count(*) FROM qualification_answers').pluck().get() as number;

describe('storing qualifications', () => {
  it('stores an answer once and lets every qualification given it share the row', async () => {
    const answer = newAnswer();
    const before = answerRows();
    const first = qualification(answer);
    const second = qualification(answer);
    await insertQualification(db, first);
    await insertQualification(db, second);
    expect(answerRows()).toBe(before + 1);
    expect((await getQualification(db, first.id))?.answerId).toBe(answer.storedId);
    // Each qualification names its own offers.
    expect((await getQualification(db, second.id))?.offers.map((o) => [o.id, o.monthlyChargeMinor])).toEqual([
      [offerId(second.id, 1), 10_000],
      [offerId(second.id, 2), 20_000],
    ]);
  });

  it('commits the qualifications of one turn of the event loop together, and resolves only once committed', async () => {
    const answer = newAnswer();
    const batch = Array.from({ length: 5 }, () => qualification(answer));
    const pending = batch.map((q) => insertQualificationGrouped(db, q));
    // Queued, not yet written: nothing may refer to them before the commit.
    expect(await getQualification(db, batch[0]!.id)).toBeUndefined();
    await Promise.all(pending);
    for (const q of batch) expect((await getQualification(db, q.id))?.offers.map((o) => o.rank)).toEqual([1, 2]);
  });

  it('fails only the qualification that cannot be stored, and an answer first stored by the rolled-back group is stored again', async () => {
    const taken = qualification(newAnswer([1]));
    await insertQualification(db, taken);
    const answer = newAnswer([1, 2, 3]);
    const good = [qualification(answer), qualification(answer)];
    const bad = qualification(answer, taken.id); // the id is taken
    const before = answerRows();
    const results = await Promise.allSettled([
      insertQualificationGrouped(db, good[0]!),
      insertQualificationGrouped(db, bad),
      insertQualificationGrouped(db, good[1]!),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(answerRows()).toBe(before + 1);
    for (const q of good) expect((await getQualification(db, q.id))?.offers.map((o) => o.rank)).toEqual([1, 2, 3]);
    expect((await getQualification(db, taken.id))?.offers.map((o) => o.rank)).toEqual([1]);
  });
});

describe('offer ids', () => {
  it('name the qualification and rank, also when the id holds underscores', () => {
    expect(parseOfferId(offerId('qlf_01J_a-b_c', 12))).toEqual({ qualificationId: 'qlf_01J_a-b_c', rank: 12 });
    for (const bad of ['', 'qof_', 'qof__1', 'qlf_x_1', 'qof_x_0', 'qof_x_01', 'qof_x_1.5', 'qof_x_'])
      expect(parseOfferId(bad)).toBeUndefined();
  });

  it('find an offer for an order, with the address and expiry it was qualified for', async () => {
    const q = qualification(newAnswer([1, 2]));
    await insertQualification(db, q);
    expect(await getOfferForOrder(db, offerId(q.id, 2))).toMatchObject({
      id: offerId(q.id, 2),
      monthlyChargeMinor: 20_000,
      qualifiedAddress: JSON.parse(q.addressJson),
      expiresAt: q.expiresAt,
    });
    expect(await getOfferForOrder(db, offerId(q.id, 3))).toBeUndefined();
    expect(await getOfferForOrder(db, offerId('qlf_unknown', 1))).toBeUndefined();
  });
});

describe('migration 0014 (qualification answers)', () => {
  it("turns each qualification's offer rows into its answer, and keeps the orders placed from them", async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-0014-'));
    try {
      const migrations = path.join(work, 'migrations');
      fs.cpSync(path.join(import.meta.dirname, '..', 'migrations'), migrations, { recursive: true });
      const journal = JSON.parse(fs.readFileSync(path.join(migrations, 'meta', '_journal.json'), 'utf8')) as {
        entries: { tag: string }[];
      };
      journal.entries = journal.entries.filter((e) => e.tag < '0014');
      fs.writeFileSync(path.join(migrations, 'meta', '_journal.json'), JSON.stringify(journal));
      const file = path.join(work, 'tailgate.db');
      const before = new Database(file);
      before.pragma('foreign_keys = ON');
      migrate(drizzle(before), { migrationsFolder: migrations });
      before.exec(`
        insert into partners (id, name, country, status, adapter, escalation, calendar, default_currency, created_at, updated_at)
          values ('ptn_a', 'Alpha', 'GB', 'active', '{}', '[]', '{}', 'GBP', 't', 't');
        insert into qualifications (id, requested_by, request, address, created_at, expires_at) values
          ('qlf_one_x', 'key', '{}', '{"countryCode":"GB","postcode":"SW1A 1AA"}', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'),
          ('qlf_two', 'key', '{}', '{}', '2026-01-02T00:00:00.000Z', '2026-02-02T00:00:00.000Z');
        insert into qualification_offers (id, qualification_id, rank, partner_id, coverage_version_id, product_code, bandwidth_mbps,
            access_type, install_charge_minor, monthly_charge_minor, currency, lead_time_days, match_level, matched_location_key, confidence)
          values ('qof_one_x_2', 'qlf_one_x', 2, 'ptn_a', 'cov_1', 'ETH-100', 100, 'nearNet', 5, 200, 'GBP', 20, 'sector', 'GB:SW1A 1', 'yellow'),
                 ('qof_one_x_1', 'qlf_one_x', 1, 'ptn_a', 'cov_1', 'ETH-100', 100, 'onNet', 0, 100, 'GBP', 10, 'postcode', 'GB:SW1A 1AA', 'green');
        insert into orders (id, partner_id, offer_id, desk_reference, product_code, bandwidth_mbps, site, contact,
            requested_completion_date, state, submission, created_by, created_at, updated_at)
          values ('ord_1', 'ptn_a', 'qof_one_x_2', 'D-1', 'ETH-100', 100, '{}', '{}', '2026-03-01', 'acknowledged', 'submitted', 'key', 't', 't');`);
      before.close();

      const migrated = openDatabase(file);
      try {
        expect((await getQualification(migrated, 'qlf_one_x'))?.offers).toEqual([
          {
            id: 'qof_one_x_1',
            ...snapshot(1),
            partnerId: 'ptn_a',
            partnerName: 'Alpha',
            coverageVersionId: 'cov_1',
            monthlyChargeMinor: 100,
            leadTimeDays: 10,
          },
          {
            id: 'qof_one_x_2',
            ...snapshot(2),
            partnerId: 'ptn_a',
            partnerName: 'Alpha',
            coverageVersionId: 'cov_1',
            accessType: 'nearNet',
            installChargeMinor: 5,
            monthlyChargeMinor: 200,
            leadTimeDays: 20,
            matchLevel: 'sector',
            matchedLocationKey: 'GB:SW1A 1',
            confidence: 'yellow',
          },
        ]);
        expect((await getQualification(migrated, 'qlf_two'))?.offers).toEqual([]);
        expect((await getOfferForOrder(migrated, 'qof_one_x_2'))?.qualifiedAddress).toEqual({
          countryCode: 'GB',
          postcode: 'SW1A 1AA',
        });
        expect(migrated.$client.prepare("select offer_id from orders where id = 'ord_1'").pluck().get()).toBe(
          'qof_one_x_2',
        );
        expect(
          migrated.$client
            .prepare("select count(*) from sqlite_master where name = 'qualification_offers'")
            .pluck()
            .get(),
        ).toBe(0);
        expect(migrated.$client.pragma('foreign_keys', { simple: true })).toBe(1);
      } finally {
        closeDatabase(migrated);
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
