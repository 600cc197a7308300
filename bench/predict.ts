import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeTransaction } from '../db/access.js';
import { queryRun } from '../db/execute.js';
import { partnerDeliveryRecords, type DeliveryRecord } from '../db/repositories/delivery-curves.js';
import { insertPartner } from '../db/repositories/partners.js';
import { orders } from '../db/schema.js';
import {
  deliveryCurveChooser,
  deliveryCurves,
  type DeliveryObservation,
} from '../partners/performance/delivery-estimates.js';
import { deliveredByGiven } from '../partners/performance/kaplan-meier.js';
import { observationOf } from '../partners/performance/performance-refresh.js';
import { BusinessCalendarSchema } from '../sla-rules/calendar-schema.js';
import { resolveCalendar } from '../sla-rules/holidays.js';
import { workingDaysDue } from '../sla-rules/index.js';
import { benchStoreKind, openBenchStore } from './support/bench-store.js';
import { seededRandom } from './support/random.js';

/**
 * `npm run bench -- predict [--orders 4000] [--store sqlite|postgres]`: the backtest of delivery prediction. A year of
 * orders (2026) across six carriers whose working days to deliver differ (log-normal around medians of 8 to 40
 * working days, slower on 1G and near-net) is written to a fresh store, each completed, still open at the end, or
 * cancelled (5%). Then, week by week, the delivery curves are rebuilt from what the store held at the start of that
 * week only (orders placed before; one delivered after that instant counts as still open then), exactly as the
 * performance refresh builds them (partnerDeliveryRecords, observationOf, deliveryCurves, deliveryCurveChooser), and
 * each order placed that week is predicted against a 30-working-day delivery OLA:
 * - calibration: P(on time) at placement, per decile, against the share of those orders delivered within 30;
 * - Brier score, against the baseline of the same run: every order given the on-time share of all orders before it;
 * - lead time: for each late order, the first working day the prediction falls below 50% (the default
 *   PREDICTED_JEOPARDY_BELOW), against the day the 50% elapsed-time jeopardy fires (day 15); and the share of orders
 *   delivered on time that were wrongly flagged before delivery.
 * The realistic case: cold curves each week, no knowledge of the future. One JSON line last.
 */
