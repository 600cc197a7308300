import { createRoute } from '@hono/zod-openapi';
import { orderTimeline } from '../../../db/repositories/orders.js';
import { IdParam } from '../../../openapi/common.js';
import { OrderCancelSchema, OrderDetailSchema } from '../../../openapi/orders.js';
import { cancelOrder } from '../../../tails/orders/desk-actions.js';
import type { App } from '../../app.js';
import { access, viewerOf } from '../../auth.js';
import { bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { deskActionError } from '../desk-outcome.js';
import { presentEvent, presentOrder } from './present.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/orders/{id}/cancel',
  tags: ['Orders'],
  summary: 'Ask the carrier to cancel the order (TMF622 cancelProductOrder)',
  description:
    'Accepted (202): the carrier answers through its events (assessingCancellation, pendingCancellation, cancelled).',
  ...access('admin', 'desk'),
  request: {
    params: IdParam('Order', 'ord_Yh2xVd0c9aQ1'),
    body: { required: true, content: { 'application/json': { schema: OrderCancelSchema } } },
  },
  responses: {
    202: { description: 'Cancellation requested', content: { 'application/json': { schema: OrderDetailSchema } } },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerCancelOrder = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const cancelled = await cancelOrder(deps, viewerOf(c.get('caller')), { orderId: id, ...c.req.valid('json') });
    if (!cancelled.ok) throw deskActionError(cancelled, `No order ${id}`);
    return c.json(
      { ...presentOrder(cancelled.order), timeline: (await orderTimeline(deps.db, id)).map(presentEvent) },
      202,
    );
  });
