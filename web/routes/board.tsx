import type { Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { getOrder } from '../../db/repositories/orders.js';
import { partnerNames } from '../../db/repositories/partners.js';
import { breachesOnOpenEntities } from '../../db/repositories/sla-facts.js';
import { getTicket } from '../../db/repositories/tickets.js';
import { orderSlaContext, ticketSlaContext } from '../../tails/sla/context.js';
import { jeopardyBoard } from '../../tails/sla/jeopardy.js';
import { finalOrderStates } from '../../sla-rules/order-states.js';
import { finalTicketStatuses } from '../../sla-rules/ticket-states.js';
import { partnerScope } from '../access.js';
import { Countdown } from '../components/countdown.js';
import { hrefWith, Pager, pageNumber } from '../components/pager.js';
import { instantText } from '../format.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { guard } from './guard.js';

const PAGE = 25;
const MAX_PAGES = 20;

type Entity = { entityType: 'order' | 'ticket'; entityId: string; partnerId: string };

const referenceOf = async (db: AppEnv['Variables']['deps']['db'], e: Entity) =>
  (e.entityType === 'order'
    ? (await getOrder(db, e.entityId))?.deskReference
    : (await getTicket(db, e.entityId))?.deskReference) ?? e.entityId;

const EntityLink = ({ e, reference }: { e: Entity; reference: string }) => (
  <a href={`/${e.entityType}s/${encodeURIComponent(e.entityId)}`}>
    {reference} <span class="muted">({e.entityType})</span>
  </a>
);

/**
 * The jeopardy board: open orders and tickets whose clocks are at risk, soonest breach first, and those already
 * breached but still open. Countdowns tick in the browser; the board reloads itself every 30 seconds.
 */
export function registerBoard(web: Hono<AppEnv>): void {
  web.get('/', guard('board'), async (c) => {
    const { db, now } = c.get('deps');
    const at = now();
    const query = c.req.query();
    const partnerId = partnerScope(c.get('caller'));
    const page = pageNumber(query.page, MAX_PAGES);
    const breachPage = pageNumber(query.breached, MAX_PAGES);
    const byRisk = query.sort === 'risk';
    const atRisk = (
      await jeopardyBoard(db, {
        sort: byRisk ? 'risk' : 'timeToBreach',
        now: at,
        partnerId,
        limit: page * PAGE + 1,
        contextOf: async (type, id) =>
          type === 'order' ? await orderSlaContext(db, id) : await ticketSlaContext(db, id),
      })
    ).slice((page - 1) * PAGE);
    const breached = await breachesOnOpenEntities(db, {
      partnerId,
      finalOrderStates: [...finalOrderStates],
      finalTicketStatuses: [...finalTicketStatuses],
      limit: PAGE + 1,
      offset: (breachPage - 1) * PAGE,
    });
    const riskRows = atRisk.slice(0, PAGE);
    const breachRows = breached.slice(0, PAGE);
    const names = await partnerNames(db, [...new Set([...riskRows, ...breachRows].map((r) => r.partnerId))]);
    const references = new Map<string, string>();
    for (const e of [...riskRows, ...breachRows]) references.set(e.entityId, await referenceOf(db, e));
    const link = (changes: Record<string, string | undefined>) => hrefWith('/', query, changes);
    const nowMs = at.getTime();
    return render(
      c,
      <Layout title="Jeopardy board" caller={c.get('caller')} current="board">
        <div id="board" data-refresh-seconds="30">
          <p class="muted" aria-live="polite">
            As of {instantText(at.toISOString())}; refreshes every 30 seconds.
          </p>
          <section aria-labelledby="risk-heading">
            <h2 id="risk-heading">At risk, {byRisk ? 'least likely on time first' : 'soonest breach first'}</h2>
            <p>
              Sort by:{' '}
              {byRisk ? (
                <a href={link({ sort: undefined, page: undefined })}>time to breach</a>
              ) : (
                <strong>time to breach</strong>
              )}
              {' · '}
              {byRisk ? (
                <strong>risk</strong>
              ) : (
                <a href={link({ sort: 'risk', page: undefined })}>risk (chance of delivery on time)</a>
              )}
            </p>
            {riskRows.length === 0 ? (
              <p>Nothing is at risk.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Time to breach</th>
                    <th scope="col">Order or ticket</th>
                    <th scope="col">Partner</th>
                    <th scope="col">Clock at risk</th>
                    <th scope="col">Due</th>
                    <th scope="col">Jeopardy</th>
                    <th scope="col">On time</th>
                  </tr>
                </thead>
                <tbody>
                  {riskRows.map((r) => (
                    <tr>
                      <td>
                        <Countdown dueAt={r.clock.dueAt!} now={nowMs} />
                      </td>
                      <td>
                        <EntityLink e={r} reference={references.get(r.entityId) ?? r.entityId} />
                      </td>
                      <td>{names.get(r.partnerId) ?? r.partnerId}</td>
                      <td>
                        {r.clock.olaId}{' '}
                        <span class="muted">
                          ({r.clock.metric}, {r.clock.state})
                        </span>
                      </td>
                      <td>
                        <time datetime={r.clock.dueAt!}>{instantText(r.clock.dueAt)}</time>
                      </td>
                      <td>
                        {[
                          ...r.thresholdsReached.map((t) => `${t}%`),
                          r.carrierDeclared ? 'declared by the carrier' : '',
                          r.predicted ? 'predicted late' : '',
                        ]
                          .filter(Boolean)
                          .join(', ')}
                      </td>
                      <td>
                        {r.onTimeProbability === null ? (
                          <span class="muted">unknown</span>
                        ) : (
                          `${Math.round(r.onTimeProbability * 100)}%`
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <Pager
              label="At risk"
              first={page > 1 ? link({ page: undefined }) : undefined}
              next={atRisk.length > PAGE && page < MAX_PAGES ? link({ page: String(page + 1) }) : undefined}
            />
          </section>
          <section aria-labelledby="breach-heading">
            <h2 id="breach-heading">Breached and still open, newest breach first</h2>
            {breachRows.length === 0 ? (
              <p>No open order or ticket has breached.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Overdue</th>
                    <th scope="col">Order or ticket</th>
                    <th scope="col">Partner</th>
                    <th scope="col">Clock breached</th>
                    <th scope="col">Breached at</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {breachRows.map((f) => (
                    <tr class="breached">
                      <td>
                        <Countdown dueAt={f.dueAt ?? f.at} now={nowMs} />
                      </td>
                      <td>
                        <EntityLink e={f} reference={references.get(f.entityId) ?? f.entityId} />
                      </td>
                      <td>{names.get(f.partnerId) ?? f.partnerId}</td>
                      <td>
                        {f.olaId} <span class="muted">({f.metric})</span>
                      </td>
                      <td>
                        <time datetime={f.at}>{instantText(f.at)}</time>
                      </td>
                      <td class="explanation">{f.detail ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <Pager
              label="Breached"
              first={breachPage > 1 ? link({ breached: undefined }) : undefined}
              next={
                breached.length > PAGE && breachPage < MAX_PAGES
                  ? link({ breached: String(breachPage + 1) })
                  : undefined
              }
            />
          </section>
        </div>
      </Layout>,
    );
  });
}
