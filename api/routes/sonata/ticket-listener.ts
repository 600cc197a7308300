import { createRoute, z } from '@hono/zod-openapi';
import { SonataTicketEventSchema, sonataTicketListenerEvents } from '../../../openapi/sonata.js';
import { SONATA_TICKET_LISTENER_ROOT } from '../../../partners/adapters/sonata/ticketing-client.js';
import { receiveSonataTicketNotification } from '../../../tails/tickets/sonata-notifications.js';
import type { App } from '../../app.js';
import { ticketingFor } from '../../carriers.js';
import { access } from '../../auth.js';
import { ApiError, bodyResponses, errorResponses, notFoundResponse } from '../../errors.js';
import { carrierUpdateError } from '../carrier-update.js';

const route = createRoute({
  method: 'post',
  path: `${SONATA_TICKET_LISTENER_ROOT}/listener/{eventType}`,
  tags: ['MEF LSO Sonata listener'],
  summary: 'Carrier notifications about our trouble tickets (MEF LSO Sonata Trouble Ticket Notification v4)',
  description:
    "Partner keys only. A Sonata notification is thin: Tailgate reads the ticket back from the calling partner's " +
    'Sonata API and takes its current status, storing the event once by eventId (a duplicate is acknowledged, not ' +
    "applied again). A ticket that is not the partner's answers 404; a carrier that cannot be read back answers 503 " +
    '(send the notification again).',
  ...access('partner'),
  request: {
    params: z.object({
      eventType: z.enum(sonataTicketListenerEvents).openapi({ param: { name: 'eventType', in: 'path' } }),
    }),
    body: { required: true, content: { 'application/json': { schema: SonataTicketEventSchema } } },
  },
  responses: {
    204: { description: 'Notified' },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
  },
});

export const registerSonataTicketListener = (app: App) =>
  app.openapi(route, async (c) => {
    const { eventType } = c.req.valid('param');
    const event = c.req.valid('json');
    const deps = c.get('deps');
    const received = await receiveSonataTicketNotification(
      { ...deps, ticketing: ticketingFor(deps) },
      c.get('caller').partnerId ?? '',
      {
        eventId: event.eventId,
        eventTime: event.eventTime,
        eventType,
        carrierTicketId: event.event.id,
        payload: event,
      },
    );
    if (!received.ok && received.reason === 'carrierUnavailable') throw new ApiError('unavailable', received.message);
    if (!received.ok) throw carrierUpdateError(deps, received);
    return c.body(null, 204);
  });
