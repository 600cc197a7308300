import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { OrderSchema } from '../../../openapi/orders.js';
import { retryOrderSubmission } from '../../../tails/orders/desk-actions.js';
import type { App } from '../../app.js';
import { access, viewerOf } from '../../auth.js';
import { conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { deskActionError } from '../desk-outcome.js';
import { presentOrder } from './present.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/orders/{id}/retry-submission',
  tags: ['Orders'],
  summary: 'After a carrier was unreachable (a manual task is open), try the submission again',
  ...access('admin', 'desk'),
  request: { params: IdParam('Order', 'ord_Yh2xVd0c9aQ1') },
  responses: {
    202: { description: 'Retry requested', content: { 'application/json': { schema: OrderSchema } } },
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerRetrySubmission = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const retried = await retryOrderSubmission(c.get('deps'), viewerOf(c.get('caller')), { orderId: id });
    if (!retried.ok) throw deskActionError(retried, `No order ${id}`);
    return c.json(presentOrder(retried.order), 202);
  });
