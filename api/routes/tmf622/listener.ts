import { createRoute, z } from '@hono/zod-openapi';
import { TmfOrderEventSchema, v4ListenerEvents, v5ListenerEvents } from '../../../openapi/tmf622.js';
import { receiveCarrierOrderNotification } from '../../../tails/orders/carrier-notifications.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError } from '../../errors.js';
import { tmfBodyResponses, tmfErrorResponses, tmfNotFoundResponse } from '../../tmf-errors.js';
import { carrierUpdateError } from '../carrier-update.js';

const route = createRoute({
  method: 'post',
  path: '/tmf-api/productOrderingManagement/{version}/listener/{eventType}',
  tags: ['TMF622 listener'],
  summary: 'Carrier notifications about our orders (TMF622 v4 and v5 events)',
  description:
    'Partner keys only. Each event is stored once by eventId: a duplicate is acknowledged and not applied again. ' +
    'An invalid state transition is recorded and refused, never applied. v4 answers 201, v5 answers 204. ' +
    'A v5 jeopardy alert, and a v5 milestone the carrier missed (status Violated, or Yet-To-Reach past its ' +
    'milestoneDate), is recorded as a carrierJeopardy fact and sent to webhook subscribers.',
  ...access('partner'),
  request: {
    params: z.object({
      version: z.enum(['v4', 'v5']).openapi({ param: { name: 'version', in: 'path' } }),
      eventType: z.enum(v5ListenerEvents).openapi({ param: { name: 'eventType', in: 'path' } }),
    }),
    body: { required: true, content: { 'application/json': { schema: TmfOrderEventSchema } } },
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

export const registerTmf622Listener = (app: App) =>
  app.openapi(route, async (c) => {
    const { version, eventType } = c.req.valid('param');
    if (version === 'v4' && !(v4ListenerEvents as readonly string[]).includes(eventType)) {
      throw new ApiError('not_found', `${eventType} is a TMF622 v5 event`);
    }
    const event = c.req.valid('json');
    const deps = c.get('deps');
    const received = await receiveCarrierOrderNotification(deps, c.get('caller').partnerId ?? '', {
      eventId: event.eventId,
      eventTime: event.eventTime,
      eventType,
      productOrder: event.event.productOrder,
      payload: event,
    });
    if (!received.ok) throw carrierUpdateError(deps, received);
    if (version === 'v5') return c.body(null, 204);
    return c.json({ id: event.eventId, callback: c.req.path }, 201);
  });
