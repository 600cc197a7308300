import { createRoute, z } from '@hono/zod-openapi';
import { PartnerBenchmarksSchema } from '../../../openapi/benchmarks.js';
import { benchmarksCsv, partnerBenchmarks } from '../../../partners/performance/benchmarks.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses } from '../../errors.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/partner-benchmarks',
  tags: ['Partners'],
  summary: 'Partners side by side per product and region (a partner key sees only its own rows)',
  description:
    "Over the last `windowDays` days: orders completed and their working days to provide (from the carrier's " +
    "acceptance to completion, the partner's calendar), tickets resolved and their hours to restore, OLA clocks met " +
    'and breached per metric (outcomes final in the window) with the share met and its trend against the window ' +
    'before, breaches, and what frozen penalty reports billed for them. `format=csv` downloads the same rows as CSV.',
  ...access('admin', 'desk', 'finance', 'partner'),
  request: {
    query: z.object({
      windowDays: z.coerce
        .number()
        .int()
        .min(1)
        .max(365)
        .default(90)
        .openapi({ param: { name: 'windowDays', in: 'query' } }),
      format: z
        .enum(['json', 'csv'])
        .default('json')
        .openapi({ param: { name: 'format', in: 'query' } }),
    }),
  },
  responses: {
    200: {
      description: 'The benchmark rows',
      content: {
        'application/json': { schema: PartnerBenchmarksSchema },
        'text/csv': { schema: z.string() },
      },
    },
    ...errorResponses,
  },
});

export const registerPartnerBenchmarks = (app: App) =>
  app.openapi(route, async (c) => {
    const { windowDays, format } = c.req.valid('query');
    const caller = c.get('caller');
    const { db, now } = c.get('deps');
    const benchmarks = await partnerBenchmarks(db, {
      now: now(),
      days: windowDays,
      partnerId: caller.role === 'partner' ? (caller.partnerId ?? '') : undefined,
    });
    if (format === 'csv') {
      return c.body(benchmarksCsv(benchmarks), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="partner-benchmarks-${windowDays}d.csv"`,
      });
    }
    return c.json(benchmarks, 200);
  });
