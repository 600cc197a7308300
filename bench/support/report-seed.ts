import { writeTransaction } from '../../db/access.js';
import { closeStore } from '../../db/client.js';
import { isPostgres, statement } from '../../db/execute.js';
import { transactionConnection } from '../../db/pg/client.js';
import { copyRows } from '../../db/pg/copy.js';
import { insertPolicyVersion } from '../../db/repositories/ola-policies.js';
import { insertPartner } from '../../db/repositories/partners.js';
import { PartnerCreateSchema } from '../../openapi/partners.js';
import { monthPeriod } from '../../reports/month.js';
import { validatePolicy } from '../../sla-rules/parse-policy.js';
import { openBenchLocation } from './bench-store.js';
import { seededRandom } from './random.js';

/**
 * Seeds the report benchmark's database (run as its own process, so its memory is not the measured one's):
 * `partners` carriers with a policy version each (four clause shapes, a monthly cap) and `outcomes` breach outcomes
 * spread over each of the given months (finance time zone Europe/London), written in large transactions (one prepared
 * statement on SQLite, COPY on PostgreSQL). The store is a SQLite file's path or a postgres:// URL.
 */
const [location, partnersArg, outcomesArg, monthsArg] = process.argv.slice(2) as [string, string, string, string];
const PARTNERS = Number(partnersArg);
const OUTCOMES = Number(outcomesArg);
const MONTHS = monthsArg.split(',');
const db = await openBenchLocation(location);
const random = seededRandom(20261001);
const now = new Date();
const office = [{ start: '09:00', end: '17:30' }];
const clauses = ['hourly', 'flat', 'bands', 'days'] as const;

const partners = await Promise.all(
  Array.from({ length: PARTNERS }, async (_, i) => {
    const currency = i % 5 === 4 ? 'EUR' : 'GBP';
    const partner = await insertPartner(
      db,
      PartnerCreateSchema.parse({
        name: `Bench Carrier ${String(i + 1).padStart(3, '0')}`,
        country: 'GB',
        status: 'active',
        defaultCurrency: currency,
        adapter: { orderingApi: 'none' },
        escalation: [],
        calendar: { timeZone: 'Europe/London', holidayRegion: 'GB-ENG' },
      }),
      now,
    );
    const document = validatePolicy({
      id: `bench-${i}`,
      version: 1,
      effectiveFrom: '2026-01-01',
      calendars: {
        office: {
          timeZone: 'Europe/London',
          holidayRegion: 'GB-ENG',
          closures: [],
          workingHours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
        },
      },
      penaltyClauses: {
        hourly: {
          kind: 'perUnitLate',
          unit: 'startedHour',
          rate: { amountMinor: 1500, currency },
          capPerBreach: { units: 24 },
        },
        flat: { kind: 'flatPerBreach', amount: { amountMinor: 5000, currency } },
        bands: {
          kind: 'tieredBands',
          bands: [
            { fromMinutes: 0, toMinutes: 30, percent: 0 },
            { fromMinutes: 30, toMinutes: 120, percent: 10 },
            { fromMinutes: 120, percent: 50 },
          ],
        },
        days: {
          kind: 'perUnitLate',
          unit: 'workingDay',
          rate: { daysOfCharge: 1, of: 'monthlyCharge' },
          dailyRateDivisor: 30.5,
          capPerBreach: { units: 10 },
        },
      },
      penaltyCaps: { monthly: { percentOfMonthlyCharges: 40 } },
      olas: clauses.map((clause) => ({
        id: `ola-${clause}`,
        metric: clause === 'days' ? 'deliveryLeadTime' : 'faultRestoration',
        appliesTo: { entity: clause === 'days' ? 'order' : 'ticket' },
        stop: { state: clause === 'days' ? 'completed' : 'resolved' },
        target: clause === 'days' ? { kind: 'workingDays', days: 30 } : { kind: 'clockDuration', hours: 4 },
        ...(clause === 'days' ? { calendar: 'office' } : {}),
        penalty: { clause },
      })),
    });
    const policy = await insertPolicyVersion(db, {
      partnerId: partner.id,
      document,
      source: '{}',
      createdBy: 'bench',
      now,
    });
    return { id: partner.id, policyId: policy.id, currency };
  }),
);

