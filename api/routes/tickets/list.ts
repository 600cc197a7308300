import { createRoute, z } from '@hono/zod-openapi';
import { listTickets } from '../../../db/repositories/tickets.js';
import { page, PageQuery } from '../../../openapi/common.js';
import { TicketSchema, TicketStatusSchema } from '../../../openapi/tickets.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses } from '../../errors.js';
import { presentTicket } from './present.js';

const q = (name: string) => ({ param: { name, in: 'query' as const } });

const route = createRoute({
  method: 'get',
  path: '/api/v1/tickets',
  tags: ['Tickets'],
  summary: 'List trouble tickets, newest first (a partner key sees only its own)',
  ...access('admin', 'desk', 'finance', 'partner'),
  request: {
    query: PageQuery.extend({
      status: TicketStatusSchema.optional().openapi(q('status')),
      partnerId: z.string().max(64).optional().openapi(q('partnerId')),
      orderId: z.string().max(64).optional().openapi(q('orderId')),
    }),
  },
  responses: {
    200: {
      description: 'A page of tickets',
      content: { 'application/json': { schema: page(TicketSchema, 'TicketPage') } },
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

export const registerListTickets = (app: App) =>
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const caller = c.get('caller');
    const partnerId = caller.role === 'partner' ? (caller.partnerId ?? '') : query.partnerId;
    const rows = await listTickets(c.get('deps').db, {
      ...query,
      partnerId,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const shown = rows.slice(0, query.limit);
    const last = shown.at(-1);
    return c.json(
      {
        items: shown.map(presentTicket),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
      },
      200,
    );
  });
