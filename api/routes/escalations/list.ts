import { createRoute } from '@hono/zod-openapi';
import { page } from '../../../openapi/common.js';
import { EscalationQuery, EscalationSchema } from '../../../openapi/escalations.js';
import { escalationOutbox } from '../../../tails/notify/outbox.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses } from '../../errors.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/escalations',
  tags: ['Notifications'],
  summary: 'The escalation outbox: every escalation up a partner ladder, whatever its channel, newest first',
  ...access('admin', 'desk'),
  request: { query: EscalationQuery },
  responses: {
    200: {
      description: 'A page of escalations',
      content: { 'application/json': { schema: page(EscalationSchema, 'EscalationPage') } },
    },
    ...errorResponses,
  },
});

export const registerListEscalations = (app: App) =>
  app.openapi(route, async (c) => {
    const { limit, cursor, entityId } = c.req.valid('query');
    const items = await escalationOutbox(c.get('deps').db, { entityId, limit: limit + 1, beforeId: cursor });
    const shown = items.slice(0, limit);
    return c.json({ items: shown, nextCursor: items.length > limit ? (shown.at(-1)?.id ?? null) : null }, 200);
  });
