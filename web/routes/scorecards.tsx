import type { Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { serviceTimesBetween } from '../../db/repositories/conformance.js';
import { getPartner, listPartners } from '../../db/repositories/partners.js';
import {
  addMonths,
  conformanceHistory,
  DEFAULT_FINANCE_TIME_ZONE,
  isMonth,
  listPenaltyReports,
  monthOf,
  monthPeriod,
} from '../../reports/index.js';
import { BarChart } from '../components/bar-chart.js';
import { Field, Select } from '../components/fields.js';
import { formatMoney, percentText, span } from '../format.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { guard } from './guard.js';

const percent = (met: number, breached: number) =>
  met + breached === 0 ? null : Math.round((met / (met + breached)) * 1000) / 10;

/**
 * A partner's scorecard for a finance month: OLA conformance per OLA (final clock outcomes), mean time to provide
 * and restore, breaches and penalty totals per currency from that month's report, and the last 12 months charted.
 */
export function registerScorecards(web: Hono<AppEnv>): void {
  web.get('/scorecards', guard('scorecards'), async (c) => {
    const { db, now, financeTimeZone } = c.get('deps');
    const timeZone = financeTimeZone ?? DEFAULT_FINANCE_TIME_ZONE;
    const query = c.req.query();
    const choices = await listPartners(db, { limit: 200 });
    const partner = (query.partner ? await getPartner(db, query.partner) : undefined) ?? choices[0];
    const month = isMonth(query.month ?? '') ? query.month! : monthOf(now(), timeZone);
    if (!partner)
      return render(
        c,
        <Layout title="Scorecards" caller={c.get('caller')} current="scorecards">
          <p>No partners yet.</p>
        </Layout>,
      );
    const period = monthPeriod(month, timeZone);
    const history = await conformanceHistory(db, {
      timeZone,
      now: new Date(period.startsAt),
      months: 12,
      partnerId: partner.id,
    });
    const olas = history.filter((h) => h.month === month);
    const [times] = await serviceTimesBetween(db, period.startsAt, period.endsAt, partner.id);
    const reports = await listPenaltyReports(db);
    const report = reports.find((r) => r.month === month);
    const months = Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11));
    const monthly = months.map((m) => {
      const rows = history.filter((h) => h.month === m);
      const met = rows.reduce((n, r) => n + r.met, 0);
      const breached = rows.reduce((n, r) => n + r.breached, 0);
      const penalties = reports.find((r) => r.month === m)?.totals.filter((t) => t.partnerId === partner.id) ?? [];
      return { month: m, met, breached, value: percent(met, breached), penalties };
    });
    const breaches = olas.reduce((n, r) => n + r.breached, 0);
    return render(
      c,
      <Layout title={`Scorecard: ${partner.name}`} caller={c.get('caller')} current="scorecards">
        <form method="get" action="/scorecards" class="filters">
          <Select
            label="Partner"
            name="partner"
            value={partner.id}
            options={choices.map((p) => [p.id, p.name] as const)}
          />
          <Field label="Month" name="month" type="month" value={month} />
          <button type="submit">Show</button>
        </form>
        <section aria-labelledby="conf-heading">
          <h2 id="conf-heading">OLA conformance in {month}</h2>
          {olas.length === 0 ? (
            <p>No clock became final this month.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">OLA</th>
                  <th scope="col">Metric</th>
                  <th scope="col">For</th>
                  <th scope="col">Met</th>
                  <th scope="col">Breached</th>
                  <th scope="col">Conformance</th>
                </tr>
              </thead>
              <tbody>
                {olas.map((o) => (
                  <tr>
                    <td>{o.olaId}</td>
                    <td>{o.metric}</td>
                    <td>{o.entityType}s</td>
                    <td class="num">{o.met}</td>
                    <td class="num">{o.breached}</td>
                    <td class="num">{percentText(o.percentage)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="times-heading">
          <h2 id="times-heading">Service times and penalties in {month}</h2>
          <dl class="facts">
            <dt>Mean time to provide</dt>
            <dd>
              {times?.meanTimeToProvideMs != null
                ? `${span(times.meanTimeToProvideMs)} over ${times.ordersCompleted} order(s)`
                : '— (no order completed)'}
            </dd>
            <dt>Mean time to restore</dt>
            <dd>
              {times?.meanTimeToRestoreMs != null
                ? `${span(times.meanTimeToRestoreMs)} over ${times.ticketsResolved} ticket(s)`
                : '— (no ticket resolved)'}
            </dd>
            <dt>Breaches</dt>
            <dd>{breaches}</dd>
            <dt>Penalties</dt>
            <dd>
              {!report
                ? 'No report for this month yet'
                : monthly.at(-1)!.penalties.length === 0
                  ? `None (${report.state} report)`
                  : `${monthly
                      .at(-1)!
                      .penalties.map((t) => formatMoney(t.amountAfterCapsMinor, t.currency))
                      .join(', ')} after caps (${report.state} report)`}
            </dd>
          </dl>
        </section>
        <section aria-labelledby="trend-heading">
          <h2 id="trend-heading">Last 12 months</h2>
          <BarChart
            id="trend"
            title={`OLA conformance of ${partner.name} per month, in percent`}
            bars={monthly.map((m) => ({ label: m.month.slice(2), value: m.value, text: percentText(m.value) }))}
          />
          <table>
            <caption class="visually-hidden">Conformance, breaches and penalties per month</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Met</th>
                <th scope="col">Breached</th>
                <th scope="col">Conformance</th>
                <th scope="col">Penalties after caps</th>
              </tr>
            </thead>
            <tbody>
              {monthly.map((m) => (
                <tr>
                  <td>{m.month}</td>
                  <td class="num">{m.met}</td>
                  <td class="num">{m.breached}</td>
                  <td class="num">{percentText(m.value)}</td>
                  <td>{m.penalties.map((t) => formatMoney(t.amountAfterCapsMinor, t.currency)).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </Layout>,
    );
  });
}