const columns = [
  'id',
  'entity_type',
  'entity_id',
  'partner_id',
  'ola_id',
  'metric',
  'policy_id',
  'policy_version',
  'clause',
  'state',
  'measure',
  'calendar',
  'started_at',
  'due_at',
  'breached_at',
  'final_at',
  'target_ms',
  'elapsed_ms',
  'overrun_ms',
  'paused_ms',
  'monthly_charge_minor',
  'install_charge_minor',
  'currency',
  'breach_fact_id',
  'our_reference',
  'partner_reference',
  'circuit_id',
  'site',
  'revision',
  'recorded_at',
  'updated_at',
];
const insert = statement(
  db,
  `insert into clock_outcomes (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
);
/** One batch of rows in one transaction. */
const write = (rows: unknown[][]) =>
  writeTransaction(db, async () => {
    if (isPostgres(db)) await copyRows(transactionConnection(db), 'clock_outcomes', columns, rows);
    else for (const row of rows) await insert.run(...row);
  });
const HOUR = 3_600_000;
const BATCH = 50_000;
const seedBatch = async (from: number, to: number, start: number, span: number) => {
  const rows: unknown[][] = [];
  for (let i = from; i < to; i += 1) {
    const p = partners[random.int(partners.length)]!;
    const clause = clauses[random.int(10) < 4 ? 0 : random.int(4)]!;
    const days = clause === 'days';
    const overrunMs = days ? random.int(12) * 8.5 * HOUR + random.int(HOUR) : random.int(10 * HOUR) + 1;
    const finalAt = start + random.int(span);
    const due = new Date(finalAt - (days ? (overrunMs / (8.5 * HOUR)) * 86_400_000 : overrunMs)).toISOString();
    const target = days ? 30 * 8.5 * HOUR : 4 * HOUR;
    const id = `out_${String(i).padStart(8, '0')}`;
    const ref = String(i);
    rows.push([
      id,
      days ? 'order' : 'ticket',
      `${days ? 'ord' : 'tkt'}_${ref}`,
      p.id,
      `ola-${clause}`,
      days ? 'deliveryLeadTime' : 'faultRestoration',
      p.policyId,
      1,
      clause,
      'breached',
      days ? 'business' : 'clock',
      days ? 'office' : '24x7',
      due,
      due,
      due,
      new Date(finalAt).toISOString(),
      target,
      target + overrunMs,
      overrunMs,
      random.int(4) === 0 ? random.int(HOUR) : 0,
      20_000 + random.int(80) * 1000,
      50_000,
      p.currency,
      `fct_${ref}`,
      `DESK-${ref}`,
      random.int(10) === 0 ? `=HYPERLINK("x${ref}")` : `PO-${ref}`,
      `ord_${ref.slice(0, -1) || '0'}`,
      `${random.int(200) + 1} High Street, London, SW1A ${random.int(9) + 1}AA, GB`,
      1,
      new Date(finalAt).toISOString(),
      new Date(finalAt).toISOString(),
    ]);
  }
  await write(rows);
};
for (const [m, month] of MONTHS.entries()) {
  const period = monthPeriod(month, 'Europe/London');
  const start = Date.parse(period.startsAt);
  const span = Date.parse(period.endsAt) - start;
  // Outcome ids run on across months: out_<month index><sequence>.
  const first = m * OUTCOMES;
  for (let from = first; from < first + OUTCOMES; from += BATCH) {
    await seedBatch(from, Math.min(first + OUTCOMES, from + BATCH), start, span);
  }
  process.stderr.write(`[bench report] seeded ${OUTCOMES} outcomes final in ${month}\n`);
}
// PostgreSQL plans by its statistics, which autovacuum gathers soon after a load this size in production: gathered
// here at once, so the measured build is not planned blind.
if (isPostgres(db)) await statement(db, 'ANALYZE').run();
await closeStore(db);
