import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../db/client.js';
import { reportLinesPage } from '../db/repositories/penalty-reports.js';

/*
 * What the SQLite migrations did to the report tables, on the SQLite store they were written for (PostgreSQL starts
 * from today's schema, db/pg/migrations): a data move, a WITHOUT ROWID table, and triggers a table rebuild would drop.
 */

describe('migration 0013 (report builds)', () => {
  it("moves each existing report's lines under a current build of their month", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-0013-'));
    try {
      const migrations = path.join(dir, 'migrations');
      const source = path.join(import.meta.dirname, '..', 'db', 'migrations');
      fs.cpSync(source, migrations, { recursive: true });
      const journal = JSON.parse(fs.readFileSync(path.join(migrations, 'meta', '_journal.json'), 'utf8')) as {
        entries: { tag: string }[];
      };
      journal.entries = journal.entries.filter((e) => e.tag < '0013');
      fs.writeFileSync(path.join(migrations, 'meta', '_journal.json'), JSON.stringify(journal));
      const file = path.join(dir, 'tailgate.db');
      const before = new Database(file);
      migrate(drizzle(before), { migrationsFolder: migrations });
      before.exec(`
        insert into penalty_reports (month, state, time_zone, period_start, period_end, line_count, generated_at, generated_by)
          values ('2026-09', 'final', 'Europe/London', 'a', 'b', 1, '2026-10-01T00:00:00Z', 'x'),
                 ('2026-10', 'draft', 'Europe/London', 'a', 'b', 2, '2026-11-01T00:00:00Z', 'x');`);
      const line = (month: string, no: number) =>
        `('${month}', ${no}, '${month}/${no}', 'breach', 'o${month}${no}', 1, 'b', 'p', 'ticket', 'e', 'r', 'c', 's', 'ola', 'm', 1, 'f', 1, 0, 0, 0, 0, 0, 0, 'GBP', 'x')`;
      before.exec(`insert into penalty_report_lines (month, line_no, line_id, kind, outcome_id, outcome_revision, breach_id, partner_id, entity_type,
        entity_id, our_reference, circuit_id, site, ola_id, metric, policy_version, final_at, actual_ms, paused_ms, overrun_units, chargeable_units,
        amount_before_caps_minor, amount_after_breach_cap_minor, amount_after_caps_minor, currency, explanation)
        values ${[line('2026-09', 1), line('2026-10', 1), line('2026-10', 2)].join(', ')}`);
      before.close();

      const db = openDatabase(file);
      try {
        expect(db.$client.prepare('select id, month, state from penalty_report_builds order by id').all()).toEqual([
          { id: 1, month: '2026-09', state: 'current' },
          { id: 2, month: '2026-10', state: 'current' },
        ]);
        expect(
          (await reportLinesPage(db, '2026-10', { afterLineNo: 0, limit: 10 })).map((l) => [l.month, l.lineId]),
        ).toEqual([
          ['2026-10', '2026-10/1'],
          ['2026-10', '2026-10/2'],
        ]);
        expect((await reportLinesPage(db, '2026-09', { afterLineNo: 0, limit: 10 })).map((l) => l.lineId)).toEqual([
          '2026-09/1',
        ]);
        expect(
          db.$client.prepare("select sql from sqlite_master where name = 'penalty_report_lines'").pluck().get(),
        ).toMatch(/WITHOUT ROWID/);
      } finally {
        closeDatabase(db);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("late news triggers (SQLite's migrations)", () => {
  it('are kept by the migrations that created them (a table rebuild would drop them)', () => {
    const db = openDatabase(':memory:');
    try {
      const triggers = db.$client
        .prepare(`select name from sqlite_master where type = 'trigger' order by name`)
        .pluck()
        .all();
      expect(triggers).toEqual(
        expect.arrayContaining([
          'breach_waivers_late_news',
          'clock_outcomes_late_news_insert',
          'clock_outcomes_late_news_update',
        ]),
      );
    } finally {
      closeDatabase(db);
    }
  });
});
