import { createRoute, z } from '@hono/zod-openapi';
import type { Db } from '../../../db/client.js';
import { CsvQuery, MonthParam } from '../../../openapi/reports.js';
import { getPenaltyReport, reportCsvChunks } from '../../../reports/index.js';
import type { App } from '../../app.js';
import { access, requireRole } from '../../auth.js';
import { ApiError, errorResponses, notFoundResponse, validationError } from '../../errors.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/reports/penalties/{month}.csv',
  tags: ['Reports'],
  summary: "A month's penalty report as CSV (all partners, or one with ?partnerId=)",
  description:
    'Stable columns with a header row (see README), streamed page by page; formula-injection safe. The same ' +
    'report gives the same bytes.',
  ...access('admin', 'finance'),
  request: { params: MonthParam, query: CsvQuery },
  responses: {
    200: { description: 'The CSV', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

/**
 * `{month}.csv` is one path segment with a suffix, which a router only matches with a pattern, and a pattern beside
 * `{month}` at the same place would cost every request hono's fastest router (RegExpRouter refuses the pair and
 * every route falls back to the trie). So the operation is documented from `route` and served on `{month}` itself,
 * ahead of the JSON report (get.ts), taking only the paths that end in `.csv`, with the same guard, validating as
 * the others do.
 */
export function registerReportCsv(app: App): void {
  app.openAPIRegistry.registerPath(route);
  app.get('/api/v1/reports/penalties/:month', async (c, next) => {
    const file = c.req.param('month');
    if (!file.endsWith('.csv')) return next();
    requireRole(c.get('caller'), route['x-roles']);
    const params = MonthParam.safeParse({ month: file.slice(0, -'.csv'.length) });
    if (!params.success) throw validationError(params.error, 'param');
    const query = CsvQuery.safeParse(c.req.query());
    if (!query.success) throw validationError(query.error, 'query');
    const { month } = params.data;
    const db = c.get('deps').db;
    if (!getPenaltyReport(db, month))
      throw new ApiError('not_found', `no penalty report for ${month}; POST to generate its draft`);
    return penaltyCsvResponse(db, month, query.data.partnerId);
  });
}

/** A stored month's report as a streamed CSV download (the API's route and the dashboard's finance page). */
export function penaltyCsvResponse(db: Db, month: string, partnerId: string | undefined): Response {
  const chunks = reportCsvChunks(db, month, { partnerId });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      chunks.return(undefined);
    },
  });
  const name = `penalties-${month}${partnerId ? `-${partnerId}` : ''}.csv`;
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` },
  });
}
