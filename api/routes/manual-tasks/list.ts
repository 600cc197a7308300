import { createRoute } from '@hono/zod-openapi';
import { page } from '../../../openapi/common.js';
import { ManualTaskQuery, ManualTaskSchema } from '../../../openapi/manual-tasks.js';
import { listDeskQueue } from '../../../tails/desk-queue.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import { taskOlaMinutes } from './ola.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/manual-tasks',
  tags: ['Manual tasks'],
  summary: "The desk's queue: what workflows and refused carrier updates hand to a person, with its age",
  ...access('admin', 'desk'),
  request: { query: ManualTaskQuery },
  responses: {
    200: {
      description: 'A page of tasks',
      content: { 'application/json': { schema: page(ManualTaskSchema, 'ManualTaskPage') } },
    },
    ...errorResponses,
  },
});

export const registerListManualTasks = (app: App) =>
  app.openapi(route, async (c) => {
    const { limit, cursor, status } = c.req.valid('query');
    const deps = c.get('deps');
    const items = await listDeskQueue(deps.db, {
      status,
      limit: limit + 1,
      afterId: cursor,
      olaMinutes: taskOlaMinutes(deps),
      now: deps.now(),
    });
    const shown = items.slice(0, limit);
    return c.json({ items: shown, nextCursor: items.length > limit ? (shown.at(-1)?.id ?? null) : null }, 200);
  });
