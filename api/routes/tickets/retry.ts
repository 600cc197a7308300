import { createRoute } from '@hono/zod-openapi';
import { getTicket } from '../../../db/repositories/tickets.js';
import { IdParam } from '../../../openapi/common.js';
import { TicketSchema } from '../../../openapi/tickets.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { presentTicket, visibleTicket } from './present.js';

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
    const ticket = visibleTicket(c.get('caller'), getTicket(c.get('deps').db, id), id);
    if (ticket.submission !== 'manual')
      throw new ApiError('conflict', `Submission is ${ticket.submission}, not waiting for the desk`);
    await c.get('deps').workflows.retryTicketSubmission(id);
    return c.json(presentTicket(ticket), 202);
  });
