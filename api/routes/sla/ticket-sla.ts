import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { SlaViewSchema } from '../../../openapi/sla.js';
import { ticketSlaView } from '../../../tails/sla/view.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses, notFoundResponse } from '../../errors.js';
import { ticketOr404 } from '../tickets/present.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/tickets/{id}/sla',
  tags: ['SLA'],
  summary:
    'Every OLA clock of a trouble ticket: elapsed, remaining and paused time, due and breach instants, policy version',
  ...access('admin', 'desk', 'finance', 'partner'),
  request: { params: IdParam('Ticket', 'tkt_Q3v9LmR2xA0b') },
  responses: {
    200: { description: "The ticket's clocks as of now", content: { 'application/json': { schema: SlaViewSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerTicketSla = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { db, now } = c.get('deps');
    await ticketOr404(db, c.get('caller'), id);
    return c.json(await ticketSlaView(db, id, now()), 200);
  });
