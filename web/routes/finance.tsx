import type { Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { penaltyCsvResponse } from '../../api/routes/reports/csv.js';
import { partnerNames } from '../../db/repositories/partners.js';
import {
  getPenaltyReport,
  isMonth,
  listPenaltyReports,
  monthOf,
  previousMonth,
  DEFAULT_FINANCE_TIME_ZONE,
} from '../../reports/index.js';
import { leakageForecast, type LeakageForecast } from '../../reports/leakage-forecast.js';
import { ActionForm } from '../components/action-forms.js';
import { hrefWith, Pager, pageNumber } from '../components/pager.js';
import { formatMoney, instantText } from '../format.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { guard, notFound } from './guard.js';

const MONTHS_PER_PAGE = 12;

const csvHref = (month: string, partnerId?: string) =>
  `/finance/${month}.csv${partnerId ? `?partnerId=${encodeURIComponent(partnerId)}` : ''}`;

const moneyList = (list: { amountMinor: number; currency: string }[]) =>
  list.map((m) => formatMoney(m.amountMinor, m.currency)).join(', ') || '–';

/** This month's revenue leakage: owed per the month's report, beside what open orders are expected to add. */
const Forecast = ({ forecast }: { forecast: LeakageForecast }) => (
  <section aria-labelledby="forecast-heading">
    <h2 id="forecast-heading">{forecast.month}: owed and expected</h2>
    {forecast.partners.length === 0 ? (
      <p>Nothing owed or expected this month yet.</p>
    ) : (
      <table>
        <caption class="visually-hidden">{`Penalties owed and expected for ${forecast.month} per partner`}</caption>
        <thead>
          <tr>
            <th scope="col">Partner</th>
            <th scope="col">Owed (report)</th>
            <th scope="col">Expected from open orders</th>
          </tr>
        </thead>
        <tbody>
          {forecast.partners.map((p) => (
            <tr>
              <td>{p.partnerName}</td>
              <td>{moneyList(p.owed)}</td>
              <td>{moneyList(p.expected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    <p class="muted">
      Expected: each open order due this month, P(late) from its partner's delivery history times its clause's price for
      a delivery at the median of the later deliveries, and each open ticket's priced clock due this month, P(late) from
      its partner's ticket clocks of that metric; partner caps not applied. {forecast.lines.length} order(s) and{' '}
      {forecast.ticketLines.length} ticket clock(s) forecast; {forecast.notForecast} order(s) and{' '}
      {forecast.ticketsNotForecast} ticket clock(s) without enough history or a clause.
    </p>
  </section>
);

/**
 * Finance: this month's owed and expected penalties; every month's penalty report with its state (draft or final),
 * totals per partner and currency (never summed across currencies), and CSV downloads streamed exactly as the API's
 * GET /api/v1/reports/penalties/{month}.csv streams them.
 */
export function registerFinance(web: Hono<AppEnv>): void {
  web.get('/finance', guard('finance'), async (c) => {
    const { db, now, financeTimeZone } = c.get('deps');
    const timeZone = financeTimeZone ?? DEFAULT_FINANCE_TIME_ZONE;
    const forecast = await leakageForecast(db, { month: monthOf(now(), timeZone), timeZone, now: now() });
    const query = c.req.query();
    const reports = await listPenaltyReports(db);
    const page = pageNumber(query.page, Math.max(1, Math.ceil(reports.length / MONTHS_PER_PAGE)));
    const shown = reports.slice((page - 1) * MONTHS_PER_PAGE, page * MONTHS_PER_PAGE);
    const names = await partnerNames(db, [...new Set(shown.flatMap((r) => r.totals.map((t) => t.partnerId)))]);
    return render(
      c,
      <Layout title="Finance: penalty reports" caller={c.get('caller')} current="finance">
        <Forecast forecast={forecast} />
        <section aria-labelledby="generate-heading">
          <h2 id="generate-heading">Generate a draft</h2>
          <form method="post" action="/finance/generate" class="action">
            <label for="f-month">Month (YYYY-MM)</label>
            <input
              id="f-month"
              name="month"
              type="text"
              required
              pattern="\d{4}-\d{2}"
              value={previousMonth(now(), timeZone)}
            />
            <button type="submit">Generate draft</button>
          </form>
        </section>
        {shown.length === 0 && (
          <p>No penalty report has been generated yet. The monthly schedule drafts the previous month on the 1st.</p>
        )}
        {shown.map((r) => (
          <section class="report" aria-labelledby={`m-${r.month}`}>
            <h2 id={`m-${r.month}`}>
              {r.month} <span class={`badge report-${r.state}`}>{r.state}</span>
            </h2>
            <p>
              {r.lineCount} line(s); generated {instantText(r.generatedAt)}
              {r.finalizedAt ? `, finalized ${instantText(r.finalizedAt)}` : ''}.{' '}
              <a href={csvHref(r.month)} download>{`Download ${r.month} CSV (all partners)`}</a>
            </p>
            {r.state === 'draft' && (
              <ActionForm action="/finance/finalize" label={`Finalize ${r.month}`} hidden={{ month: r.month }} />
            )}
            {r.totals.length === 0 ? (
              <p>No penalties this month.</p>
            ) : (
              <table>
                <caption class="visually-hidden">{`Totals for ${r.month} per partner and currency`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Partner</th>
                    <th scope="col">Currency</th>
                    <th scope="col">Lines</th>
                    <th scope="col">Before caps</th>
                    <th scope="col">After caps</th>
                    <th scope="col">CSV</th>
                  </tr>
                </thead>
                <tbody>
                  {r.totals.map((t) => (
                    <tr>
                      <td>{names.get(t.partnerId) ?? t.partnerId}</td>
                      <td>{t.currency}</td>
                      <td>{t.lines}</td>
                      <td class="num">{formatMoney(t.amountBeforeCapsMinor, t.currency)}</td>
                      <td class="num">{formatMoney(t.amountAfterCapsMinor, t.currency)}</td>
                      <td>
                        <a
                          href={csvHref(r.month, t.partnerId)}
                          download
                        >{`CSV for ${names.get(t.partnerId) ?? t.partnerId}`}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))}
        <Pager
          label="Months"
          first={page > 1 ? hrefWith('/finance', query, { page: undefined }) : undefined}
          next={
            reports.length > page * MONTHS_PER_PAGE
              ? hrefWith('/finance', query, { page: String(page + 1) })
              : undefined
          }
        />
      </Layout>,
    );
  });

  web.get('/finance/:file{[0-9]{4}-[0-9]{2}\\.csv}', guard('finance'), async (c) => {
    const month = c.req.param('file').slice(0, 7);
    const db = c.get('deps').db;
    if (!isMonth(month) || !(await getPenaltyReport(db, month))) return notFound(c, `penalty report for ${month}`);
    return await penaltyCsvResponse(db, month, c.req.query('partnerId') || undefined, c.req.header('accept-encoding'));
  });
}
