import { createRoute, z } from '@hono/zod-openapi';
import { ticketListenerEvents, TmfTicketEventSchema } from '../../../openapi/tmf621.js';
import { updateFromTroubleTicket } from '../../../partners/tickets/tmf621-event.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses, notFoundResponse } from '../../errors.js';
import { carrierTicket } from './find-ticket.js';
import { receiveTicketUpdate } from './receive.js';

const route = createRoute({
  method: 'post',
  path: '/tmf-api/troubleTicket/{version}/listener/{eventType}',
  tags: ['TMF621 listener'],
  summary: 'Carrier notifications about our trouble tickets (TMF621 v4 and v5 events)',
  description:
    'Partner keys only. Each event is stored once by eventId: a duplicate is acknowledged and not applied again. ' +
    'An invalid status transition is recorded and refused, never applied. v4 answers 201, v5 answers 204.',
  ...access('partner'),
  request: {
    params: z.object({
      version: z.enum(['v4', 'v5']).openapi({ param: { name: 'version', in: 'path' } }),
      eventType: z.enum(ticketListenerEvents).openapi({ param: { name: 'eventType', in: 'path' } }),
    }),
    body: { required: true, content: { 'application/json': { schema: TmfTicketEventSchema } } },
  },
  responses: {
    201: {
      description: 'Notified (v4)',
      content: { 'application/json': { schema: z.object({ id: z.string(), callback: z.string() }) } },
    },
    204: { description: 'Notified (v5)' },
    ...errorResponses,
    ...notFoundResponse,
    503: errorResponses[500],
  },
});

export const registerTmf621Listener = (app: App) =>
  app.openapi(route, async (c) => {
    const { version, eventType } = c.req.valid('param');
    const event = c.req.valid('json');
    const deps = c.get('deps');
    const ticket = carrierTicket(deps, c.get('caller'), event.event.troubleTicket);
    const occurredAt = event.eventTime ? new Date(event.eventTime).toISOString() : deps.now().toISOString();
    await receiveTicketUpdate(deps, {
      ticket,
      source: 'listener',
      type: eventType,
      externalEventId: event.eventId,
      update: updateFromTroubleTicket(event.event.troubleTicket, occurredAt),
      payload: event,
    });
    if (version === 'v5') return c.body(null, 204);
    return c.json({ id: event.eventId, callback: c.req.path }, 201);
  });
