import type { Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { listOrders } from '../../db/repositories/orders.js';
import { listPartners, partnerNames } from '../../db/repositories/partners.js';
import { isOrderState, orderStates } from '../../sla-rules/order-states.js';
import { partnerScope } from '../access.js';
import { ListFilters } from '../components/list-filters.js';
import { keysetPage, Pager, parseCursor } from '../components/pager.js';
import { instantText } from '../format.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { guard } from './guard.js';

const PAGE = 50;
/** The partner picker lists at most this many; more partners than that are found by reference or from a link. */
const PARTNER_CHOICES = 200;

/** [id, name] pairs for a list's partner picker; null for a partner key (it sees only its own). */
export const partnerChoices = async (db: AppEnv['Variables']['deps']['db'], caller: AppEnv['Variables']['caller']) =>
  caller.role === 'partner'
    ? null
    : (await listPartners(db, { limit: PARTNER_CHOICES })).map((p) => [p.id, p.name] as const);

/** Orders, newest first, a page at a time (keyset on created_at, id), searchable by reference, partner and state. */
export function registerOrderList(web: Hono<AppEnv>): void {
  web.get('/orders', guard('orders'), async (c) => {
    const { db } = c.get('deps');
    const query = c.req.query();
    const state = isOrderState(query.state) ? query.state : undefined;
    const rows = await listOrders(db, {
      state,
      partnerId: partnerScope(c.get('caller'), query.partner),
      reference: query.q?.trim() || undefined,
      after: parseCursor(query.after),
      limit: PAGE + 1,
    });
    const { shown, first, next } = keysetPage(rows, PAGE, '/orders', query);
    const names = await partnerNames(db, [...new Set(shown.map((o) => o.partnerId))]);
    return render(
      c,
      <Layout title="Orders" caller={c.get('caller')} current="orders">
        <ListFilters
          action="/orders"
          query={query}
          states={orderStates}
          stateLabel="TMF state"
          partners={await partnerChoices(db, c.get('caller'))}
        />
        {shown.length === 0 ? (
          <p>No orders match.</p>
        ) : (
          <table>
            <caption class="visually-hidden">Orders, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Partner</th>
                <th scope="col">Product</th>
                <th scope="col">State</th>
                <th scope="col">Submission</th>
                <th scope="col">Placed</th>
                <th scope="col">Requested by</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((o) => (
                <tr>
                  <td>
                    <a href={`/orders/${encodeURIComponent(o.id)}`}>{o.deskReference}</a>{' '}
                    <span class="muted">{o.id}</span>
                  </td>
                  <td>{names.get(o.partnerId) ?? o.partnerId}</td>
                  <td>
                    {o.productCode} <span class="muted">{o.bandwidthMbps} Mb/s</span>
                  </td>
                  <td>
                    <span class={`badge state-${o.state}`}>{o.state}</span>
                  </td>
                  <td>{o.submission}</td>
                  <td>
                    <time datetime={o.createdAt}>{instantText(o.createdAt)}</time>
                  </td>
                  <td>{o.requestedCompletionDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager label="Orders" first={first} next={next} />
      </Layout>,
    );
  });
}
