import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../client.js';
import { getOfferForOrder } from './offers.js';
import { getQualification } from './qualifications.js';
import { offerSnapshot } from '../../test/support/factories.js';

/** A SQLite migration's data move, on the SQLite store it was written for (PostgreSQL starts from today's schema). */
const snapshot = offerSnapshot;

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
