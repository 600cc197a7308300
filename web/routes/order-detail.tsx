import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { viewerOf } from '../../api/auth.js';
import { orderingFor } from '../../api/carriers.js';
import type { AppEnv } from '../../api/context.js';
import { carrierRequestsOf } from '../../db/repositories/carrier-requests.js';
import { factsForEntity } from '../../db/repositories/sla-facts.js';
import { orderTimeline } from '../../db/repositories/orders.js';
import { getPartner } from '../../db/repositories/partners.js';
import { listTickets } from '../../db/repositories/tickets.js';
import type { SiteAddress } from '../../openapi/orders.js';
import { isFinalOrderState } from '../../sla-rules/order-states.js';
import { orderCharges } from '../../tails/orders/charges.js';
import { visibleOrder } from '../../tails/orders/desk-actions.js';
import { orderSlaView } from '../../tails/sla/view.js';
import { ActionForm, deskRoles } from '../components/action-forms.js';
import { AmendOrderForm, CarrierRequests, TextRequestForm } from '../components/carrier-request-views.js';
import { SellerCharges } from '../components/charge-views.js';
import { EntityHistory } from '../components/entity-history.js';
import { RaiseTicketForm } from '../components/raise-ticket-form.js';
import { ChangeTailForm } from '../components/change-tail-form.js';
import { EntityEscalations } from '../components/escalations.js';
import { escalationOutbox } from '../../tails/notify/outbox.js';
import { instantText, moneyText } from '../format.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { waivingFor } from '../waiving.js';
import { guard, notFound } from './guard.js';

/** How long the order page waits for a Sonata carrier's charges. */
const PAGE_CARRIER_TIMEOUT_MS = 3_000;

const siteText = (s: SiteAddress) => [s.line1, s.city, s.postcode, s.countryCode].filter(Boolean).join(', ');

/** One order: its TMF state and details, each OLA clock on a time line, jeopardy and breach facts, and its events. */
export function registerOrderDetail(web: Hono<AppEnv>): void {
  web.get('/orders/:id', guard('orders'), async (c) => {
    const { db, now } = c.get('deps');
    const id = c.req.param('id');
    const order = await visibleOrder(db, viewerOf(c.get('caller')), id);
    if (!order) return notFound(c, 'such order');
    const at = now();
    const facts = await factsForEntity(db, 'order', id);
    const tickets = await listTickets(db, { orderId: id, limit: 20 });
    const partner = await getPartner(db, order.partnerId);
    // Notes and answers reach a carrier through its API only (a carrier that pulls its orders reads no notes).
    const speaksApi = partner?.adapter.orderingApi !== 'none';
    return render(
      c,
      <Layout title={`Order ${order.deskReference}`} caller={c.get('caller')} current="orders">
        <dl class="facts summary">
          <dt>TMF state</dt>
          <dd>
            <span class={`badge state-${order.state}`}>{order.state}</span>
          </dd>
          <dt>Submission</dt>
          <dd>
            {order.submission}
            {order.failureReason ? ` — ${order.failureReason}` : ''}
          </dd>
          <dt>Order id</dt>
          <dd>{order.id}</dd>
          <dt>Partner</dt>
          <dd>{partner?.name ?? order.partnerId}</dd>
          <dt>Partner's order id</dt>
          <dd>{order.partnerOrderId ?? '—'}</dd>
          <dt>Carrier's circuit reference</dt>
          <dd>{order.carrierCircuitRef ?? '—'}</dd>
          {order.changesOrderId && (
            <>
              <dt>{order.action === 'delete' ? 'Cease of' : 'Change of'}</dt>
              <dd>
                <a href={`/orders/${encodeURIComponent(order.changesOrderId)}`}>{order.changesOrderId}</a>
              </dd>
            </>
          )}
          <dt>Product</dt>
          <dd>
            {order.productCode}, {order.bandwidthMbps} Mb/s
          </dd>
          <dt>Site</dt>
          <dd>{siteText(order.site)}</dd>
          <dt>Charges</dt>
          <dd>
            install {moneyText(order.installChargeMinor, order.currency)}, monthly{' '}
            {moneyText(order.monthlyChargeMinor, order.currency)}
          </dd>
          <dt>Placed</dt>
          <dd>{instantText(order.createdAt)}</dd>
          <dt>Requested completion</dt>
          <dd>{order.requestedCompletionDate}</dd>
          <dt>Committed</dt>
          <dd>{order.committedDate ?? '—'}</dd>
          <dt>Completed</dt>
          <dd>{instantText(order.completedAt)}</dd>
        </dl>
        {deskRoles.includes(c.get('caller').role) && !isFinalOrderState(order.state) && (
          <section aria-labelledby="actions-heading">
            <h2 id="actions-heading">Actions</h2>
            {order.submission === 'manual' && (
              <ActionForm action={`/orders/${encodeURIComponent(id)}/retry`} label="Retry submission" />
            )}
            <ActionForm
              action={`/orders/${encodeURIComponent(id)}/cancel`}
              label="Cancel order"
              reason="Reason to cancel"
            />
            <AmendOrderForm order={order} />
            {speaksApi && (order.state === 'pending' || order.state === 'held') && (
              <TextRequestForm
                action={`/orders/${encodeURIComponent(id)}/answer`}
                label="Answer the carrier"
                field="Answer (the carrier is waiting on us)"
                id="answer-text"
              />
            )}
            {speaksApi && (
              <TextRequestForm
                action={`/orders/${encodeURIComponent(id)}/note`}
                label="Send note"
                field="Note to the carrier"
                id="note-text"
              />
            )}
          </section>
        )}
        {deskRoles.includes(c.get('caller').role) &&
          partner?.adapter.orderingApi === 'sonata-v10' &&
          !isFinalOrderState(order.state) && (
            <SellerCharges
              orderId={id}
              charges={await orderCharges(
                // Read from the carrier while the page waits: a carrier slower than this is reported, not waited on.
                { db, ordering: orderingFor(c.get('deps'), PAGE_CARRIER_TIMEOUT_MS) },
                viewerOf(c.get('caller')),
                id,
              )}
            />
          )}
        <CarrierRequests requests={await carrierRequestsOf(db, id)} />
        {deskRoles.includes(c.get('caller').role) && order.state === 'completed' && (
          <section aria-labelledby="fault-heading">
            <h2 id="fault-heading">A fault on this tail</h2>
            <RaiseTicketForm orderId={id} idempotencyKey={randomUUID()} />
          </section>
        )}
        {deskRoles.includes(c.get('caller').role) && order.state === 'completed' && order.action === 'add' && (
          <section aria-labelledby="change-heading">
            <h2 id="change-heading">Change or cease</h2>
            <ChangeTailForm orderId={id} bandwidthMbps={order.bandwidthMbps} idempotencyKey={randomUUID()} />
          </section>
        )}
        {tickets.length > 0 && (
          <section aria-labelledby="tickets-heading">
            <h2 id="tickets-heading">Trouble tickets</h2>
            <ul>
              {tickets.map((t) => (
                <li>
                  <a href={`/tickets/${encodeURIComponent(t.id)}`}>{t.deskReference}</a> — {t.status}, P{t.priority}
                </li>
              ))}
            </ul>
          </section>
        )}
        <EntityEscalations entries={await escalationOutbox(db, { entityId: id, limit: 100 })} />
        <EntityHistory
          view={await orderSlaView(db, id, at)}
          facts={facts}
          waiving={await waivingFor(db, c.get('caller'), facts, `/orders/${encodeURIComponent(id)}`)}
          events={await orderTimeline(db, id)}
          now={at.getTime()}
        />
      </Layout>,
    );
  });
}
