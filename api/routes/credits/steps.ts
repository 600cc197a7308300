import { createRoute, type z } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import {
  AcknowledgeSchema,
  CreditClaimSchema,
  DisputeSchema,
  SettleSchema,
  WriteOffSchema,
} from '../../../openapi/credits.js';
import { changeClaim, type ClaimStep } from '../../../reports/credits/claims.js';
import { isRefusal } from '../../../reports/index.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { refusalError } from '../reports/refusal.js';

/** Each step of a claim after it was claimed: its path segment, body, the states it leaves from, and its step. */
const steps = [
  {
    path: 'acknowledge',
    schema: AcknowledgeSchema,
    from: 'claimed',
    step: 'acknowledge',
    summary: 'acknowledged the claim',
  },
  {
    path: 'dispute',
    schema: DisputeSchema,
    from: 'claimed or acknowledged',
    step: 'dispute',
    summary: 'disputed the claim (reason)',
  },
  {
    path: 'settle',
    schema: SettleSchema,
    from: 'claimed, acknowledged or disputed',
    step: 'settle',
    summary: 'settled the claim with a credit note',
  },
  {
    path: 'write-off',
    schema: WriteOffSchema,
    from: 'claimed, acknowledged or disputed',
    step: 'writeOff',
    summary: 'will not pay: the claim is written off (reason)',
  },
] as const;

export const registerClaimSteps = (app: App) => {
  for (const s of steps) {
    const route = createRoute({
      method: 'post',
      path: `/api/v1/credit-claims/{id}/${s.path}`,
      tags: ['Credits'],
      summary: `Record that the carrier ${s.summary}`,
      description:
        `Allowed from ${s.from}; otherwise 409.` +
        (s.step === 'settle' ? ' Received less than claimed is a short settlement; more answers 422.' : ''),
      ...access('admin', 'finance'),
      request: {
        params: IdParam('Credit claim', 'clm_8Qm2c9vX0aK1pL3n'),
        body: { required: true, content: { 'application/json': { schema: s.schema } } },
      },
      responses: {
        200: { description: 'The claim as it is now', content: { 'application/json': { schema: CreditClaimSchema } } },
        ...errorResponses,
        ...bodyResponses,
        ...notFoundResponse,
        ...conflictResponse,
      },
    });
    app.openapi(route, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json') as z.infer<(typeof steps)[number]['schema']>;
      const deps = c.get('deps');
      const caller = c.get('caller');
      const change = { ...body, step: s.step } as ClaimStep;
      const claim = await changeClaim(deps.db, { id, change, by: caller.keyId, now: deps.now() });
      if (isRefusal(claim)) throw refusalError(claim);
      deps.log.info({ claimId: id, step: s.step, by: caller.keyId }, 'credit claim changed');
      return c.json(claim, 200);
    });
  }
};
