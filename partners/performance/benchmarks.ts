import Papa from 'papaparse';
import type { Db } from '../../db/client.js';
import {
  benchmarkDeliveries,
  benchmarkOutcomes,
  benchmarkPenalties,
  benchmarkRestores,
} from '../../db/repositories/partner-benchmarks.js';
import { getPartner, partnerNames } from '../../db/repositories/partners.js';
import type { PartnerBenchmark, PartnerBenchmarks } from '../../openapi/benchmarks.js';
import { resolveCalendar } from '../../sla-rules/holidays.js';
import { workingDaysLate, type ResolvedCalendar } from '../../sla-rules/index.js';
import { locationKeysForAddress } from '../directory/location-keys.js';
import { metricFigures, shareMet } from './measured-conformance.js';

const DAY_MS = 86_400_000;

/** A site's region: its UK postcode area (GB:SW), its US three-digit ZIP prefix (US:100), else its country. */
export function regionOf(siteJson: string | null): string {
  if (!siteJson) return '';
  const site = JSON.parse(siteJson) as { countryCode?: string; postcode?: string };
  const country = site.countryCode ?? '';
  if (country === 'US') {
    const zip = /^(\d{3})\d{2}/.exec(site.postcode?.trim() ?? '');
    return zip ? `US:${zip[1]}` : 'US';
  }
  const area = locationKeysForAddress({ countryCode: country, postcode: site.postcode ?? '' }).find(
    (k) => k.level === 'area',
  );
  return area?.key ?? country;
}

/** Mean (1 decimal) and nearest-rank 80th percentile; nulls for none. */
export function spread(values: number[]): { mean: number | null; p80: number | null } {
  if (values.length === 0) return { mean: null, p80: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { mean: Math.round(mean * 10) / 10, p80: sorted[Math.ceil(0.8 * sorted.length) - 1]! };
}

type Group = {
  partnerId: string;
  productCode: string;
  region: string;
  provide: number[];
  restore: number[];
  metrics: Map<string, { met: number; breached: number }>;
  previous: { met: number; breached: number };
  penalties: Map<string, number>;
};

/**
 * Partners side by side, per partner × product × region, over the `days` before `now`: time to provide (orders
 * completed) and restore (tickets resolved), OLA conformance per metric (clocks final in the window) and its trend
 * against the window before, breaches, and what frozen reports billed for them. A partner's own rows only when
 * `partnerId` is given. Rows in partner name, product, region order.
 */
export async function partnerBenchmarks(
  db: Db,
  opts: { now: Date; days: number; partnerId?: string | undefined },
): Promise<PartnerBenchmarks> {
  const to = opts.now.toISOString();
  const from = new Date(opts.now.getTime() - opts.days * DAY_MS).toISOString();
  const before = new Date(opts.now.getTime() - 2 * opts.days * DAY_MS).toISOString();
  const scope = { from, to, partnerId: opts.partnerId };
  const groups = new Map<string, Group>();
  const group = (partnerId: string, productCode: string, site: string | null) => {
    const region = regionOf(site);
    const key = `${partnerId}\u0000${productCode}\u0000${region}`;
    let found = groups.get(key);
    if (!found) {
      found = {
        partnerId,
        productCode,
        region,
        provide: [],
        restore: [],
        metrics: new Map(),
        previous: { met: 0, breached: 0 },
        penalties: new Map(),
      };
      groups.set(key, found);
    }
    return found;
  };
  for (const o of await benchmarkOutcomes(db, { ...scope, from: before })) {
    const g = group(o.partnerId, o.productCode, o.site);
    const tally = o.finalAt < from ? g.previous : (g.metrics.get(o.metric) ?? { met: 0, breached: 0 });
    if (o.finalAt >= from) g.metrics.set(o.metric, tally);
    if (o.state === 'met') tally.met += 1;
    else tally.breached += 1;
  }
  const calendars = new Map<string, ResolvedCalendar | undefined>();
  const calendarOf = async (partnerId: string) => {
    if (!calendars.has(partnerId)) {
      const partner = await getPartner(db, partnerId);
      const year = opts.now.getUTCFullYear();
      calendars.set(partnerId, partner && resolveCalendar(partner.calendar, year - 2, year + 1, partnerId));
    }
    return calendars.get(partnerId);
  };
  for (const d of await benchmarkDeliveries(db, scope)) {
    const calendar = await calendarOf(d.partnerId);
    if (calendar)
      group(d.partnerId, d.productCode, d.site).provide.push(workingDaysLate(calendar, d.startedAt, d.completedAt));
  }
  for (const r of await benchmarkRestores(db, scope)) {
    group(r.partnerId, r.productCode, r.site).restore.push(
      (Date.parse(r.resolvedAt) - Date.parse(r.createdAt)) / 3_600_000,
    );
  }
  for (const p of await benchmarkPenalties(db, scope)) {
    const g = group(p.partnerId, p.productCode, p.site);
    g.penalties.set(p.currency, (g.penalties.get(p.currency) ?? 0) + p.amountMinor);
  }
  const names = await partnerNames(db, [...new Set([...groups.values()].map((g) => g.partnerId))]);
  const items = [...groups.values()]
    .map((g): PartnerBenchmark => {
      const byMetric = metricFigures(g.metrics);
      const met = byMetric.reduce((n, m) => n + m.met, 0);
      const breached = byMetric.reduce((n, m) => n + m.breached, 0);
      const now = shareMet(met, breached);
      const previousShare = shareMet(g.previous.met, g.previous.breached);
      const restore = spread(g.restore);
      return {
        partnerId: g.partnerId,
        partnerName: names.get(g.partnerId) ?? g.partnerId,
        productCode: g.productCode,
        region: g.region,
        ordersCompleted: g.provide.length,
        provideWorkingDays: spread(g.provide),
        ticketsResolved: g.restore.length,
        restoreHours: restore,
        conformance: { met, breached, share: now, byMetric },
        previousShare,
        trend: now === null || previousShare === null ? null : Math.round((now - previousShare) * 10_000) / 10_000,
        breaches: breached,
        penaltiesBilled: [...g.penalties]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([currency, amountMinor]) => ({ amountMinor, currency })),
      };
    })
    .filter(
      (row) =>
        row.ordersCompleted + row.ticketsResolved + row.conformance.met + row.conformance.breached > 0 ||
        row.penaltiesBilled.length > 0,
    )
    .sort(
      (a, b) =>
        a.partnerName.localeCompare(b.partnerName) ||
        a.productCode.localeCompare(b.productCode) ||
        a.region.localeCompare(b.region),
    );
  return { window: { from, to, days: opts.days }, items };
}

