import type { Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { benchmarksCsv, partnerBenchmarks } from '../../partners/performance/benchmarks.js';
import { formatMoney } from '../format.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { guard } from './guard.js';

const WINDOWS = [30, 90, 180, 365];
const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);
const trendText = (trend: number | null) =>
  trend === null ? '–' : `${trend > 0 ? '+' : ''}${(trend * 100).toFixed(1)} pts`;
const figure = (value: number | null, unit: string) => (value === null ? '–' : `${value} ${unit}`);

const windowOf = (asked: string | undefined) => (WINDOWS.includes(Number(asked)) ? Number(asked) : 90);

/**
 * Partners side by side per product and region over a window (GET /api/v1/partner-benchmarks, the same rows), with
 * the same CSV the API gives.
 */
export function registerBenchmarks(web: Hono<AppEnv>): void {
  web.get('/benchmarks.csv', guard('benchmarks'), async (c) => {
    const { db, now } = c.get('deps');
    const days = windowOf(c.req.query('days'));
    return c.body(benchmarksCsv(await partnerBenchmarks(db, { now: now(), days })), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="partner-benchmarks-${days}d.csv"`,
    });
  });

  web.get('/benchmarks', guard('benchmarks'), async (c) => {
    const { db, now } = c.get('deps');
    const days = windowOf(c.req.query('days'));
    const { items } = await partnerBenchmarks(db, { now: now(), days });
    return render(
      c,
      <Layout title="Partner benchmarks" caller={c.get('caller')} current="benchmarks">
        <p>
          Window:{' '}
          {WINDOWS.map((w, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              {w === days ? <strong>{w} days</strong> : <a href={`/benchmarks?days=${w}`}>{w} days</a>}
            </>
          ))}{' '}
          · <a href={`/benchmarks.csv?days=${days}`}>Download CSV</a>
        </p>
        {items.length === 0 ? (
          <p>Nothing measured in this window.</p>
        ) : (
          <table>
            <caption>Partners per product and region, last {days} days</caption>
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Product</th>
                <th scope="col">Region</th>
                <th scope="col">OLAs met</th>
                <th scope="col">Trend</th>
                <th scope="col">Provide (mean / 80%)</th>
                <th scope="col">Restore (mean / 80%)</th>
                <th scope="col">Breaches</th>
                <th scope="col">Penalties billed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr>
                  <td>{r.partnerName}</td>
                  <td>{r.productCode || '–'}</td>
                  <td>{r.region || '–'}</td>
                  <td title={r.conformance.byMetric.map((m) => `${m.metric}: ${percent(m.share)}`).join('; ')}>
                    {percent(r.conformance.share)}{' '}
                    <span class="muted">
                      ({r.conformance.met}/{r.conformance.met + r.conformance.breached})
                    </span>
                  </td>
                  <td>{trendText(r.trend)}</td>
                  <td>
                    {figure(r.provideWorkingDays.mean, 'wd')} / {figure(r.provideWorkingDays.p80, 'wd')}{' '}
                    <span class="muted">({r.ordersCompleted})</span>
                  </td>
                  <td>
                    {figure(r.restoreHours.mean, 'h')} /{' '}
                    {figure(r.restoreHours.p80 === null ? null : Math.round(r.restoreHours.p80 * 10) / 10, 'h')}{' '}
                    <span class="muted">({r.ticketsResolved})</span>
                  </td>
                  <td>{r.breaches}</td>
                  <td>{r.penaltiesBilled.map((p) => formatMoney(p.amountMinor, p.currency)).join(', ') || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });
}
