import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { TicketSchema } from '../../../openapi/tickets.js';
import { retryTicketSubmission } from '../../../tails/tickets/desk-actions.js';
import type { App } from '../../app.js';
import { access, viewerOf } from '../../auth.js';
import { conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { deskActionError } from '../desk-outcome.js';
import { presentTicket } from './present.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/tickets/{id}/retry-submission',
  tags: ['Tickets'],
  summary: 'After a carrier was unreachable (a desk task is open), try raising the ticket with it again',
  ...access('admin', 'desk'),
  request: { params: IdParam('Ticket', 'tkt_Q3v9LmR2xA0b') },
  responses: {
    202: { description: 'Retry requested', content: { 'application/json': { schema: TicketSchema } } },
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerRetryTicketSubmission = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const retried = await retryTicketSubmission(c.get('deps'), viewerOf(c.get('caller')), { ticketId: id });
    if (!retried.ok) throw deskActionError(retried, `No ticket ${id}`);
    return c.json(presentTicket(retried.ticket), 202);
  });
