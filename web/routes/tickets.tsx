import type { Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { partnerNames } from '../../db/repositories/partners.js';
import { listTickets } from '../../db/repositories/tickets.js';
import { isTicketStatus, ticketStatuses } from '../../sla-rules/ticket-states.js';
import { partnerScope } from '../access.js';
import { ListFilters } from '../components/list-filters.js';
import { keysetPage, Pager, parseCursor } from '../components/pager.js';
import { instantText } from '../format.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { guard } from './guard.js';
import { partnerChoices } from './orders.js';

const PAGE = 50;

/** Trouble tickets, newest first, a page at a time, searchable by reference, partner and status. */
export function registerTicketList(web: Hono<AppEnv>): void {
  web.get('/tickets', guard('tickets'), async (c) => {
    const { db } = c.get('deps');
    const query = c.req.query();
    const status = isTicketStatus(query.state) ? query.state : undefined;
    const rows = await listTickets(db, {
      status,
      partnerId: partnerScope(c.get('caller'), query.partner),
      reference: query.q?.trim() || undefined,
      after: parseCursor(query.after),
      limit: PAGE + 1,
    });
    const { shown, first, next } = keysetPage(rows, PAGE, '/tickets', query);
    const names = await partnerNames(db, [...new Set(shown.map((t) => t.partnerId))]);
    return render(
      c,
      <Layout title="Trouble tickets" caller={c.get('caller')} current="tickets">
        <ListFilters
          action="/tickets"
          query={query}
          states={ticketStatuses}
          stateLabel="TMF status"
          partners={await partnerChoices(db, c.get('caller'))}
        />
        {shown.length === 0 ? (
          <p>No tickets match.</p>
        ) : (
          <table>
            <caption class="visually-hidden">Trouble tickets, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Order</th>
                <th scope="col">Partner</th>
                <th scope="col">Priority</th>
                <th scope="col">Status</th>
                <th scope="col">Raised</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((t) => (
                <tr>
                  <td>
                    <a href={`/tickets/${encodeURIComponent(t.id)}`}>{t.deskReference}</a>{' '}
                    <span class="muted">{t.id}</span>
                  </td>
                  <td>
                    <a href={`/orders/${encodeURIComponent(t.orderId)}`}>{t.orderId}</a>
                  </td>
                  <td>{names.get(t.partnerId) ?? t.partnerId}</td>
                  <td>
                    P{t.priority} <span class="muted">{t.severity}</span>
                  </td>
                  <td>
                    <span class={`badge state-${t.status}`}>{t.status}</span>
                  </td>
                  <td>
                    <time datetime={t.createdAt}>{instantText(t.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager label="Tickets" first={first} next={next} />
      </Layout>,
    );
  });
}
