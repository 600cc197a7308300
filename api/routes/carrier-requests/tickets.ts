import { createRoute } from '@hono/zod-openapi';
import { carrierRequestsOf } from '../../../db/repositories/carrier-requests.js';
import {
  CarrierNoteSchema,
  CarrierRequestListSchema,
  CarrierRequestSchema,
  TicketReopenSchema,
} from '../../../openapi/carrier-requests.js';
import { IdParam } from '../../../openapi/common.js';
import { answerTicket, noteTicket, reopenTicket } from '../../../tails/tickets/carrier-requests.js';
import { visibleTicket } from '../../../tails/tickets/desk-actions.js';
import type { App } from '../../app.js';
import { access, viewerOf } from '../../auth.js';
import { ApiError, bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { requestOrProblem } from './outcome.js';

const params = IdParam('Ticket', 'tkt_Pq4mZ8c1xV0a');
const accepted = {
  202: {
    description: 'Stored; the ticket workflow sends it to the carrier and records its answer on the request',
    content: { 'application/json': { schema: CarrierRequestSchema } },
  },
  ...errorResponses,
  ...bodyResponses,
  ...notFoundResponse,
  ...conflictResponse,
};
const textBody = { required: true, content: { 'application/json': { schema: CarrierNoteSchema } } };

const routes = {
  reopen: createRoute({
    method: 'post',
    path: '/api/v1/tickets/{id}/reopen',
    tags: ['Tickets'],
    summary: 'Reopen a resolved fault that is not fixed, within the policy window (`ticketReopenWindow`, default 72 h)',
    description:
      'The carrier gets the ticket back in progress (TMF621 PATCH status inProgress); restoration clocks with a ' +
      '`reopen` condition go on from where they stopped. Not resolved, or past the window: 409.',
    ...access('admin', 'desk'),
    request: { params, body: { required: true, content: { 'application/json': { schema: TicketReopenSchema } } } },
    responses: accepted,
  }),
  answer: createRoute({
    method: 'post',
    path: '/api/v1/tickets/{id}/answers',
    tags: ['Tickets'],
    summary: 'Answer a carrier waiting on us (ticket pending): the note goes with the ticket back to inProgress',
    ...access('admin', 'desk'),
    request: { params, body: textBody },
    responses: accepted,
  }),
  note: createRoute({
    method: 'post',
    path: '/api/v1/tickets/{id}/notes',
    tags: ['Tickets'],
    summary: "Add a note to the carrier's ticket",
    ...access('admin', 'desk'),
    request: { params, body: textBody },
    responses: accepted,
  }),
};

const list = createRoute({
  method: 'get',
  path: '/api/v1/tickets/{id}/requests',
  tags: ['Tickets'],
  summary: "The desk's requests to the carrier about the ticket, oldest first, each with the carrier's answer",
  ...access('admin', 'desk', 'finance', 'partner'),
  request: { params },
  responses: {
    200: { description: 'The requests', content: { 'application/json': { schema: CarrierRequestListSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerTicketRequests = (app: App) => {
  app.openapi(routes.reopen, async (c) => {
    const { id } = c.req.valid('param');
    const caller = c.get('caller');
    const input = { ticketId: id, reason: c.req.valid('json').reason, by: caller.keyId };
    const outcome = await reopenTicket(c.get('deps'), viewerOf(caller), input);
    return c.json(requestOrProblem(outcome, `No ticket ${id}`), 202);
  });
  for (const [route, act] of [
    [routes.answer, answerTicket],
    [routes.note, noteTicket],
  ] as const) {
    app.openapi(route, async (c) => {
      const { id } = c.req.valid('param');
      const caller = c.get('caller');
      const input = { ticketId: id, text: c.req.valid('json').text, by: caller.keyId };
      return c.json(requestOrProblem(await act(c.get('deps'), viewerOf(caller), input), `No ticket ${id}`), 202);
    });
  }
  app.openapi(list, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    if (!(await visibleTicket(deps.db, viewerOf(c.get('caller')), id)))
      throw new ApiError('not_found', `No ticket ${id}`);
    return c.json({ items: await carrierRequestsOf(deps.db, id) }, 200);
  });
};
