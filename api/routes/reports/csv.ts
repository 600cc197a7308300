import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import zlib from 'node:zlib';
import { createRoute, z } from '@hono/zod-openapi';
import type { Db } from '../../../db/client.js';
import { reportFileChunk } from '../../../db/repositories/report-files.js';
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
    'Stable columns with a header row (see README); formula-injection safe. The same report gives the same bytes. ' +
    'A draft is streamed page by page from its lines; a final month is served from the files its finalization ' +
    'stored, gzip-encoded (Content-Encoding: gzip) when Accept-Encoding allows it.',
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
    if (!(await getPenaltyReport(db, month)))
      throw new ApiError('not_found', `no penalty report for ${month}; POST to generate its draft`);
    return await penaltyCsvResponse(db, month, query.data.partnerId, c.req.header('accept-encoding'));
  });
}

/** Whether an Accept-Encoding header takes gzip (listed, or `*`, with a q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/**
 * A stored month's report as a CSV download (the API's route and the dashboard's finance page). A frozen month is
 * served from the files its finalization stored (reports/snapshot.ts): as they are, gzip-encoded, to a client that
 * accepts gzip, otherwise decompressed on the way. A draft is streamed page by page from its lines. Same bytes
 * either way.
 */
export async function penaltyCsvResponse(
  db: Db,
  month: string,
  partnerId: string | undefined,
  acceptEncoding: string | undefined,
): Promise<Response> {
  const name = `penalties-${month}${partnerId ? `-${partnerId}` : ''}.csv`;
  const headers: Record<string, string> = {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    vary: 'accept-encoding',
  };
  const stored = await storedFileStream(db, month, partnerId ?? '');
  if (stored && acceptsGzip(acceptEncoding)) {
    return new Response(stored, { status: 200, headers: { ...headers, 'content-encoding': 'gzip' } });
  }
  if (stored) return new Response(gunzipped(stored), { status: 200, headers });
  const chunks = reportCsvChunks(db, month, { partnerId });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, { status: 200, headers });
}

/** Decompressed by node's zlib in large output chunks (a web DecompressionStream ran 4x slower here). */
function gunzipped(gzip: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const inflate = zlib.createGunzip({ chunkSize: 1 << 18 });
  // A failing read destroys the output with its error, so the download ends in an error, not a truncated file.
  pipeline(Readable.fromWeb(gzip as NodeReadableStream<Uint8Array>), inflate, () => undefined);
  return Readable.toWeb(inflate) as ReadableStream<Uint8Array>;
}

/** A final month's stored gzip file, a chunk per pull; none for a draft or a partner without lines. */
async function storedFileStream(
  db: Db,
  month: string,
  partnerId: string,
): Promise<ReadableStream<Uint8Array> | undefined> {
  const first = await reportFileChunk(db, month, partnerId, 0);
  if (!first) return undefined;
  let next = 1;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(first));
    },
    async pull(controller) {
      const chunk = await reportFileChunk(db, month, partnerId, next++);
      if (chunk) controller.enqueue(new Uint8Array(chunk));
      else controller.close();
    },
  });
}
