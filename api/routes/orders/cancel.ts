import { createRoute } from '@hono/zod-openapi';
import { newId } from '../../../db/ids.js';
import { appendOrderEvent, getOrder, orderTimeline } from '../../../db/repositories/orders.js';
import { IdParam } from '../../../openapi/common.js';
import { OrderCancelSchema, OrderDetailSchema } from '../../../openapi/orders.js';
import { isFinalOrderState, type OrderState } from '../../../sla-rules/order-states.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { presentEvent, presentOrder, visibleOrder } from './present.js';

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
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerCancelOrder = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const { db, now, workflows } = c.get('deps');
    const order = visibleOrder(c.get('caller'), getOrder(db, id), id);
    if (isFinalOrderState(order.state as OrderState))
      throw new ApiError('conflict', `The order is already ${order.state}`);
    await workflows.cancel(id, reason);
    const at = now().toISOString();
    appendOrderEvent(db, {
      id: newId('evt'),
      orderId: id,
      partnerId: order.partnerId,
      source: 'desk',
      externalEventId: null,
      type: 'cancellationRequested',
      fromState: order.state,
      toState: null,
      outcome: 'recorded',
      detail: reason,
      payload: null,
      occurredAt: at,
      receivedAt: at,
    });
    return c.json({ ...presentOrder(order), timeline: orderTimeline(db, id).map(presentEvent) }, 202);
  });
