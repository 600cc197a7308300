import { createRoute } from '@hono/zod-openapi';
import { ticketTimeline } from '../../../db/repositories/tickets.js';
import { IdParam } from '../../../openapi/common.js';
import { TicketDetailSchema } from '../../../openapi/tickets.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses, notFoundResponse } from '../../errors.js';
import { presentTicketDetail, ticketOr404 } from './present.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/tickets/{id}',
  tags: ['Tickets'],
  summary: 'A trouble ticket: status, carrier ticket id, dates, and its timeline of events',
  ...access('admin', 'desk', 'finance', 'partner'),
  request: { params: IdParam('Ticket', 'tkt_Q3v9LmR2xA0b') },
  responses: {
    200: { description: 'The ticket', content: { 'application/json': { schema: TicketDetailSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerGetTicket = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.get('deps').db;
    const row = await ticketOr404(db, c.get('caller'), id);
    return c.json(presentTicketDetail(row, await ticketTimeline(db, id)), 200);
  });
