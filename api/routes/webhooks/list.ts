import { createRoute } from '@hono/zod-openapi';
import { listWebhooks } from '../../../db/repositories/webhooks.js';
import { page, PageQuery } from '../../../openapi/common.js';
import { WebhookSchema } from '../../../openapi/webhooks.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import { toWebhook } from './present.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/webhooks',
  tags: ['Webhooks'],
  summary: 'List webhook subscriptions, newest first (disabled ones included; secrets never shown)',
  ...access('admin', 'desk'),
  request: { query: PageQuery },
  responses: {
    200: {
      description: 'A page of subscriptions',
      content: { 'application/json': { schema: page(WebhookSchema, 'WebhookPage') } },
    },
    ...errorResponses,
  },
});

export const registerListWebhooks = (app: App) =>
  app.openapi(route, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const items = await listWebhooks(c.get('deps').db, { limit: limit + 1, before: cursor });
    const shown = items.slice(0, limit);
    return c.json(
      { items: shown.map(toWebhook), nextCursor: items.length > limit ? (shown.at(-1)?.id ?? null) : null },
      200,
    );
  });
