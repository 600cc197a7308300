import { createRoute } from '@hono/zod-openapi';
import { listPolicyVersions } from '../../../db/repositories/ola-policies.js';
import { IdParam, page, PageQuery } from '../../../openapi/common.js';
import { OlaPolicyVersionSchema } from '../../../openapi/ola-policies.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses, notFoundResponse } from '../../errors.js';
import { visiblePartner } from '../partners/lookup.js';
import { toOlaPolicyVersion } from './present.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/partners/{id}/ola-policies',
  tags: ['OLA policies'],
  summary: "List a partner's OLA policy versions, newest first (a partner key sees only its own)",
  ...access('admin', 'desk', 'finance', 'partner'),
  request: { params: IdParam('Partner', 'ptn_3k2VQn7m1cZx'), query: PageQuery },
  responses: {
    200: {
      description: 'A page of policy versions',
      content: { 'application/json': { schema: page(OlaPolicyVersionSchema, 'OlaPolicyVersionPage') } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerListOlaPolicies = (app: App) =>
  app.openapi(route, async (c) => {
    const partner = await visiblePartner(c.get('deps'), c.get('caller'), c.req.valid('param').id);
    const { limit, cursor } = c.req.valid('query');
    // The cursor is the last version number shown; versions are whole numbers from 1.
    const beforeVersion = cursor === undefined ? undefined : Number(cursor);
    if (beforeVersion !== undefined && !(Number.isInteger(beforeVersion) && beforeVersion >= 1)) {
      throw new ApiError('validation_failed', 'Invalid cursor', [
        { path: 'query.cursor', message: 'must be a nextCursor value' },
      ]);
    }
    const items = await listPolicyVersions(c.get('deps').db, partner.id, { limit: limit + 1, beforeVersion });
    const shown = items.slice(0, limit);
    const last = shown.at(-1);
    return c.json(
      { items: shown.map(toOlaPolicyVersion), nextCursor: items.length > limit && last ? String(last.version) : null },
      200,
    );
  });