/** The benchmark as CSV: a line per row, per-metric figures and penalties as `;`-separated text, formulae escaped. */
export function benchmarksCsv(benchmarks: PartnerBenchmarks): string {
  const fields = [
    'partner_id',
    'partner_name',
    'product_code',
    'region',
    'orders_completed',
    'provide_working_days_mean',
    'provide_working_days_p80',
    'tickets_resolved',
    'restore_hours_mean',
    'restore_hours_p80',
    'clocks_met',
    'clocks_breached',
    'conformance_share',
    'previous_share',
    'trend',
    'by_metric',
    'breaches',
    'penalties_billed_minor',
  ];
  const data = benchmarks.items.map((r) => [
    r.partnerId,
    r.partnerName,
    r.productCode,
    r.region,
    r.ordersCompleted,
    r.provideWorkingDays.mean ?? '',
    r.provideWorkingDays.p80 ?? '',
    r.ticketsResolved,
    r.restoreHours.mean ?? '',
    r.restoreHours.p80 === null ? '' : Math.round(r.restoreHours.p80 * 10) / 10,
    r.conformance.met,
    r.conformance.breached,
    r.conformance.share ?? '',
    r.previousShare ?? '',
    r.trend ?? '',
    r.conformance.byMetric.map((m) => `${m.metric}=${m.share} (${m.met}/${m.met + m.breached})`).join('; '),
    r.breaches,
    r.penaltiesBilled.map((p) => `${p.currency} ${p.amountMinor}`).join('; '),
  ]);
  return `${Papa.unparse({ fields, data }, { escapeFormulae: true, newline: '\r\n' })}\r\n`;
}
