import { createRoute, z } from '@hono/zod-openapi';
import { AtRiskSchema } from '../../../openapi/sla.js';
import { orderSlaContext, ticketSlaContext } from '../../../tails/sla/context.js';
import { jeopardyBoard } from '../../../tails/sla/jeopardy.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses } from '../../errors.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/jeopardy',
  tags: ['SLA'],
  summary: 'Open orders and tickets at risk, sorted by time to breach (or by risk), with the clock at risk',
  ...access('admin', 'desk', 'partner'),
  request: {
    query: z.object({
      sort: z
        .enum(['timeToBreach', 'risk'])
        .default('timeToBreach')
        .openapi({
          param: { name: 'sort', in: 'query' },
          description: "risk: the lowest chance of delivery on time first (orders' onTimeProbability), unknown last",
        }),
    }),
  },
  responses: {
    200: {
      description: 'At risk, soonest breach first',
      content: { 'application/json': { schema: z.object({ items: z.array(AtRiskSchema) }) } },
    },
    ...errorResponses,
  },
});

export const registerJeopardy = (app: App) =>
  app.openapi(route, async (c) => {
    const { db, now } = c.get('deps');
    const caller = c.get('caller');
    const items = await jeopardyBoard(db, {
      sort: c.req.valid('query').sort,
      now: now(),
      partnerId: caller.role === 'partner' ? (caller.partnerId ?? '') : undefined,
      contextOf: async (type, id) =>
        type === 'order' ? await orderSlaContext(db, id) : await ticketSlaContext(db, id),
    });
    return c.json({ items }, 200);
  });
