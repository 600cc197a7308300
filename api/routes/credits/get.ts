import { createRoute } from '@hono/zod-openapi';
import { getCreditClaim } from '../../../db/repositories/credit-claims.js';
import { IdParam } from '../../../openapi/common.js';
import { ClaimWithEvidenceSchema } from '../../../openapi/credits.js';
import { claimEvidence } from '../../../reports/credits/evidence.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses, notFoundResponse } from '../../errors.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/credit-claims/{id}',
  tags: ['Credits'],
  summary: 'A claim with its evidence: the clock instants it was measured on and the events behind them',
  ...access('admin', 'finance'),
  request: { params: IdParam('Credit claim', 'clm_8Qm2c9vX0aK1pL3n') },
  responses: {
    200: { description: 'The claim', content: { 'application/json': { schema: ClaimWithEvidenceSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerGetClaim = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const claim = await getCreditClaim(deps.db, id);
    if (!claim) throw new ApiError('not_found', `No credit claim ${id}`);
    return c.json({ ...claim, evidence: await claimEvidence(deps.db, claim) }, 200);
  });
