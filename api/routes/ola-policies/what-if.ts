import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { WhatIfRequestSchema, WhatIfResponseSchema } from '../../../openapi/what-if.js';
import { evaluateWhatIf } from '../../../reports/what-if/evaluate.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, bodyResponses, errorResponses, notFoundResponse } from '../../errors.js';
import { visiblePartner } from '../partners/lookup.js';
import { financeZone } from '../reports/refusal.js';
import { policyProblem } from './present.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/partners/{id}/policy-what-if',
  tags: ['OLA policies'],
  summary: 'What a policy version or an unsaved draft would measure and charge, before it is signed',
  description:
    'Measures (a) a timeline given in the request and/or (b) the partner’s recorded orders and tickets of chosen ' +
    'months under the policy, with the code production uses: the same event reader, `computeClocks`, jeopardy and ' +
    'breach facts and final outcomes as the clock watch, then the report’s pricing (each clause, tiered outage ' +
    'bands per circuit, the policy’s partner caps). An order or ticket that reached a final state is measured at ' +
    'that instant; one still open as of `asOf` (a timeline) or now (history). History months are capped with the ' +
    'earlier months asked for as their prior (the report uses frozen months), and no waiver applies. Nothing is ' +
    'stored. An invalid draft answers 422 with each wrong field under `policy.document`.',
  ...access('admin', 'finance'),
  request: {
    params: IdParam('Partner', 'ptn_3k2VQn7m1cZx'),
    body: { required: true, content: { 'application/json': { schema: WhatIfRequestSchema } } },
  },
  responses: {
    200: {
      description: 'What the policy makes of them',
      content: { 'application/json': { schema: WhatIfResponseSchema } },
    },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
  },
});

export const registerOlaPolicyWhatIf = (app: App) =>
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const partner = await visiblePartner(deps, c.get('caller'), c.req.valid('param').id);
    const request = c.req.valid('json');
    let result;
    try {
      result = await evaluateWhatIf(deps.db, partner, request, { timeZone: financeZone(deps), now: deps.now() });
    } catch (err) {
      throw policyProblem(err);
    }
    if (!result)
      throw new ApiError(
        'not_found',
        `Partner ${partner.id} has no OLA policy version ${'version' in request.policy ? request.policy.version : ''}`,
      );
    return c.json(result, 200);
  });
