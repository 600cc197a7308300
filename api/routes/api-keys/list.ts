import { createRoute, z } from '@hono/zod-openapi';
import { listApiKeys } from '../../../db/repositories/api-keys.js';
import { ApiKeySchema } from '../../../openapi/api-keys.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import { toApiKey } from './present.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/api-keys',
  tags: ['API keys'],
  summary: 'List API keys (never their secrets)',
  ...access('admin'),
  responses: {
    200: {
      description: 'All keys, newest first',
      content: { 'application/json': { schema: z.object({ items: z.array(ApiKeySchema) }) } },
    },
    ...errorResponses,
  },
});

export const registerListApiKeys = (app: App) =>
  app.openapi(route, async (c) => c.json({ items: (await listApiKeys(c.get('deps').db)).map(toApiKey) }, 200));
