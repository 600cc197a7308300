import { createRoute } from '@hono/zod-openapi';
import { newId } from '../../../db/ids.js';
import { appendTicketEvent, getTicket, ticketTimeline } from '../../../db/repositories/tickets.js';
import { IdParam } from '../../../openapi/common.js';
import { TicketCloseSchema, TicketDetailSchema } from '../../../openapi/tickets.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { presentTicketDetail, visibleTicket } from './present.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/tickets/{id}/close',
  tags: ['Tickets'],
  summary: "Confirm the carrier's resolution and close the ticket (TMF621 PATCH status closed)",
  description: "Only a resolved ticket can be closed. Accepted (202): the ticket's workflow closes it at the carrier.",
  ...access('admin', 'desk'),
  request: {
    params: IdParam('Ticket', 'tkt_Q3v9LmR2xA0b'),
    body: { required: false, content: { 'application/json': { schema: TicketCloseSchema } } },
  },
  responses: {
    202: { description: 'Closure requested', content: { 'application/json': { schema: TicketDetailSchema } } },
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerCloseTicket = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const reason = c.req.valid('json')?.reason ?? 'Service restoration confirmed by the customer';
    const { db, now, workflows } = c.get('deps');
    const ticket = visibleTicket(c.get('caller'), getTicket(db, id), id);
    if (ticket.status !== 'resolved')
      throw new ApiError('conflict', `Only a resolved ticket can be closed; this one is ${ticket.status}`);
    await workflows.closeTicket(id, reason);
    const at = now().toISOString();
    appendTicketEvent(db, {
      id: newId('evt'),
      ticketId: id,
      partnerId: ticket.partnerId,
      source: 'desk',
      externalEventId: null,
      type: 'closeRequested',
      fromState: ticket.status,
      toState: null,
      outcome: 'recorded',
      detail: reason,
      payload: null,
      occurredAt: at,
      receivedAt: at,
    });
    return c.json(presentTicketDetail(ticket, ticketTimeline(db, id)), 202);
  });
