import { createRoute, z } from '@hono/zod-openapi';
import { MonthParam, ReportSummarySchema } from '../../../openapi/reports.js';
import { finalizeMonth, isRefusal, listPenaltyReports } from '../../../reports/index.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { bodyResponses, conflictResponse, errorResponses } from '../../errors.js';
import { financeZone, refusalError } from './refusal.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/reports/penalties/{month}/finalize',
  tags: ['Reports'],
  summary: "Freeze a month's penalty report",
  description:
    'Freezes the draft as it stands: a final report never changes; anything learned later goes into the next open ' +
    'month as an adjustment line naming the original line. A month not over yet answers 422; no draft, a draft ' +
    'generated before the month ended, or a report already final answers 409.',
  ...access('admin', 'finance'),
  request: {
    params: MonthParam,
    body: {
      required: false,
      content: { 'application/json': { schema: z.object({}).openapi('PenaltyReportFinalize') } },
    },
  },
  responses: {
    200: { description: 'The frozen report', content: { 'application/json': { schema: ReportSummarySchema } } },
    ...errorResponses,
    ...bodyResponses,
    ...conflictResponse,
  },
});

export const registerFinalizeReport = (app: App) =>
  app.openapi(route, async (c) => {
    const { month } = c.req.valid('param');
    const deps = c.get('deps');
    const caller = c.get('caller');
    const result = await finalizeMonth(deps.db, {
      month,
      timeZone: financeZone(deps),
      now: deps.now(),
      by: caller.keyId,
    });
    if (isRefusal(result)) throw refusalError(result, 'month');
    deps.log.info({ month }, 'penalty report finalized');
    return c.json(
      (await listPenaltyReports(deps.db)).find((r) => r.month === month)!,
      200,
    );
  });
