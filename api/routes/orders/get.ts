import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { OrderDetailSchema } from '../../../openapi/orders.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses, notFoundResponse } from '../../errors.js';
import { orderOr404, presentOrderDetail } from './present.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/orders/{id}',
  tags: ['Orders'],
  summary: 'An order: state, partner order id, dates, and its timeline of events',
  ...access('admin', 'desk', 'finance', 'partner'),
  request: { params: IdParam('Order', 'ord_Yh2xVd0c9aQ1') },
  responses: {
    200: { description: 'The order', content: { 'application/json': { schema: OrderDetailSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerGetOrder = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.get('deps').db;
    const row = await orderOr404(db, c.get('caller'), id);
    return c.json(await presentOrderDetail(db, row), 200);
  });
