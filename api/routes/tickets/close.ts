import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { TicketCloseSchema, TicketDetailSchema } from '../../../openapi/tickets.js';
import { ticketTimeline } from '../../../db/repositories/tickets.js';
import { closeTicket } from '../../../tails/tickets/desk-actions.js';
import type { App } from '../../app.js';
import { access, viewerOf } from '../../auth.js';
import { bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { deskActionError } from '../desk-outcome.js';
import { presentTicketDetail } from './present.js';

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
    ...bodyResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerCloseTicket = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const reason = c.req.valid('json')?.reason ?? 'Service restoration confirmed by the customer';
    const deps = c.get('deps');
    const closed = await closeTicket(deps, viewerOf(c.get('caller')), { ticketId: id, reason });
    if (!closed.ok) throw deskActionError(closed, `No ticket ${id}`);
    return c.json(presentTicketDetail(closed.ticket, await ticketTimeline(deps.db, id)), 202);
  });
