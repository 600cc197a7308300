import { createRoute } from '@hono/zod-openapi';
import { page } from '../../../openapi/common.js';
import { EscalationQuery, EscalationSchema } from '../../../openapi/escalations.js';
import { escalationOutbox } from '../../../tails/notify/outbox.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses } from '../../errors.js';

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
    const { limit, cursor, entityType, entityId } = c.req.valid('query');
    if (Boolean(entityType) !== Boolean(entityId)) {
      const field = entityType ? 'entityId' : 'entityType';
      throw new ApiError('validation_failed', 'entityType and entityId go together', [
        { path: field, message: 'give both entityType and entityId, or neither' },
      ]);
    }
    const entity = entityType && entityId ? { type: entityType, id: entityId } : undefined;
    const items = await escalationOutbox(c.get('deps').db, { entity, limit: limit + 1, beforeId: cursor });
    const shown = items.slice(0, limit);
    return c.json({ items: shown, nextCursor: items.length > limit ? (shown.at(-1)?.id ?? null) : null }, 200);
  });
