import { createRoute } from '@hono/zod-openapi';
import { deleteTicket, insertTicketWithEvent, ticketTimeline } from '../../../db/repositories/tickets.js';
import { TicketCreateSchema, TicketDetailSchema } from '../../../openapi/tickets.js';
import { buildTicket } from '../../../partners/tickets/create-ticket.js';
import type { App } from '../../app.js';
import { access, canSeePartner } from '../../auth.js';
import { ApiError, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { idempotent } from '../../idempotency.js';
import { presentTicketDetail } from './present.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/tickets',
  tags: ['Tickets'],
  summary: 'Raise a trouble ticket (a fault) on a delivered tail with its carrier (TMF621)',
  description:
    'Requires an `Idempotency-Key` header: the same key and body replays the first response, the same key with a ' +
    'different body is 422, and a duplicate sent while the first is in flight is 409. The order must be completed. ' +
    'A durable workflow raises the ticket with the carrier (or leaves it for a carrier without an API to pull) and ' +
    'runs its restoration clocks; follow it with GET /api/v1/tickets/{id}.',
  ...access('admin', 'desk'),
  request: { body: { required: true, content: { 'application/json': { schema: TicketCreateSchema } } } },
  responses: {
    201: { description: 'Raised', content: { 'application/json': { schema: TicketDetailSchema } } },
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerCreateTicket = (app: App) =>
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const { db, now, workflows, log } = c.get('deps');
    const caller = c.get('caller');
    return idempotent(c, input, async () => {
      const built = buildTicket(
        db,
        input,
        { keyId: caller.keyId, canSee: (partnerId) => canSeePartner(caller, partnerId) },
        now(),
      );
      if (!built.ok)
        throw new ApiError(
          'validation_failed',
          built.problems.map((p) => `${p.path}: ${p.message}`).join('; '),
          built.problems,
        );
      const row = insertTicketWithEvent(db, built.ticket, built.event);
      try {
        await workflows.startTicket(row.id);
      } catch (err) {
        deleteTicket(db, row.id);
        log.error({ err, ticketId: row.id }, 'could not start the trouble ticket workflow; ticket withdrawn');
        throw new ApiError(
          'unavailable',
          'The workflow engine is unavailable; no ticket was raised. Retry with the same Idempotency-Key.',
        );
      }
      return { status: 201, body: presentTicketDetail(row, ticketTimeline(db, row.id)) };
    }) as never;
  });
