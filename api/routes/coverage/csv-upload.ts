import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { coverageCsvColumns } from '../../../openapi/coverage.js';
import { CoverageHeaderError, type CoverageImportResult } from '../../../partners/directory/coverage-import.js';
import { CsvFileError } from '../../../partners/directory/csv-records.js';
import { ApiError } from '../../errors.js';
import { isCsvMediaType, mediaTypeOf } from '../../media-types.js';

/** Large enough for a few million rows; a cap so one upload cannot fill the disk or run for hours. */
export const MAX_COVERAGE_UPLOAD_BYTES = 512 * 1024 * 1024;
const tooLarge = (maxBytes: number) =>
  new ApiError('payload_too_large', `A coverage file may be at most ${maxBytes / 1024 / 1024} MiB`);

/**
 * The request body as a stream of byte chunks, never buffered whole. The size cap is checked up front when the
 * client declares a length, and counted as bytes arrive when it streams (chunked) — hono's bodyLimit would
 * buffer a chunked body in memory to count it.
 */
export function csvRequestBody(request: Request, maxBytes = MAX_COVERAGE_UPLOAD_BYTES): AsyncIterable<Uint8Array> {
  const contentType = request.headers.get('content-type') ?? undefined;
  if (!isCsvMediaType(contentType)) {
    throw new ApiError('unsupported_media_type', 'Send the coverage file as Content-Type: text/csv', [
      { path: 'content-type', message: `must be text/csv, not ${mediaTypeOf(contentType) || 'missing'}` },
    ]);
  }
  const declared = Number(request.headers.get('content-length') ?? 'NaN');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return (async function* () {})();
  return capped(Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>), maxBytes);
}

async function* capped(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let seen = 0;
  for await (const chunk of chunks) {
    seen += chunk.byteLength;
    if (seen > maxBytes) throw tooLarge(maxBytes);
    yield chunk;
  }
}

/** Domain errors of an upload as problem+json; anything else is passed on to the error handler unchanged. */
export function uploadError(err: unknown): unknown {
  if (err instanceof CoverageHeaderError) {
    return new ApiError(
      'validation_failed',
      `The CSV header must name exactly these columns: ${coverageCsvColumns.join(', ')} (${err.message})`,
      err.problems.map((p) => ({ path: `header.${p.column}`, message: p.message })),
      { expectedColumns: coverageCsvColumns },
    );
  }
  if (err instanceof CsvFileError) {
    return new ApiError('unprocessable', `The file cannot be read as CSV after row ${err.afterRow}: ${err.message}`, [
      { path: 'body', message: err.message },
    ]);
  }
  return err;
}

/** A rejected or empty upload: the problem carries the counts and the first rejected rows, each naming its column. */
export function rejectedUploadError(result: CoverageImportResult): ApiError {
  const extra = {
    versionId: result.version.id,
    rowsRead: result.rowsRead,
    rowsRejected: result.rowsRejected,
    rejectedRows: result.rejections.map(({ row, reason }) => ({ row, reason })),
  };
  if (result.outcome === 'empty') {
    const why = result.rowsRead === 0 ? 'the file has no data rows' : 'no row is valid';
    const detail = `Nothing to import: ${why}; the current coverage is unchanged`;
    return new ApiError('unprocessable', detail, [{ path: 'body', message: why }], extra);
  }
  const errors = result.rejections.flatMap(({ row, problems }) =>
    problems.map((p) => ({ path: p.column ? `rows.${row}.${p.column}` : `rows.${row}`, message: p.message })),
  );
  return new ApiError(
    'validation_failed',
    `${result.rowsRejected} of ${result.rowsRead} rows are invalid, so nothing was imported; ` +
      'send skipInvalid=true to import the valid rows alone',
    errors,
    extra,
  );
}
