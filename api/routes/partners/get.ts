import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { PartnerSchema } from '../../../openapi/partners.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses, notFoundResponse } from '../../errors.js';
import { visiblePartner } from './lookup.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/partners/{id}',
  tags: ['Partners'],
  summary: 'Get a partner',
  ...access('admin', 'desk', 'finance', 'partner'),
  request: { params: IdParam('Partner', 'ptn_3k2VQn7m1cZx') },
  responses: {
    200: { description: 'The partner', content: { 'application/json': { schema: PartnerSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerGetPartner = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await visiblePartner(c.get('deps'), c.get('caller'), c.req.valid('param').id), 200),
  );
