import { createRoute, z } from '@hono/zod-openapi';
import { getOrder, listOrders, updateOrder } from '../../../db/repositories/orders.js';
import { TmfProductOrderPatchSchema } from '../../../openapi/tmf622.js';
import { updateFromProductOrder } from '../../../partners/orders/tmf622-event.js';
import { toTmf622V4ProductOrder } from '../../../partners/orders/tmf622-representation.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses, notFoundResponse } from '../../errors.js';
import { visibleOrder } from '../orders/present.js';
import { receivePartnerUpdate } from './receive.js';

const ProductOrderV4 = z
  .record(z.string(), z.unknown())
  .openapi('Tmf622V4ProductOrder', { description: 'TMF622 v4 ProductOrder' });
const base = '/tmf-api/productOrderingManagement/v4/productOrder';
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const list = createRoute({
  method: 'get',
  path: base,
  tags: ['TMF622 server'],
  summary: 'A carrier without an API pulls its orders (its own only)',
  ...access('partner'),
  request: {
    query: z.object({
      state: z
        .string()
        .optional()
        .openapi({ param: { name: 'state', in: 'query' } }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .default(100)
        .openapi({ param: { name: 'limit', in: 'query' } }),
    }),
  },
  responses: {
    200: { description: 'ProductOrders', content: { 'application/json': { schema: z.array(ProductOrderV4) } } },
    ...errorResponses,
  },
});

const get = createRoute({
  method: 'get',
  path: `${base}/{id}`,
  tags: ['TMF622 server'],
  summary: "One of the carrier's orders",
  ...access('partner'),
  request: { params: idParam },
  responses: {
    200: { description: 'ProductOrder', content: { 'application/json': { schema: ProductOrderV4 } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

const patch = createRoute({
  method: 'patch',
  path: `${base}/{id}`,
  tags: ['TMF622 server'],
  summary: "The carrier moves its order's state and sets its dates",
  description:
    "An invalid transition is recorded and refused with 422; the order is unchanged. `externalId` sets the carrier's own reference.",
  ...access('partner'),
  request: {
    params: idParam,
    body: {
      required: true,
      content: {
        'application/merge-patch+json': { schema: TmfProductOrderPatchSchema },
        'application/json': { schema: TmfProductOrderPatchSchema },
      },
    },
  },
  responses: {
    200: { description: 'ProductOrder', content: { 'application/json': { schema: ProductOrderV4 } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export function registerTmf622Server(app: App): void {
  app.openapi(list, (c) => {
    const { state, limit } = c.req.valid('query');
    const rows = listOrders(c.get('deps').db, { partnerId: c.get('caller').partnerId ?? '', state, limit });
    return c.json(rows.map(toTmf622V4ProductOrder), 200, { 'x-result-count': String(rows.length) });
  });

  app.openapi(get, (c) => {
    const { id } = c.req.valid('param');
    return c.json(toTmf622V4ProductOrder(visibleOrder(c.get('caller'), getOrder(c.get('deps').db, id), id)), 200);
  });

  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const order = visibleOrder(c.get('caller'), getOrder(deps.db, id), id);
    const body = (c.req.valid('json') ?? {}) as z.infer<typeof TmfProductOrderPatchSchema> & { externalId?: unknown };
    if (typeof body.externalId === 'string' && !order.partnerOrderId)
      updateOrder(deps.db, id, { partnerOrderId: body.externalId });
    const now = deps.now().toISOString();
    const result = await receivePartnerUpdate(deps, {
      order,
      source: 'partner-pull',
      type: 'productOrderPatch',
      externalEventId: null,
      update: updateFromProductOrder(
        {
          id,
          state: body.state,
          expectedCompletionDate: body.expectedCompletionDate,
          completionDate: body.completionDate,
          note: body.note,
        },
        now,
      ),
      payload: body,
    });
    if (result.outcome === 'refused' || result.outcome === 'stale') {
      throw new ApiError('unprocessable', `Refused: ${order.state} -> ${body.state} is not a valid TMF622 transition`, [
        { path: 'state', message: 'invalid transition' },
      ]);
    }
    return c.json(toTmf622V4ProductOrder(result.order), 200);
  });
}
