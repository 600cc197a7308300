import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { CreditNoteCsvBody, CreditNoteImportSchema, CreditNoteUploadQuery } from '../../../openapi/credit-notes.js';
import { importCreditNotes } from '../../../reports/credits/import.js';
import { isRefusal } from '../../../reports/index.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { isCsvMediaType, mediaTypeOf } from '../../media-types.js';
import { visiblePartner } from '../partners/lookup.js';
import { refusalError } from '../reports/refusal.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/partners/{id}/credit-notes',
  tags: ['Credits'],
  summary: "Import a carrier's credit-note CSV and match its credits to the partner's open claims",
  description:
    'Each credit settles the open claims carrying its references (claim, circuit or carrier order reference), oldest ' +
    'first, up to its amount. The answer flags short credits (less than the claims they match), unexpected ones ' +
    '(matching no open claim, or more than it), rows already applied by an earlier import, and open claims no credit ' +
    'matched (missing). A file with one invalid row imports nothing (422, each problem naming `rows.<n>.<column>`).',
  ...access('admin', 'finance'),
  request: {
    params: IdParam('Partner', 'ptn_3k2VQn7m1cZx'),
    query: CreditNoteUploadQuery,
    body: { required: true, content: { 'text/csv': { schema: CreditNoteCsvBody } } },
  },
  responses: {
    201: { description: 'Imported and matched', content: { 'application/json': { schema: CreditNoteImportSchema } } },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerImportCreditNotes = (app: App) =>
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const caller = c.get('caller');
    const partner = await visiblePartner(deps, caller, c.req.valid('param').id);
    const contentType = c.req.header('content-type');
    if (!isCsvMediaType(contentType))
      throw new ApiError('unsupported_media_type', 'Send the credit notes as Content-Type: text/csv', [
        { path: 'content-type', message: `must be text/csv, not ${mediaTypeOf(contentType) || 'missing'}` },
      ]);
    // Capped at 1 MiB before it was read (api/body-limits.ts).
    const result = await importCreditNotes(deps.db, {
      partnerId: partner.id,
      csv: await c.req.text(),
      fileName: c.req.valid('query').fileName,
      by: caller.keyId,
      now: deps.now(),
    });
    if ('problems' in result)
      throw new ApiError(
        'validation_failed',
        'The credit-note file is invalid, so nothing was imported',
        result.problems,
      );
    if (isRefusal(result)) throw refusalError(result);
    deps.log.info({ partnerId: partner.id, importId: result.id }, 'credit notes imported');
    return c.json(result, 201);
  });
