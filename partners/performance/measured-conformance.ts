import type { ConformanceCount } from '../../db/repositories/partner-performance.js';
import type { MeasuredConformance, MetricConformance } from '../../openapi/qualification.js';

/** Days of clock outcomes a partner's conformance is measured over (CONFORMANCE_WINDOW_DAYS). */
export const DEFAULT_CONFORMANCE_WINDOW_DAYS = 90;
/** Clocks met or breached a figure needs before it is shown and ranks (CONFORMANCE_MIN_SAMPLE). */
export const DEFAULT_CONFORMANCE_MIN_SAMPLE = 20;
/** How often an API process recomputes the figures (performance-refresh.ts). */
export const PERFORMANCE_REFRESH_EVERY_MS = 5 * 60_000;

/** How measured conformance is computed, as README and the API description say it. */
export const MEASURED_CONFORMANCE_RULE = [
  "A partner's measured OLA conformance is the share of its OLA clocks that were met, among its clocks met or",
  'breached (cancelled ones do not count) whose outcome became final in the last CONFORMANCE_WINDOW_DAYS days',
  `(${DEFAULT_CONFORMANCE_WINDOW_DAYS} by default), every OLA metric counted alike. An order's clocks count under its`,
  "product, a ticket's under its order's product. An offer shows, and is ranked by, the partner's figure on the",
  "offer's product when that product has at least CONFORMANCE_MIN_SAMPLE such clocks",
  `(${DEFAULT_CONFORMANCE_MIN_SAMPLE} by default), otherwise its figure over all its products when that has as many,`,
  'otherwise it is notYetMeasured. Each API process recomputes the figures at start and every',
  `${PERFORMANCE_REFRESH_EVERY_MS / 60_000} minutes; when one moves, ranked answers are recomputed.`,
].join(' ');

export type ConformanceSettings = { windowDays: number; minimumSample: number };
/** An offer's measured conformance: its partner's, on its product when measured there. Shared: never change it. */
export type ConformanceLookup = (partnerId: string, productCode: string) => MeasuredConformance;

type Tally = Counts & { byMetric: Map<string, Counts> };

type Counts = { met: number; breached: number };

/** met / (met + breached) to 4 decimal places; null without a clock. */
export const shareMet = (met: number, breached: number): number | null =>
  met + breached === 0 ? null : Math.round((met / (met + breached)) * 10_000) / 10_000;

/** The per-metric figures of a tally, in metric order, metrics with clocks only. */
export const metricFigures = (byMetric: Iterable<[string, Counts]>): MetricConformance[] =>
  [...byMetric]
    .filter(([, m]) => m.met + m.breached > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([metric, m]) => ({ metric, met: m.met, breached: m.breached, share: shareMet(m.met, m.breached)! }));

function add(tallies: Map<string, Tally>, key: string, row: ConformanceCount) {
  let tally = tallies.get(key);
  if (!tally) tallies.set(key, (tally = { met: 0, breached: 0, byMetric: new Map() }));
  tally.met += row.met;
  tally.breached += row.breached;
  const metric = tally.byMetric.get(row.metric) ?? { met: 0, breached: 0 };
  metric.met += row.met;
  metric.breached += row.breached;
  tally.byMetric.set(row.metric, metric);
}

function figure(
  tally: Tally | undefined,
  scope: MeasuredConformance['scope'],
  settings: ConformanceSettings,
): MeasuredConformance {
  const met = tally?.met ?? 0;
  const breached = tally?.breached ?? 0;
  const measured = met + breached >= settings.minimumSample;
  return {
    status: measured ? 'measured' : 'notYetMeasured',
    scope,
    share: measured ? shareMet(met, breached) : null,
    met,
    breached,
    byMetric: metricFigures(tally?.byMetric ?? []),
    windowDays: settings.windowDays,
    minimumSample: settings.minimumSample,
  };
}

/**
 * Every partner's figures from the stored counts (MEASURED_CONFORMANCE_RULE): on a product when that product reached
 * the minimum sample, else over the partner's products (which may itself be notYetMeasured). Built once per directory
 * generation; each figure is built once and shared.
 */
export function conformanceLookup(counts: ConformanceCount[], settings: ConformanceSettings): ConformanceLookup {
  const byPartner = new Map<string, Tally>();
  const byProduct = new Map<string, Tally>();
  for (const row of counts) {
    add(byPartner, row.partnerId, row);
    add(byProduct, `${row.partnerId}\u0000${row.productCode}`, row);
  }
  const partnerFigures = new Map<string, MeasuredConformance>();
  const productFigures = new Map<string, MeasuredConformance>();
  const partnerFigure = (partnerId: string) => {
    let found = partnerFigures.get(partnerId);
    if (!found) partnerFigures.set(partnerId, (found = figure(byPartner.get(partnerId), 'partner', settings)));
    return found;
  };
  return (partnerId, productCode) => {
    const key = `${partnerId}\u0000${productCode}`;
    let found = productFigures.get(key);
    if (!found) {
      const product = figure(byProduct.get(key), 'product', settings);
      found = product.status === 'measured' ? product : partnerFigure(partnerId);
      productFigures.set(key, found);
    }
    return found;
  };
}
