import { createRoute } from '@hono/zod-openapi';
import { updatePartner } from '../../../db/repositories/partners.js';
import { IdParam } from '../../../openapi/common.js';
import { PartnerSchema } from '../../../openapi/partners.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses, notFoundResponse } from '../../errors.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/partners/{id}/suspend',
  tags: ['Partners'],
  summary: 'Suspend a partner: it stops appearing in qualifications',
  ...access('admin'),
  request: { params: IdParam('Partner', 'ptn_3k2VQn7m1cZx') },
  responses: {
    200: { description: 'The suspended partner', content: { 'application/json': { schema: PartnerSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerSuspendPartner = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const partner = await updatePartner(c.get('deps').db, id, { status: 'suspended' }, c.get('deps').now());
    if (!partner) throw new ApiError('not_found', `No partner ${id}`);
    return c.json(partner, 200);
  });
