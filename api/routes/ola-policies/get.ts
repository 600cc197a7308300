import { createRoute } from '@hono/zod-openapi';
import { getPolicyVersion } from '../../../db/repositories/ola-policies.js';
import { OlaPolicyVersionDetailSchema, PolicyVersionParams } from '../../../openapi/ola-policies.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses, notFoundResponse } from '../../errors.js';
import { visiblePartner } from '../partners/lookup.js';
import { toOlaPolicyVersionDetail } from './present.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/partners/{id}/ola-policies/{version}',
  tags: ['OLA policies'],
  summary: 'Get one OLA policy version: the validated document and the text as uploaded',
  ...access('admin', 'desk', 'finance', 'partner'),
  request: { params: PolicyVersionParams },
  responses: {
    200: {
      description: 'The policy version',
      content: { 'application/json': { schema: OlaPolicyVersionDetailSchema } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerGetOlaPolicy = (app: App) =>
  app.openapi(route, async (c) => {
    const { id, version } = c.req.valid('param');
    const partner = await visiblePartner(c.get('deps'), c.get('caller'), id);
    const stored = await getPolicyVersion(c.get('deps').db, partner.id, version);
    if (!stored) throw new ApiError('not_found', `Partner ${partner.id} has no OLA policy version ${version}`);
    return c.json(toOlaPolicyVersionDetail(stored), 200);
  });
