import { createRoute, z } from '@hono/zod-openapi';
import { ticketListenerEvents, TmfTicketEventSchema } from '../../../openapi/tmf621.js';
import { receiveCarrierTicketNotification } from '../../../tails/tickets/carrier-notifications.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { tmfBodyResponses, tmfErrorResponses, tmfNotFoundResponse } from '../../tmf-errors.js';
import { carrierUpdateError } from '../carrier-update.js';

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
    ...tmfErrorResponses,
    ...tmfBodyResponses,
    ...tmfNotFoundResponse,
    503: tmfErrorResponses[500],
  },
});

export const registerTmf621Listener = (app: App) =>
  app.openapi(route, async (c) => {
    const { version, eventType } = c.req.valid('param');
    const event = c.req.valid('json');
    const deps = c.get('deps');
    const received = await receiveCarrierTicketNotification(deps, c.get('caller').partnerId ?? '', {
      eventId: event.eventId,
      eventTime: event.eventTime,
      eventType,
      troubleTicket: event.event.troubleTicket,
      payload: event,
    });
    if (!received.ok) {
      throw carrierUpdateError(deps, received);
    }
    if (version === 'v5') return c.body(null, 204);
    return c.json({ id: event.eventId, callback: c.req.path }, 201);
  });
