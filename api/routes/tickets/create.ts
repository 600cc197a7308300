import { createRoute } from '@hono/zod-openapi';
import { IdempotencyKeyHeader } from '../../../openapi/common.js';
import { TicketCreateSchema, TicketDetailSchema } from '../../../openapi/tickets.js';
import type { App } from '../../app.js';
import { access, viewerOf } from '../../auth.js';
import { bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { idempotent } from '../../idempotency.js';
import { ticketRaising } from './raising.js';
import { linksById } from '../../links.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/tickets',
  tags: ['Tickets'],
  summary: 'Raise a trouble ticket (a fault) on a delivered tail with its carrier (TMF621)',
  description:
    'Requires an `Idempotency-Key` header: the same key and body replays the first response, the same key with a ' +
    'different body is 422, and a duplicate sent while the first is in flight is 409 (with Retry-After; a request ' +
    'whose process died is taken over once its 15 s lease has run out). The ticket is accepted once stored: if the ' +
    'workflow engine cannot be reached then, the reconciler starts its workflow later. The order must be completed. ' +
    'A durable workflow raises the ticket with the carrier (or leaves it for a carrier without an API to pull) and ' +
    'runs its restoration clocks; follow it with GET /api/v1/tickets/{id}.',
  ...access('admin', 'desk'),
  request: {
    headers: IdempotencyKeyHeader,
    body: { required: true, content: { 'application/json': { schema: TicketCreateSchema } } },
  },
  responses: {
    201: {
      description: 'Raised',
      content: { 'application/json': { schema: TicketDetailSchema } },
      links: linksById({
        GetTicket: ['get', '/api/v1/tickets/{id}'],
        GetTicketSla: ['get', '/api/v1/tickets/{id}/sla'],
        CloseTicket: ['post', '/api/v1/tickets/{id}/close'],
        CancelTicket: ['post', '/api/v1/tickets/{id}/cancel'],
        RetryTicketSubmission: ['post', '/api/v1/tickets/{id}/retry-submission'],
      }),
    },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerCreateTicket = (app: App) =>
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const deps = c.get('deps');
    // The answer is the stored JSON text (replayed byte for byte), not a typed c.json() response: hence `as never`.
    return idempotent(c, input, ticketRaising(deps, viewerOf(c.get('caller')), input)) as never;
  });
