import { createRoute } from '@hono/zod-openapi';
import { getOrder } from '../../../db/repositories/orders.js';
import { IdParam } from '../../../openapi/common.js';
import { OrderSchema } from '../../../openapi/orders.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { presentOrder, visibleOrder } from './present.js';

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
    const order = visibleOrder(c.get('caller'), getOrder(c.get('deps').db, id), id);
    if (order.submission !== 'manual')
      throw new ApiError('conflict', `Submission is ${order.submission}, not waiting for the desk`);
    await c.get('deps').workflows.retrySubmission(id);
    return c.json(presentOrder(order), 202);
  });
