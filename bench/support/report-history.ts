import { closeStore } from '../../db/client.js';
import { isPostgres, statement } from '../../db/execute.js';
import { insertWaiver } from '../../db/repositories/waivers.js';
import { finalizeDraft } from '../../reports/finalize.js';
import { buildMonthlyReport } from '../../reports/index.js';
import { monthPeriod } from '../../reports/month.js';
import { openBenchLocation } from './bench-store.js';

/**
 * Gives the report benchmark's database a history (run as its own process, so its memory is not the measured one's):
 * each given month, in order, is generated the day after it ended and finalized the day after that; the day after,
 * finance waives about 0.3% of its breaches, about 0.3% of its outcomes are revised (an hour longer), and about 0.2%
 * more breaches of it are learned late. The next month's report turns those into adjustments, as in production. The
 * store is a SQLite file's path or a postgres:// URL.
 */
const [location, monthsArg] = process.argv.slice(2) as [string, string];
const TZ = 'Europe/London';
const DAY = 86_400_000;
const db = await openBenchLocation(location);
// Every column but PostgreSQL's rowid (an identity column there, numbered anew for each copied row).
const columns = isPostgres(db)
  ? await statement(
      db,
      `select column_name from information_schema.columns
        where table_name = 'clock_outcomes' and column_name <> 'rowid' order by ordinal_position`,
    )
      .pluck<string>()
      .all()
  : (await statement<{ name: string }>(db, 'pragma table_info(clock_outcomes)').all()).map((c) => c.name);
const lateCopy = columns.map((c) =>
  ['id', 'entity_id', 'breach_fact_id'].includes(c)
    ? `'late_' || ${c}`
    : ['recorded_at', 'updated_at'].includes(c)
      ? '@at'
      : c,
);
const inMonth = 'final_at >= @startsAt and final_at < @endsAt';

for (const month of monthsArg.split(',')) {
  const period = monthPeriod(month, TZ);
  const day = (n: number) => new Date(Date.parse(period.endsAt) + n * DAY);
  const built = await buildMonthlyReport(db, { month, timeZone: TZ, now: day(1), generatedBy: 'bench' });
  if (built.outcome !== 'written') throw new Error(`${month}: ${built.outcome}`);
  const finalized = await finalizeDraft(db, month, 'bench', day(2).toISOString());
  if (finalized !== 'final') throw new Error(`${month}: ${finalized}`);
  const at = day(3).toISOString();
  const range = { startsAt: period.startsAt, endsAt: period.endsAt, at };
  const waived = await statement(db, `select breach_fact_id from clock_outcomes where ${inMonth} and rowid % 331 = 0`)
    .pluck<string>()
    .all(range);
  for (const breachFactId of waived) {
    await insertWaiver(db, { breachFactId, reason: 'bench goodwill', waivedBy: 'bench', waivedAt: at });
  }
  const revised = (
    await statement(
      db,
      `update clock_outcomes set overrun_ms = overrun_ms + 3600000, elapsed_ms = elapsed_ms + 3600000,
              revision = revision + 1, updated_at = @at where ${inMonth} and rowid % 337 = 1`,
    ).run(range)
  ).changes;
  const late = (
    await statement(
      db,
      `insert into clock_outcomes (${columns.join(', ')})
         select ${lateCopy.join(', ')} from clock_outcomes where ${inMonth} and rowid % 499 = 2 and id not like 'late_%'`,
    ).run(range)
  ).changes;
  process.stderr.write(
    `[bench report] ${month}: ${built.lines} lines, frozen; then ${waived.length} waived, ${revised} revised, ${late} late\n`,
  );
}
// PostgreSQL plans by its statistics, which autovacuum gathers soon after a load this size in production: gathered
// here at once, so the measured build is not planned blind.
if (isPostgres(db)) await statement(db, 'ANALYZE').run();
await closeStore(db);
