import { createRoute, z } from '@hono/zod-openapi';
import { listBreaches } from '../../../db/repositories/sla-facts.js';
import { page, PageQuery } from '../../../openapi/common.js';
import { BreachSchema } from '../../../openapi/sla.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses } from '../../errors.js';

const q = (name: string) => ({ param: { name, in: 'query' as const } });

const route = createRoute({
  method: 'get',
  path: '/api/v1/breaches',
  tags: ['SLA'],
  summary: 'OLA breaches, newest first (a partner key sees only its own)',
  description:
    'Each breach says whether it still stands (`standing`) and which instants its clock used and why ' +
    '(`explanation`): a breach recorded at its due instant is withdrawn when a stop received later proves the ' +
    'carrier met it.',
  ...access('admin', 'desk', 'finance', 'partner'),
  request: {
    query: PageQuery.extend({
      partnerId: z.string().optional().openapi(q('partnerId')),
      entityType: z.enum(['order', 'ticket']).optional().openapi(q('entityType')),
      metric: z.string().optional().openapi(q('metric')),
      from: z.iso.datetime().optional().openapi(q('from')),
      to: z.iso.datetime().optional().openapi(q('to')),
    }),
  },
  responses: {
    200: {
      description: 'A page of breaches',
      content: { 'application/json': { schema: page(BreachSchema, 'BreachPage') } },
    },
    ...errorResponses,
  },
});

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id)
    throw new ApiError('validation_failed', 'cursor is not one this API gave out', [
      { path: 'query.cursor', message: 'invalid cursor' },
    ]);
  return { at, id };
}

export const registerBreaches = (app: App) =>
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const caller = c.get('caller');
    const rows = await listBreaches(c.get('deps').db, {
      ...q,
      partnerId: caller.role === 'partner' ? (caller.partnerId ?? '') : q.partnerId,
      before: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: q.limit + 1,
    });
    const shown = rows.slice(0, q.limit);
    const last = shown.at(-1);
    const nextCursor =
      rows.length > q.limit && last ? Buffer.from(`${last.at}|${last.id}`).toString('base64url') : null;
    return c.json({ items: shown, nextCursor }, 200);
  });
