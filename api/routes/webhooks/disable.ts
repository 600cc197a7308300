import { createRoute } from '@hono/zod-openapi';
import { disableWebhook } from '../../../db/repositories/webhooks.js';
import { IdParam } from '../../../openapi/common.js';
import { WebhookSchema } from '../../../openapi/webhooks.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses, notFoundResponse } from '../../errors.js';
import { toWebhook } from './present.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/webhooks/{id}',
  tags: ['Webhooks'],
  summary: 'Disable a webhook subscription: nothing more is sent to it, pending retries included (kept as a record)',
  ...access('admin', 'desk'),
  request: { params: IdParam('Webhook subscription', 'whk_Yb0n2cN4wq1LhM5r') },
  responses: {
    200: { description: 'The disabled subscription', content: { 'application/json': { schema: WebhookSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerDisableWebhook = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const subscription = await disableWebhook(c.get('deps').db, id, c.get('deps').now());
    if (!subscription) throw new ApiError('not_found', `No webhook subscription ${id}`);
    return c.json(toWebhook(subscription), 200);
  });
