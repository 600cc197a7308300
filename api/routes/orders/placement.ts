import { getOrderByRequestKey } from '../../../db/repositories/orders.js';
import type { OrderCreate } from '../../../openapi/orders.js';
import { placeOrder } from '../../../tails/orders/place.js';
import type { Viewer } from '../../../tails/viewer.js';
import type { Deps } from '../../context.js';
import { ApiError } from '../../errors.js';
import type { IdempotentHandlers } from '../../idempotency.js';
import { presentOrderDetail } from './present.js';

/**
 * Placing an order as an idempotent request (api/idempotency.ts): the API and the dashboard's order form both run it.
 * An order the domain refuses is a validation_failed ApiError naming the fields; nothing is stored, the key freed.
 */
export const orderPlacement = (deps: Deps, viewer: Viewer, input: OrderCreate): IdempotentHandlers => ({
  async create(request) {
    const placed = await placeOrder(deps, viewer, input, request);
    if (!placed.ok) {
      const detail = placed.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      throw new ApiError('validation_failed', detail, placed.problems);
    }
    return { status: 201, body: await presentOrderDetail(deps.db, placed.order, placed.timeline) };
  },
  async current(requestKey) {
    const order = await getOrderByRequestKey(deps.db, requestKey);
    return order && { status: 201, body: await presentOrderDetail(deps.db, order) };
  },
});
