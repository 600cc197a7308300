import { createRoute, z } from '@hono/zod-openapi';
import { ReportSummarySchema } from '../../../openapi/reports.js';
import { listPenaltyReports } from '../../../reports/index.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses } from '../../errors.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/reports/penalties',
  tags: ['Reports'],
  summary: 'Penalty reports by month (newest first) with their state and per-partner, per-currency totals',
  ...access('admin', 'finance'),
  responses: {
    200: {
      description: 'Reports',
      content: {
        'application/json': { schema: z.object({ items: z.array(ReportSummarySchema) }).openapi('PenaltyReportList') },
      },
    },
    ...errorResponses,
  },
});

export const registerListReports = (app: App) =>
  app.openapi(route, async (c) => c.json({ items: await listPenaltyReports(c.get('deps').db) }, 200));
