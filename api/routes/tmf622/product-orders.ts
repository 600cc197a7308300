import { createRoute, z } from '@hono/zod-openapi';
import { listOrders, type OrderRow } from '../../../db/repositories/orders.js';
import { TmfProductOrderPatchSchema, type TmfProductOrderPatch } from '../../../openapi/tmf622.js';
import { isOrderState } from '../../../sla-rules/order-states.js';
import { readOrderUpdate } from '../../../partners/adapters/tmf622/read.js';
import { receiveOrderUpdate } from '../../../tails/orders/receive-update.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError } from '../../errors.js';
import { tmfBodyResponses, tmfErrorResponses, tmfNotFoundResponse } from '../../tmf-errors.js';
import { callerPartner } from '../caller-partner.js';
import { carrierUpdateError } from '../carrier-update.js';
import { FieldsQuery, OffsetQuery, SERVED_LIST_SCAN, tmfListPage } from '../tmf630-list.js';
import { orderOr404 } from '../orders/present.js';
import { productOrderPath, servedOrder } from './present.js';

const ProductOrderV4 = z
  .record(z.string(), z.unknown())
  .openapi('Tmf622V4ProductOrder', { description: 'TMF622 v4 ProductOrder' });
const base = productOrderPath;
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
  summary: 'A carrier without an API pulls its orders (its own only), newest first',
  description:
    '`state` is a TMF622 state. Any other query parameter is a TMF630 attribute filter compared as text, dotted paths ' +
    `reaching into nested objects and lists (\`externalId=…\`, \`productOrderItem.product.productCharacteristic.value=100\`); ` +
    `filters look through the carrier's ${SERVED_LIST_SCAN} newest orders. \`fields\` selects attributes. ` +
    'X-Result-Count is the number returned.',
  ...access('partner'),
  request: {
    query: z.object({
      state: z
        .string()
        .optional()
        .openapi({ param: { name: 'state', in: 'query' } }),
      offset: OffsetQuery,
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .default(100)
        .openapi({ param: { name: 'limit', in: 'query' } }),
      fields: FieldsQuery,
    }),
  },
  responses: {
    200: {
      description: 'ProductOrders (only the attributes `fields` names, when given)',
      content: { 'application/json': { schema: z.array(ProductOrderV4) } },
    },
    ...tmfErrorResponses,
    ...tmfBodyResponses,
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
    ...tmfErrorResponses,
    ...tmfNotFoundResponse,
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
    ...tmfErrorResponses,
    ...tmfNotFoundResponse,
  },
});

export function registerTmf622Server(app: App): void {
  app.openapi(list, async (c) => {
    const { state, offset, limit, fields } = c.req.valid('query');
    const { db } = c.get('deps');
    const partner = await callerPartner(db, c.get('caller'));
    // Our state filter is free text for carriers; a state we do not know matches no order.
    const newest = (scan: number) =>
      state === undefined || isOrderState(state)
        ? listOrders(db, { partnerId: partner.id, state, limit: scan })
        : Promise.resolve([]);
    const serve = (row: OrderRow) => servedOrder(row, partner);
    const page = await tmfListPage({ newest, serve }, c.req.query(), { offset, limit, fields }, ['state']);
    return c.json(page, 200, { 'x-result-count': String(page.length) });
  });

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const { db } = c.get('deps');
    const order = await orderOr404(db, c.get('caller'), id);
    return c.json(servedOrder(order, await callerPartner(db, c.get('caller'))), 200);
  });

  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const order = await orderOr404(deps.db, c.get('caller'), id);
    const body = (c.req.valid('json') ?? {}) as TmfProductOrderPatch & { externalId?: unknown };
    const received = await receiveOrderUpdate(deps, {
      orderId: order.id,
      source: 'partner-pull',
      type: 'productOrderPatch',
      externalEventId: null,
      update: { ...readOrderUpdate({ ...body, id }), occurredAt: deps.now().toISOString() },
      payload: body,
      partnerOrderId: typeof body.externalId === 'string' ? body.externalId : undefined,
    });
    if (!received.ok) throw carrierUpdateError(deps, received);
    if (received.outcome === 'refused' || received.outcome === 'stale') {
      throw new ApiError('unprocessable', `Refused: ${order.state} -> ${body.state} is not a valid TMF622 transition`, [
        { path: 'state', message: 'invalid transition' },
      ]);
    }
    return c.json(servedOrder(received.order, await callerPartner(deps.db, c.get('caller'))), 200);
  });
}
