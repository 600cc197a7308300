import { createRoute, z } from '@hono/zod-openapi';
import { ClaimCreateSchema, CreditClaimSchema } from '../../../openapi/credits.js';
import { claimLines } from '../../../reports/credits/claims.js';
import { isRefusal } from '../../../reports/index.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { visiblePartner } from '../partners/lookup.js';
import { refusalError } from '../reports/refusal.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/credit-claims',
  tags: ['Credits'],
  summary: "Claim a partner's finalized lines from it under one claim reference",
  description:
    'Claims the named lines, or every owed line of the partner in the month. Sending the same claim again answers ' +
    'the same claims; a line claimed under another reference answers 409, as does a month that is not final. ' +
    'Lines with nothing to claim (zero, or a negative adjustment) answer 422 naming `lineIds`.',
  ...access('admin', 'finance'),
  request: { body: { required: true, content: { 'application/json': { schema: ClaimCreateSchema } } } },
  responses: {
    201: {
      description: 'The claims, one per line',
      content: { 'application/json': { schema: z.object({ items: z.array(CreditClaimSchema) }) } },
    },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const registerClaimLines = (app: App) =>
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const deps = c.get('deps');
    const caller = c.get('caller');
    await visiblePartner(deps, caller, body.partnerId);
    const claims = await claimLines(deps.db, { ...body, by: caller.keyId, now: deps.now() });
    if (isRefusal(claims)) throw refusalError(claims);
    deps.log.info({ partnerId: body.partnerId, month: body.month, claims: claims.length }, 'penalty lines claimed');
    return c.json({ items: claims }, 201);
  });
