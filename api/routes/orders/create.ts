import { createRoute } from '@hono/zod-openapi';
import { deleteOrder, insertOrderWithEvent, orderTimeline } from '../../../db/repositories/orders.js';
import { OrderCreateSchema, OrderDetailSchema } from '../../../openapi/orders.js';
import { buildOrder } from '../../../partners/orders/create-order.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { idempotent } from '../../idempotency.js';
import { presentEvent, presentOrder } from './present.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/orders',
  tags: ['Orders'],
  summary: 'Place a tail order with a carrier',
  description:
    'Requires an `Idempotency-Key` header: the same key and body replays the first response, the same key with a ' +
    'different body is 422, and a duplicate sent while the first is in flight is 409. The order is then submitted ' +
    'to the carrier by a durable workflow; follow it with GET /api/v1/orders/{id}.',
  ...access('admin', 'desk'),
  request: { body: { required: true, content: { 'application/json': { schema: OrderCreateSchema } } } },
  responses: {
    201: { description: 'Placed', content: { 'application/json': { schema: OrderDetailSchema } } },
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerCreateOrder = (app: App) =>
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const { db, now, workflows, log } = c.var.deps;
    return idempotent(c, input, async () => {
      const built = buildOrder(db, input, c.var.caller.keyId, now());
      if (!built.ok) throw new ApiError('validation_failed', built.problems.map((p) => `${p.path}: ${p.message}`).join('; '), built.problems);
      const row = insertOrderWithEvent(db, built.order, built.event);
      try {
        await workflows.start(row.id);
      } catch (err) {
        deleteOrder(db, row.id);
        log.error({ err, orderId: row.id }, 'could not start the order workflow; order withdrawn');
        throw new ApiError('unavailable', 'The workflow engine is unavailable; nothing was ordered. Retry with the same Idempotency-Key.');
      }
      return { status: 201, body: { ...presentOrder(row), timeline: orderTimeline(db, row.id).map(presentEvent) } };
    }) as never;
  });
