import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { SlaViewSchema } from '../../../openapi/sla.js';
import { orderSlaView } from '../../../tails/sla/view.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses, notFoundResponse } from '../../errors.js';
import { orderOr404 } from '../orders/present.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/orders/{id}/sla',
  tags: ['SLA'],
  summary: 'Every OLA clock of an order: elapsed, remaining and paused time, due and breach instants, policy version',
  ...access('admin', 'desk', 'finance', 'partner'),
  request: { params: IdParam('Order', 'ord_Yh2xVd0c9aQ1') },
  responses: {
    200: { description: "The order's clocks as of now", content: { 'application/json': { schema: SlaViewSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerOrderSla = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { db, now } = c.get('deps');
    await orderOr404(db, c.get('caller'), id);
    return c.json(await orderSlaView(db, id, now()), 200);
  });
