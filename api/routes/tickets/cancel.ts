import { createRoute } from '@hono/zod-openapi';
import { newId } from '../../../db/ids.js';
import { appendTicketEvent, getTicket, ticketTimeline } from '../../../db/repositories/tickets.js';
import { IdParam } from '../../../openapi/common.js';
import { TicketCancelSchema, TicketDetailSchema } from '../../../openapi/tickets.js';
import { canMoveTicket, isFinalTicketStatus, type TicketStatus } from '../../../sla-rules/ticket-states.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { presentTicketDetail, visibleTicket } from './present.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/tickets/{id}/cancel',
  tags: ['Tickets'],
  summary: 'Withdraw the ticket (TMF621 PATCH status cancelled), e.g. when the fault was on the customer side',
  description:
    "Not for a resolved ticket (close it instead). Accepted (202): the ticket's workflow cancels it at the carrier.",
  ...access('admin', 'desk'),
  request: {
    params: IdParam('Ticket', 'tkt_Q3v9LmR2xA0b'),
    body: { required: true, content: { 'application/json': { schema: TicketCancelSchema } } },
  },
  responses: {
    202: { description: 'Cancellation requested', content: { 'application/json': { schema: TicketDetailSchema } } },
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerCancelTicket = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const { db, now, workflows } = c.get('deps');
    const ticket = visibleTicket(c.get('caller'), getTicket(db, id), id);
    const status = ticket.status as TicketStatus;
    if (isFinalTicketStatus(status) || !canMoveTicket(status, 'cancelled'))
      throw new ApiError('conflict', `A ${status} ticket cannot be cancelled`);
    await workflows.cancelTicket(id, reason);
    const at = now().toISOString();
    appendTicketEvent(db, {
      id: newId('evt'),
      ticketId: id,
      partnerId: ticket.partnerId,
      source: 'desk',
      externalEventId: null,
      type: 'cancellationRequested',
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
