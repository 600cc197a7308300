import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { TicketCancelSchema, TicketDetailSchema } from '../../../openapi/tickets.js';
import { ticketTimeline } from '../../../db/repositories/tickets.js';
import { cancelTicket } from '../../../tails/tickets/desk-actions.js';
import type { App } from '../../app.js';
import { access, viewerOf } from '../../auth.js';
import { bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { deskActionError } from '../desk-outcome.js';
import { presentTicketDetail } from './present.js';

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
    ...bodyResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerCancelTicket = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const cancelled = await cancelTicket(deps, viewerOf(c.get('caller')), { ticketId: id, ...c.req.valid('json') });
    if (!cancelled.ok) throw deskActionError(cancelled, `No ticket ${id}`);
    return c.json(presentTicketDetail(cancelled.ticket, await ticketTimeline(deps.db, id)), 202);
  });
