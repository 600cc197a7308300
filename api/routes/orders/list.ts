import { createRoute, z } from '@hono/zod-openapi';
import { listOrders } from '../../../db/repositories/orders.js';
import { page, PageQuery } from '../../../openapi/common.js';
import { OrderSchema, OrderStateSchema } from '../../../openapi/orders.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses } from '../../errors.js';
import { presentOrder } from './present.js';

const q = (name: string) => ({ param: { name, in: 'query' as const } });

const route = createRoute({
  method: 'get',
  path: '/api/v1/orders',
  tags: ['Orders'],
  summary: 'List orders, newest first (a partner key sees only its own)',
  ...access('admin', 'desk', 'finance', 'partner'),
  request: {
    query: PageQuery.extend({
      state: OrderStateSchema.optional().openapi(q('state')),
      partnerId: z.string().optional().openapi(q('partnerId')),
      createdFrom: z.iso.datetime().optional().openapi(q('createdFrom')),
      createdTo: z.iso.datetime().optional().openapi(q('createdTo')),
    }),
  },
  responses: {
    200: {
      description: 'A page of orders',
      content: { 'application/json': { schema: page(OrderSchema, 'OrderPage') } },
    },
    ...errorResponses,
  },
});

const encodeCursor = (createdAt: string, id: string) =>
  Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // fall through to the error below
  }
  throw new ApiError('validation_failed', 'cursor is not one this API gave out', [
    { path: 'query.cursor', message: 'invalid cursor' },
  ]);
}

export const registerListOrders = (app: App) =>
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const caller = c.get('caller');
    const partnerId = caller.role === 'partner' ? (caller.partnerId ?? '') : query.partnerId;
    const rows = await listOrders(c.get('deps').db, {
      ...query,
      partnerId,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const shown = rows.slice(0, query.limit);
    const last = shown.at(-1);
    return c.json(
      {
        items: shown.map(presentOrder),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
      },
      200,
    );
  });
