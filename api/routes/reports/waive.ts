import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { WaiverCreateSchema, WaiverSchema } from '../../../openapi/reports.js';
import { isRefusal, waiveBreach } from '../../../reports/index.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { refusalError } from './refusal.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/breaches/{id}/waive',
  tags: ['Reports'],
  summary: 'Waive a breach with a reason (audited: who, when, why)',
  description:
    "A waived breach's penalty line is 0 and names the waiver: in the next draft of its month, or, when that month " +
    'is final, as an adjustment in the next open month. A breach is waived once (409 after).',
  ...access('admin', 'finance'),
  request: {
    params: IdParam('Breach (SLA fact)', 'fct_Qm2c9vX0aK1p'),
    body: { required: true, content: { 'application/json': { schema: WaiverCreateSchema } } },
  },
  responses: {
    201: { description: 'The waiver', content: { 'application/json': { schema: WaiverSchema } } },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerWaiveBreach = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const caller = c.get('caller');
    const result = await waiveBreach(deps.db, {
      breachId: id,
      reason: c.req.valid('json').reason,
      by: caller.keyId,
      now: deps.now(),
    });
    if (isRefusal(result)) throw refusalError(result);
    deps.log.info({ breachId: id, waiverId: result.id, by: caller.keyId }, 'breach waived');
    return c.json(result, 201);
  });