const { values: args } = parseArgs({
  options: { orders: { type: 'string', default: '4000' }, store: { type: 'string', default: 'sqlite' } },
});
const ORDERS = Number(args.orders);
const OLA_DAYS = 30;
const LEVEL = 0.5;
const ELAPSED_JEOPARDY_DAY = OLA_DAYS * 0.5;
const log = (message: string) => process.stderr.write(`[bench predict] ${message}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-bench-predict-'));
const store = await openBenchStore(benchStoreKind(args.store), dir);
const { db } = store;
const random = seededRandom(20261204);
const calendarSpec = BusinessCalendarSchema.parse({ timeZone: 'Europe/London', holidayRegion: 'GB-ENG' });
const calendar = resolveCalendar(calendarSpec, 2025, 2028);
const carriers = [8, 12, 18, 24, 30, 40].map((median, i) => ({ name: `Carrier ${i + 1}`, median }));
const products = [
  { code: 'ETH-100', factor: 1 },
  { code: 'ETH-1G', factor: 1.3 },
];
const access = [
  { type: 'onNet' as const, factor: 0.9 },
  { type: 'nearNet' as const, factor: 1.4 },
];
/** A standard normal draw (Box–Muller). */
const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());

const partners = [];
for (const c of carriers) {
  const partner = await insertPartner(
    db,
    {
      name: c.name,
      country: 'GB',
      status: 'active',
      defaultCurrency: 'GBP',
      escalation: [],
      adapter: { orderingApi: 'none' },
      calendar: calendarSpec,
    } as never,
    new Date('2025-12-01T00:00:00Z'),
  );
  partners.push({ ...c, id: partner.id });
}

// The year's orders: placed on working days 09:00-17:00 UTC through 2026, each with its true working days to deliver.
const END = Date.parse('2026-12-01T00:00:00Z');
const start = Date.parse('2026-01-05T00:00:00Z');
type Truth = {
  id: string;
  partnerId: string;
  productCode: string;
  accessType: string;
  placedAt: string;
  days: number;
  cancelled: boolean;
};
const truths: Truth[] = [];
const rows: (typeof orders.$inferInsert)[] = [];
for (let i = 0; i < ORDERS; i++) {
  let placed = start + Math.floor(random.next() * (END - 60 * 86_400_000 - start));
  const day = new Date(placed).getUTCDay();
  if (day === 0 || day === 6) placed += (day === 6 ? 2 : 1) * 86_400_000;
  const placedAt = new Date(placed - (placed % 86_400_000) + (9 + random.int(8)) * 3_600_000).toISOString();
  const carrier = random.pick(partners);
  const product = random.pick(products);
  const way = random.pick(access);
  const days = Math.max(1, Math.round(carrier.median * product.factor * way.factor * Math.exp(0.35 * normal())));
  const cancelled = random.next() < 0.05;
  const completedAt = workingDaysDue(calendar, placedAt, days);
  const id = `ord_bt${String(i).padStart(6, '0')}`;
  truths.push({
    id,
    partnerId: carrier.id,
    productCode: product.code,
    accessType: way.type,
    placedAt,
    days,
    cancelled,
  });
  const ended = cancelled ? workingDaysDue(calendar, placedAt, Math.max(1, Math.floor(days / 2))) : completedAt;
  const done = Date.parse(ended) < END;
  rows.push({
    id,
    partnerId: carrier.id,
    deskReference: `BT-${i}`,
    productCode: product.code,
    bandwidthMbps: product.code === 'ETH-1G' ? 1000 : 100,
    accessType: way.type,
    site: { countryCode: 'GB', postcode: 'SW1A 1AA', line1: '1 Road', city: 'London' },
    contact: { name: 'Site', email: 'site@example.com' },
    requestedCompletionDate: '2027-06-30',
    state: !done ? 'inProgress' : cancelled ? 'cancelled' : 'completed',
    completedAt: done && !cancelled ? completedAt : null,
    submission: 'submitted',
    createdBy: 'bench',
    createdAt: placedAt,
    updatedAt: done ? ended : placedAt,
  });
}
for (let i = 0; i < rows.length; i += 500) {
  const batch = rows.slice(i, i + 500);
  await writeTransaction(db, async () => await queryRun(db.insert(orders).values(batch)));
}
log(`${ORDERS} orders across ${partners.length} carriers written to ${store.kind}`);

/** What the store said about an order at `asOf`: not yet delivered (or cancelled) then, if that came later. */
function asOf(record: DeliveryRecord, at: string): DeliveryRecord {
  if (record.completedAt !== null && record.completedAt > at)
    return { ...record, completedAt: null, state: 'inProgress', updatedAt: at };
  if (record.state === 'cancelled' && record.updatedAt > at) return { ...record, state: 'inProgress', updatedAt: at };
  return record;
}

const predictions: { p: number; onTime: boolean; late: boolean; flaggedDay: number | null; days: number }[] = [];
const baseline: { p: number; onTime: boolean }[] = [];
let weeks = 0;
const started = performance.now();
for (let week = start; week < END; week += 7 * 86_400_000) {
  const at = new Date(week).toISOString();
  const weekEnd = new Date(week + 7 * 86_400_000).toISOString();
  const observations: DeliveryObservation[] = [];
  for (const partner of partners) {
    for (const record of await partnerDeliveryRecords(db, partner.id, '2025-12-01T00:00:00.000Z')) {
      if (record.startedAt >= at) continue;
      observations.push({ ...observationOf(asOf(record, at), calendar, at), partnerId: partner.id });
    }
  }
  const choose = deliveryCurveChooser(deliveryCurves(observations));
  const known = truths.filter((t) => t.placedAt < at && !t.cancelled);
  // Known by then: delivered, or late (its 30 working days over).
  const resolved = known.filter((t) => workingDaysDue(calendar, t.placedAt, Math.min(t.days, OLA_DAYS)) <= at);
  const climatology = resolved.length > 0 ? resolved.filter((t) => t.days <= OLA_DAYS).length / resolved.length : 0.5;
  weeks += 1;
  for (const t of truths) {
    if (t.cancelled || t.placedAt < at || t.placedAt >= weekEnd) continue;
    if (Date.parse(workingDaysDue(calendar, t.placedAt, OLA_DAYS)) > END) continue; // its outcome is not known yet
    const chosen = choose(t.partnerId, t.productCode, t.accessType);
    if (!chosen) continue;
    const p = deliveredByGiven(chosen.curve, -1, OLA_DAYS) ?? 0;
    let flaggedDay: number | null = null;
    for (let e = 0; e < Math.min(t.days, OLA_DAYS); e++) {
      const chance = deliveredByGiven(chosen.curve, e - 1, OLA_DAYS);
      if (chance !== null && chance < LEVEL) {
        flaggedDay = e;
        break;
      }
    }
    predictions.push({ p, onTime: t.days <= OLA_DAYS, late: t.days > OLA_DAYS, flaggedDay, days: t.days });
    baseline.push({ p: climatology, onTime: t.days <= OLA_DAYS });
  }
}
log(
  `${predictions.length} orders predicted over ${weeks} weekly rebuilds in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
const brier = (list: { p: number; onTime: boolean }[]) =>
  list.reduce((sum, x) => sum + (x.p - (x.onTime ? 1 : 0)) ** 2, 0) / list.length;
const calibration = Array.from({ length: 10 }, (_, d) => {
  const bucket = predictions.filter((x) => Math.min(9, Math.floor(x.p * 10)) === d);
  return {
    decile: `${d * 10}-${d * 10 + 10}%`,
    orders: bucket.length,
    predicted_on_time: bucket.length ? round(bucket.reduce((s, x) => s + x.p, 0) / bucket.length) : null,
    observed_on_time: bucket.length ? round(bucket.filter((x) => x.onTime).length / bucket.length) : null,
  };
});
const late = predictions.filter((x) => x.late);
const flaggedEarly = late.filter((x) => x.flaggedDay !== null && x.flaggedDay < ELAPSED_JEOPARDY_DAY);
const leads = flaggedEarly.map((x) => ELAPSED_JEOPARDY_DAY - x.flaggedDay!).sort((a, b) => a - b);
const onTime = predictions.filter((x) => x.onTime);
const falseAlarms = onTime.filter((x) => x.flaggedDay !== null);
const modelBrier = brier(predictions);
const baselineBrier = brier(baseline);

await store.close();
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({
    bench: 'predict',
    store: store.kind,
    case: `backtest: ${ORDERS} orders placed through 2026 at 6 carriers, weekly curves from the store as it stood, a ${OLA_DAYS}-working-day delivery OLA`,
    orders_predicted: predictions.length,
    weekly_rebuilds: weeks,
    on_time_share: round(onTime.length / predictions.length),
    calibration,
    brier: round(modelBrier, 4),
    baseline_brier: round(baselineBrier, 4),
    brier_vs_baseline: round(modelBrier / baselineBrier),
    late_orders: late.length,
    late_flagged_before_50pct_elapsed: round(flaggedEarly.length / late.length),
    lead_working_days_median: leads.length ? leads[Math.floor(leads.length / 2)] : null,
    lead_working_days_mean: leads.length ? round(leads.reduce((s, x) => s + x, 0) / leads.length, 1) : null,
    on_time_orders_flagged: round(falseAlarms.length / onTime.length),
    predicted_jeopardy_below: LEVEL,
    baseline:
      'every order predicted with the on-time share of the orders placed before its week whose outcome was known',
    environment: { node: process.version, cpus: os.cpus().length },
  })}\n`,
);
