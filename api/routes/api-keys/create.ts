import { createRoute } from '@hono/zod-openapi';
import { generateApiKeySecret, insertApiKey } from '../../../db/repositories/api-keys.js';
import { getPartner } from '../../../db/repositories/partners.js';
import { ApiKeyCreatedSchema, ApiKeyCreateSchema } from '../../../openapi/api-keys.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, bodyResponses, errorResponses } from '../../errors.js';
import { toApiKey } from './present.js';
import { linksById } from '../../links.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/api-keys',
  tags: ['API keys'],
  summary: 'Create an API key (the secret is returned once)',
  ...access('admin'),
  request: { body: { required: true, content: { 'application/json': { schema: ApiKeyCreateSchema } } } },
  responses: {
    201: {
      description: 'Created',
      content: { 'application/json': { schema: ApiKeyCreatedSchema } },
      links: linksById({ RevokeKey: ['post', '/api/v1/api-keys/{id}/revoke'] }),
    },
    ...errorResponses,
    ...bodyResponses,
  },
});

export const registerCreateApiKey = (app: App) =>
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const db = c.get('deps').db;
    if (body.partnerId && !(await getPartner(db, body.partnerId))) {
      throw new ApiError('validation_failed', `No partner ${body.partnerId}`, [
        { path: 'partnerId', message: 'unknown partner' },
      ]);
    }
    const secret = generateApiKeySecret();
    const row = await insertApiKey(db, { name: body.name, role: body.role, partnerId: body.partnerId ?? null, secret });
    return c.json({ ...toApiKey(row), secret }, 201);
  });
