import { createRoute } from '@hono/zod-openapi';
import { MonthParam, ReportDetailSchema, ReportLinesQuery } from '../../../openapi/reports.js';
import { getPenaltyReport, penaltyReportLines } from '../../../reports/index.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses, notFoundResponse } from '../../errors.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/reports/penalties/{month}',
  tags: ['Reports'],
  summary: "A month's penalty report: totals, OLA conformance, mean times, and a page of lines",
  ...access('admin', 'finance'),
  request: { params: MonthParam, query: ReportLinesQuery },
  responses: {
    200: { description: 'The report', content: { 'application/json': { schema: ReportDetailSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerGetReport = (app: App) =>
  app.openapi(route, async (c) => {
    const { month } = c.req.valid('param');
    const q = c.req.valid('query');
    const db = c.get('deps').db;
    const report = await getPenaltyReport(db, month);
    if (!report) throw new ApiError('not_found', `no penalty report for ${month}; POST to generate its draft`);
    const page = await penaltyReportLines(db, month, {
      partnerId: q.partnerId,
      afterLineNo: q.cursor ? Number(q.cursor) : 0,
      limit: q.limit,
    });
    return c.json(
      { ...report, lines: page.lines, nextCursor: page.nextAfter === null ? null : String(page.nextAfter) },
      200,
    );
  });
