import { createRoute } from '@hono/zod-openapi';
import { listCoverageVersions } from '../../../db/repositories/coverage.js';
import { IdParam, page, PageQuery } from '../../../openapi/common.js';
import { CoverageVersionSchema } from '../../../openapi/coverage.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses, notFoundResponse } from '../../errors.js';
import { visiblePartner } from '../partners/lookup.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/partners/{id}/coverage/versions',
  tags: ['Coverage'],
  summary: "List a partner's coverage uploads, newest first (failed ones included, as a record)",
  ...access('admin', 'desk', 'partner'),
  request: { params: IdParam('Partner', 'ptn_3k2VQn7m1cZx'), query: PageQuery },
  responses: {
    200: {
      description: 'A page of coverage versions',
      content: { 'application/json': { schema: page(CoverageVersionSchema, 'CoverageVersionPage') } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerListCoverageVersions = (app: App) =>
  app.openapi(route, async (c) => {
    const partner = await visiblePartner(c.get('deps'), c.get('caller'), c.req.valid('param').id);
    const { limit, cursor } = c.req.valid('query');
    const items = await listCoverageVersions(c.get('deps').db, partner.id, { limit: limit + 1, before: cursor });
    const more = items.length > limit;
    const shown = items.slice(0, limit);
    return c.json({ items: shown, nextCursor: more ? (shown.at(-1)?.id ?? null) : null }, 200);
  });
