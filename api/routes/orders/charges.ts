import { createRoute, z } from '@hono/zod-openapi';
import {
  ChargeDecisionSchema,
  SellerChargeListSchema,
  SellerChargeSchema,
  type SellerCharge,
} from '../../../openapi/charges.js';
import type { CarrierCharge } from '../../../partners/adapters/tmf622/types.js';
import { answerCharge, orderCharges, type ChargesOutcome } from '../../../tails/orders/charges.js';
import type { App } from '../../app.js';
import { orderingFor } from '../../carriers.js';
import { access, viewerOf } from '../../auth.js';
import type { Deps } from '../../context.js';
import { ApiError, bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';

const present = (c: CarrierCharge): SellerCharge => ({
  id: c.id,
  state: c.state,
  responseDueDate: c.responseDueDate ?? null,
  items: c.items.map((i) => ({
    id: i.id,
    category: i.category,
    priceType: i.priceType,
    blocking: i.blocking,
    price: i.amountMinor !== null && i.currency ? { amountMinor: i.amountMinor, currency: i.currency } : null,
    state: i.state,
  })),
});

const withCarrier = (deps: Deps) => ({ db: deps.db, ordering: orderingFor(deps) });

function valueOr<T>(outcome: ChargesOutcome<T>, orderId: string): T {
  if (outcome.ok) return outcome.value;
  if (outcome.reason === 'notFound') throw new ApiError('not_found', `No order ${orderId}`);
  if (outcome.reason === 'unavailable') throw new ApiError('unavailable', outcome.message);
  throw new ApiError('conflict', outcome.message);
}

const params = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'Order id' }),
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/orders/{id}/charges',
  tags: ['Orders'],
  summary: "The charges the carrier raised on the order (MEF LSO Sonata), read from the carrier's API now",
  description:
    'A blocking charge awaiting a response (state awaitingResponse) holds the order (Sonata held.assessingCharge: ' +
    'the order is pending, a wait on the buyer) until the desk answers it. 409 for a carrier whose API raises no ' +
    'charges; 503 when the carrier cannot be read.',
  ...access('admin', 'desk'),
  request: { params },
  responses: {
    200: { description: 'Its charges', content: { 'application/json': { schema: SellerChargeListSchema } } },
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

const decide = createRoute({
  method: 'post',
  path: '/api/v1/orders/{id}/charges/{chargeId}/decision',
  tags: ['Orders'],
  summary: "Accept or decline one of the carrier's charges on the order",
  description:
    'Sent to the carrier at once (MEF PATCH charge, every item accepted or rejected); the carrier then resumes the ' +
    "order, or (declined) may cancel it, and says so in its events. 404 for a charge that is not the order's; 409 for " +
    'a carrier that refuses the answer (a charge already answered) or raises no charges.',
  ...access('admin', 'desk'),
  request: {
    params: params.extend({
      chargeId: z
        .string()
        .min(1)
        .max(200)
        .openapi({ param: { name: 'chargeId', in: 'path' } }),
    }),
    body: { required: true, content: { 'application/json': { schema: ChargeDecisionSchema } } },
  },
  responses: {
    200: {
      description: 'The charge as the carrier now has it',
      content: { 'application/json': { schema: SellerChargeSchema } },
    },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export function registerOrderCharges(app: App): void {
  app.openapi(list, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const charges = valueOr(await orderCharges(withCarrier(deps), viewerOf(c.get('caller')), id), id);
    return c.json({ items: charges.map(present) }, 200);
  });

  app.openapi(decide, async (c) => {
    const { id, chargeId } = c.req.valid('param');
    const deps = c.get('deps');
    const accept = c.req.valid('json').decision === 'accept';
    const answer = valueOr(
      await answerCharge(withCarrier(deps), viewerOf(c.get('caller')), { orderId: id, chargeId, accept }),
      id,
    );
    if (!answer) throw new ApiError('not_found', `No charge ${chargeId} on order ${id}`);
    return c.json(present(answer), 200);
  });
}
