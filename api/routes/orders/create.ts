import { createRoute } from '@hono/zod-openapi';
import { IdempotencyKeyHeader } from '../../../openapi/common.js';
import { OrderCreateSchema, OrderDetailSchema } from '../../../openapi/orders.js';
import type { App } from '../../app.js';
import { access, viewerOf } from '../../auth.js';
import { bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { idempotent } from '../../idempotency.js';
import { orderPlacement } from './placement.js';
import { linksById } from '../../links.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/orders',
  tags: ['Orders'],
  summary: 'Place a tail order with a carrier',
  description:
    'Requires an `Idempotency-Key` header: the same key and body replays the first response, the same key with a ' +
    'different body is 422, and a duplicate sent while the first is in flight is 409 (with Retry-After; a request ' +
    'whose process died is taken over once its 15 s lease has run out). The order is accepted once stored: if the ' +
    'workflow engine cannot be reached then, the reconciler starts its workflow later. The order is then submitted ' +
    'to the carrier by a durable workflow; follow it with GET /api/v1/orders/{id}.',
  ...access('admin', 'desk'),
  request: {
    headers: IdempotencyKeyHeader,
    body: { required: true, content: { 'application/json': { schema: OrderCreateSchema } } },
  },
  responses: {
    201: {
      description: 'Placed',
      content: { 'application/json': { schema: OrderDetailSchema } },
      links: linksById({
        GetOrder: ['get', '/api/v1/orders/{id}'],
        GetOrderSla: ['get', '/api/v1/orders/{id}/sla'],
        CancelOrder: ['post', '/api/v1/orders/{id}/cancel'],
        RetryOrderSubmission: ['post', '/api/v1/orders/{id}/retry-submission'],
      }),
    },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerCreateOrder = (app: App) =>
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    // The answer is the stored JSON text (replayed byte for byte), not a typed c.json() response: hence `as never`.
    return idempotent(c, input, orderPlacement(c.get('deps'), viewerOf(c.get('caller')), input)) as never;
  });
