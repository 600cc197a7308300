import { createRoute } from '@hono/zod-openapi';
import { changePartner } from '../../../partners/certification/activation.js';
import { IdParam } from '../../../openapi/common.js';
import { PartnerSchema, PartnerUpdateSchema } from '../../../openapi/partners.js';
import type { App } from '../../app.js';
import { partnerUrls, refuseForbiddenUrls } from '../outbound-urls.js';
import { access } from '../../auth.js';
import { ApiError, bodyResponses, errorResponses, notFoundResponse } from '../../errors.js';

const route = createRoute({
  method: 'patch',
  path: '/api/v1/partners/{id}',
  tags: ['Partners'],
  summary: 'Update a partner (fields sent replace the stored ones)',
  ...access('admin'),
  request: {
    params: IdParam('Partner', 'ptn_3k2VQn7m1cZx'),
    body: { required: true, content: { 'application/json': { schema: PartnerUpdateSchema } } },
  },
  responses: {
    200: { description: 'The updated partner', content: { 'application/json': { schema: PartnerSchema } } },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
  },
});

export const registerUpdatePartner = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    await refuseForbiddenUrls(c.get('deps'), partnerUrls(input));
    const { db, now } = c.get('deps');
    const outcome = await changePartner(db, id, input, c.get('caller').keyId, now());
    if (!outcome) throw new ApiError('not_found', `No partner ${id}`);
    if ('refused' in outcome) throw new ApiError('unprocessable', outcome.refused.message, [outcome.refused]);
    return c.json(outcome.partner, 200);
  });
