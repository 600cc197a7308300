import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { ManualTaskSchema, ResolveTaskSchema } from '../../../openapi/manual-tasks.js';
import { changeDeskTask } from '../../../tails/desk-queue.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import type { Deps } from '../../context.js';
import { ApiError, bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { taskOlaMinutes } from './ola.js';

const params = IdParam('Manual task', 'tsk_4hQm1nX9cZ2aLp0R');
const answered = {
  200: { description: 'The task as it is now', content: { 'application/json': { schema: ManualTaskSchema } } },
  ...errorResponses,
  ...notFoundResponse,
  ...conflictResponse,
};

const claim = createRoute({
  method: 'post',
  path: '/api/v1/manual-tasks/{id}/claim',
  tags: ['Manual tasks'],
  summary: 'Take an open task on (claiming your own claim again changes nothing)',
  description: 'A task claimed by someone else, or closed, answers 409.',
  ...access('admin', 'desk'),
  request: { params },
  responses: answered,
});

const resolve = createRoute({
  method: 'post',
  path: '/api/v1/manual-tasks/{id}/resolve',
  tags: ['Manual tasks'],
  summary: 'Resolve an open task with a note (taking it on if nobody had)',
  description: 'A task claimed by someone else, or closed, answers 409.',
  ...access('admin', 'desk'),
  request: { params, body: { required: true, content: { 'application/json': { schema: ResolveTaskSchema } } } },
  responses: { ...answered, ...bodyResponses },
});

/** A claim or resolution as HTTP: the task, or 404/409 saying why it did not change. */
async function answer(deps: Deps, change: Parameters<typeof changeDeskTask>[1]) {
  const result = await changeDeskTask(deps.db, change, { olaMinutes: taskOlaMinutes(deps), now: deps.now() });
  if (!('refused' in result)) return result.task;
  if (result.refused === 'notFound') throw new ApiError('not_found', `No manual task ${change.id}`);
  throw new ApiError(
    'conflict',
    result.refused === 'closed'
      ? `Task ${change.id} was closed at ${result.task?.closedAt}`
      : `Task ${change.id} is claimed by ${result.task?.claimedBy}`,
  );
}

export const registerChangeManualTask = (app: App) => {
  app.openapi(claim, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await answer(c.get('deps'), { id, by: c.get('caller').keyId, action: 'claim' }), 200);
  });
  app.openapi(resolve, async (c) => {
    const { id } = c.req.valid('param');
    const { note } = c.req.valid('json');
    return c.json(await answer(c.get('deps'), { id, by: c.get('caller').keyId, action: 'resolve', note }), 200);
  });
};
