import { createRoute } from '@hono/zod-openapi';
import { PartnerCreateSchema, PartnerSchema } from '../../../openapi/partners.js';
import type { App } from '../../app.js';
import { partnerUrls, refuseForbiddenUrls } from '../outbound-urls.js';
import { access } from '../../auth.js';
import { ApiError, bodyResponses, errorResponses } from '../../errors.js';
import { registerPartner } from '../../../partners/certification/activation.js';
import { linksById } from '../../links.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/partners',
  tags: ['Partners'],
  summary: 'Register a partner carrier',
  ...access('admin'),
  request: { body: { required: true, content: { 'application/json': { schema: PartnerCreateSchema } } } },
  responses: {
    201: {
      description: 'Created',
      content: { 'application/json': { schema: PartnerSchema } },
      links: linksById({
        GetPartner: ['get', '/api/v1/partners/{id}'],
        UpdatePartner: ['patch', '/api/v1/partners/{id}'],
        SuspendPartner: ['post', '/api/v1/partners/{id}/suspend'],
        UploadCoverage: ['post', '/api/v1/partners/{id}/coverage'],
        ListCoverageVersions: ['get', '/api/v1/partners/{id}/coverage/versions'],
        UploadOlaPolicy: ['post', '/api/v1/partners/{id}/ola-policies'],
        ListOlaPolicies: ['get', '/api/v1/partners/{id}/ola-policies'],
      }),
    },
    ...errorResponses,
    ...bodyResponses,
  },
});

export const registerCreatePartner = (app: App) =>
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    await refuseForbiddenUrls(c.get('deps'), partnerUrls(input));
    const { db, now } = c.get('deps');
    const outcome = await registerPartner(db, input, c.get('caller').keyId, now());
    if ('refused' in outcome) throw new ApiError('unprocessable', outcome.refused.message, [outcome.refused]);
    const { partner } = outcome;
    return c.json(partner, 201, { location: `/api/v1/partners/${partner.id}` });
  });
