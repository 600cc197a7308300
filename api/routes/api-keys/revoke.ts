import { createRoute } from '@hono/zod-openapi';
import { getApiKey, revokeApiKey } from '../../../db/repositories/api-keys.js';
import { ApiKeySchema } from '../../../openapi/api-keys.js';
import { IdParam } from '../../../openapi/common.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { toApiKey } from './present.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/api-keys/{id}/revoke',
  tags: ['API keys'],
  summary: 'Revoke an API key; it stops working at once',
  ...access('admin'),
  request: { params: IdParam('API key', 'key_d2VsbGtub3du') },
  responses: {
    200: { description: 'The revoked key', content: { 'application/json': { schema: ApiKeySchema } } },
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerRevokeApiKey = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { db, now } = c.get('deps');
    // Revoking the key in use would lock the caller out mid-session (perhaps the last admin): another key must do it.
    if (id === c.get('caller').keyId)
      throw new ApiError('conflict', 'This is the key making the request: revoke it with another admin key');
    const row = (await revokeApiKey(db, id, now())) ?? (await getApiKey(db, id));
    if (!row) throw new ApiError('not_found', `No API key ${id}`);
    return c.json(toApiKey(row), 200);
  });
