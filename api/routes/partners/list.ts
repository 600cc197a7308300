import { createRoute, z } from '@hono/zod-openapi';
import { listPartners } from '../../../db/repositories/partners.js';
import { page, PageQuery } from '../../../openapi/common.js';
import { PartnerSchema, partnerStatuses } from '../../../openapi/partners.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses } from '../../errors.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/partners',
  tags: ['Partners'],
  summary: 'List partners (a partner key sees only itself)',
  ...access('admin', 'desk', 'finance', 'partner'),
  request: {
    query: PageQuery.extend({
      status: z
        .enum(partnerStatuses)
        .optional()
        .openapi({ param: { name: 'status', in: 'query' } }),
    }),
  },
  responses: {
    200: {
      description: 'A page of partners',
      content: { 'application/json': { schema: page(PartnerSchema, 'PartnerPage') } },
    },
    ...errorResponses,
  },
});

export const registerListPartners = (app: App) =>
  app.openapi(route, async (c) => {
    const { limit, cursor, status } = c.req.valid('query');
    const caller = c.get('caller');
    const items = await listPartners(c.get('deps').db, {
      limit: limit + 1,
      after: cursor,
      status,
      onlyId: caller.role === 'partner' ? (caller.partnerId ?? '') : undefined,
    });
    const more = items.length > limit;
    const shown = items.slice(0, limit);
    return c.json({ items: shown, nextCursor: more ? (shown.at(-1)?.id ?? null) : null }, 200);
  });
