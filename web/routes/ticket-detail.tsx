import type { Hono } from 'hono';
import { viewerOf } from '../../api/auth.js';
import type { AppEnv } from '../../api/context.js';
import { getPartner } from '../../db/repositories/partners.js';
import { factsForEntity } from '../../db/repositories/sla-facts.js';
import { ticketTimeline } from '../../db/repositories/tickets.js';
import { ticketSlaView } from '../../tails/sla/view.js';
import { visibleTicket } from '../../tails/tickets/desk-actions.js';
import { ActionForm, deskRoles } from '../components/action-forms.js';
import { CarrierRequests, TextRequestForm } from '../components/carrier-request-views.js';
import { carrierRequestsOf } from '../../db/repositories/carrier-requests.js';
import { EntityHistory } from '../components/entity-history.js';
import { canMoveTicket, isFinalTicketStatus } from '../../sla-rules/ticket-states.js';
import { EntityEscalations } from '../components/escalations.js';
import { escalationOutbox } from '../../tails/notify/outbox.js';
import { instantText } from '../format.js';
import { Layout } from '../layout.js';
import { render } from '../render.js';
import { waivingFor } from '../waiving.js';
import { guard, notFound } from './guard.js';

/** One trouble ticket: TMF621 status, its restoration clocks on time lines, facts and events. */
export function registerTicketDetail(web: Hono<AppEnv>): void {
  web.get('/tickets/:id', guard('tickets'), async (c) => {
    const { db, now } = c.get('deps');
    const id = c.req.param('id');
    const ticket = await visibleTicket(db, viewerOf(c.get('caller')), id);
    if (!ticket) return notFound(c, 'such ticket');
    const at = now();
    const facts = await factsForEntity(db, 'ticket', id);
    const partner = await getPartner(db, ticket.partnerId);
    // Notes and answers reach a carrier through its API only (a carrier that pulls its tickets reads no notes).
    const speaksApi = partner?.adapter.troubleTicketApi !== 'none';
    return render(
      c,
      <Layout title={`Ticket ${ticket.deskReference}`} caller={c.get('caller')} current="tickets">
        <dl class="facts summary">
          <dt>TMF status</dt>
          <dd>
            <span class={`badge state-${ticket.status}`}>{ticket.status}</span>
          </dd>
          <dt>Submission</dt>
          <dd>
            {ticket.submission}
            {ticket.failureReason ? ` — ${ticket.failureReason}` : ''}
          </dd>
          <dt>Ticket id</dt>
          <dd>{ticket.id}</dd>
          <dt>Order</dt>
          <dd>
            <a href={`/orders/${encodeURIComponent(ticket.orderId)}`}>{ticket.orderId}</a>
          </dd>
          <dt>Partner</dt>
          <dd>{partner?.name ?? ticket.partnerId}</dd>
          <dt>Partner's ticket id</dt>
          <dd>{ticket.partnerTicketId ?? '—'}</dd>
          <dt>Severity and priority</dt>
          <dd>
            {ticket.severity}, P{ticket.priority}, impact {ticket.impact}
          </dd>
          <dt>Description</dt>
          <dd>{ticket.description}</dd>
          <dt>Raised</dt>
          <dd>{instantText(ticket.createdAt)}</dd>
          <dt>Expected resolution</dt>
          <dd>{instantText(ticket.expectedResolutionAt)}</dd>
          <dt>Resolved</dt>
          <dd>{instantText(ticket.resolvedAt)}</dd>
        </dl>
        {deskRoles.includes(c.get('caller').role) && !isFinalTicketStatus(ticket.status) && (
          <section aria-labelledby="actions-heading">
            <h2 id="actions-heading">Actions</h2>
            {ticket.submission === 'manual' && (
              <ActionForm action={`/tickets/${encodeURIComponent(id)}/retry`} label="Retry submission" />
            )}
            {ticket.status === 'resolved' && (
              <ActionForm
                action={`/tickets/${encodeURIComponent(id)}/close`}
                label="Close ticket"
                reason="Confirmation note"
              />
            )}
            {canMoveTicket(ticket.status, 'cancelled') && (
              <ActionForm
                action={`/tickets/${encodeURIComponent(id)}/cancel`}
                label="Cancel ticket"
                reason="Reason to cancel"
              />
            )}
            {ticket.status === 'resolved' && (
              <TextRequestForm
                action={`/tickets/${encodeURIComponent(id)}/reopen`}
                label="Reopen ticket"
                field="Why it is not fixed"
                id="reopen-text"
              />
            )}
            {speaksApi && ticket.status === 'pending' && (
              <TextRequestForm
                action={`/tickets/${encodeURIComponent(id)}/answer`}
                label="Answer the carrier"
                field="Answer (the carrier is waiting on us)"
                id="answer-text"
              />
            )}
            {speaksApi && (
              <TextRequestForm
                action={`/tickets/${encodeURIComponent(id)}/note`}
                label="Send note"
                field="Note to the carrier"
                id="note-text"
              />
            )}
          </section>
        )}
        <CarrierRequests requests={await carrierRequestsOf(db, id)} />
        <EntityEscalations entries={await escalationOutbox(db, { entityId: id, limit: 100 })} />
        <EntityHistory
          view={await ticketSlaView(db, id, at)}
          facts={facts}
          waiving={await waivingFor(db, c.get('caller'), facts, `/tickets/${encodeURIComponent(id)}`)}
          events={await ticketTimeline(db, id)}
          now={at.getTime()}
        />
      </Layout>,
    );
  });
}
