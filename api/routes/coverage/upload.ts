import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import {
  CoverageCsvBody,
  CoverageImportSchema,
  CoverageUploadQuery,
  type CoverageImport,
} from '../../../openapi/coverage.js';
import { ProblemSchema } from '../../../openapi/problem.js';
import { importCoverage, type CoverageImportResult } from '../../../partners/directory/coverage-import.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { bodyResponses, errorResponses, notFoundResponse } from '../../errors.js';
import { visiblePartner } from '../partners/lookup.js';
import { csvRequestBody, rejectedUploadError, uploadError } from './csv-upload.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/partners/{id}/coverage',
  tags: ['Coverage'],
  summary: "Replace a partner's coverage with a CSV file",
  description:
    'Streams the file, validates every row and records the upload as a coverage version. Readers switch from the old ' +
    "coverage to the new in one step. One invalid row (or a row repeating an earlier row's location_key, product_code " +
    'and bandwidth_mbps) rejects the whole file with 422 and `rejectedRows`, unless `skipInvalid=true`. ' +
    'A partner key may upload only its own coverage.',
  ...access('admin', 'partner'),
  request: {
    params: IdParam('Partner', 'ptn_3k2VQn7m1cZx'),
    query: CoverageUploadQuery,
    body: { required: true, content: { 'text/csv': { schema: CoverageCsvBody } } },
  },
  responses: {
    201: {
      description: 'Imported; the new version is current',
      content: { 'application/json': { schema: CoverageImportSchema } },
    },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
    413: {
      description: 'The file is larger than 512 MiB',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  },
});

const present = (result: CoverageImportResult): CoverageImport => ({
  version: result.version,
  rowsRead: result.rowsRead,
  rowsImported: result.rowsImported,
  rowsRejected: result.rowsRejected,
  rejectedRows: result.rejections.map(({ row, reason }) => ({ row, reason })),
});

export const registerUploadCoverage = (app: App) =>
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const caller = c.get('caller');
    const partner = await visiblePartner(deps, caller, c.req.valid('param').id);
    const skipInvalid = c.req.valid('query').skipInvalid === 'true';
    const csv = csvRequestBody(c.req.raw);
    const result = await importCoverage({
      db: deps.db,
      partnerId: partner.id,
      source: `api:${caller.keyId}`,
      csv,
      skipInvalid,
      now: deps.now,
    }).catch((err: unknown) => {
      throw uploadError(err);
    });
    if (result.outcome !== 'imported') throw rejectedUploadError(result);
    deps.log.info(
      { partnerId: partner.id, versionId: result.version.id, rows: result.rowsImported },
      'coverage imported',
    );
    return c.json(present(result), 201);
  });
