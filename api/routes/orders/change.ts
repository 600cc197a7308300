import { createRoute } from '@hono/zod-openapi';
import { getOrderByRequestKey } from '../../../db/repositories/orders.js';
import { IdempotencyKeyHeader, IdParam } from '../../../openapi/common.js';
import { OrderChangeCreateSchema, type OrderChangeCreate } from '../../../openapi/order-changes.js';
import { OrderDetailSchema } from '../../../openapi/orders.js';
import { placeOrderChange } from '../../../tails/orders/change.js';
import type { Viewer } from '../../../tails/viewer.js';
import type { App } from '../../app.js';
import { access, viewerOf } from '../../auth.js';
import type { Deps } from '../../context.js';
import { ApiError, bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { idempotent, type IdempotentHandlers } from '../../idempotency.js';
import { linksById } from '../../links.js';
import { presentOrderDetail } from './present.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/orders/{id}/changes',
  tags: ['Orders'],
  summary: 'Change (modify) or cease (delete) a delivered tail',
  description:
    'Places a new order of its own for the delivered order `{id}`: `modify` changes the tail to a new bandwidth, ' +
    '`delete` ceases it. It goes to the same carrier for the same product and site, its order item naming the ' +
    'delivered circuit (TMF622 and MEF LSO Sonata item actions modify and delete), followed like any order. 409 when ' +
    '`{id}` is not a delivered tail whose circuit the carrier named, when a change of it is still open, or when it was ' +
    'ceased. Requires an `Idempotency-Key` header, as POST /api/v1/orders does.',
  ...access('admin', 'desk'),
  request: {
    params: IdParam('Order', 'ord_Yh2xVd0c9aQ1'),
    headers: IdempotencyKeyHeader,
    body: { required: true, content: { 'application/json': { schema: OrderChangeCreateSchema } } },
  },
  responses: {
    201: {
      description: 'Placed: the change or cease order',
      content: { 'application/json': { schema: OrderDetailSchema } },
      links: linksById({ GetOrder: ['get', '/api/v1/orders/{id}'] }),
    },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

/** Placing a change as an idempotent request (api/idempotency.ts). */
export const changePlacement = (
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: OrderChangeCreate,
): IdempotentHandlers => ({
  async create(request) {
    const placed = await placeOrderChange(deps, viewer, id, input, request);
    if (placed.ok) return { status: 201, body: await presentOrderDetail(deps.db, placed.order, placed.timeline) };
    if (placed.reason === 'notFound') throw new ApiError('not_found', `No order ${id}`);
    if (placed.reason === 'conflict') throw new ApiError('conflict', placed.message);
    const detail = placed.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new ApiError('validation_failed', detail, placed.problems);
  },
  async current(requestKey) {
    const order = await getOrderByRequestKey(deps.db, requestKey);
    return order && { status: 201, body: await presentOrderDetail(deps.db, order) };
  },
});

export const registerChangeOrder = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return idempotent(
      c,
      { id, ...input },
      changePlacement(c.get('deps'), viewerOf(c.get('caller')), id, input),
    ) as never;
  });
