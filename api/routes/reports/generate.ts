import { createRoute } from '@hono/zod-openapi';
import { MonthParam, GeneratedSchema } from '../../../openapi/reports.js';
import { generateDraft, isRefusal } from '../../../reports/index.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { conflictResponse, errorResponses } from '../../errors.js';
import { financeZone, refusalError } from './refusal.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/reports/penalties/{month}',
  tags: ['Reports'],
  summary: "Generate (or re-generate) a month's penalty report draft",
  description:
    'Prices every breach that became final in the month (finance time zone) and the adjustments frozen months owe, ' +
    'applies partner caps, and replaces the draft in one step. A final month, or one being generated already, answers 409.',
  ...access('admin', 'finance'),
  request: { params: MonthParam },
  responses: {
    201: { description: 'The draft was written', content: { 'application/json': { schema: GeneratedSchema } } },
    ...errorResponses,
    ...conflictResponse,
  },
});

export const registerGenerateReport = (app: App) =>
  app.openapi(route, async (c) => {
    const { month } = c.req.valid('param');
    const deps = c.get('deps');
    const caller = c.get('caller');
    const result = await generateDraft(deps.db, {
      month,
      timeZone: financeZone(deps),
      now: deps.now(),
      by: caller.keyId,
    });
    if (isRefusal(result)) throw refusalError(result, 'month');
    deps.log.info({ month, lines: result.lines }, 'penalty report drafted');
    return c.json({ month, state: 'draft' as const, lines: result.lines }, 201);
  });
