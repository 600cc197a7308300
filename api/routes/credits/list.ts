import { createRoute } from '@hono/zod-openapi';
import { listCreditClaims } from '../../../db/repositories/credit-claims.js';
import { page } from '../../../openapi/common.js';
import { ClaimListQuery, CreditClaimSchema, CreditSummarySchema } from '../../../openapi/credits.js';
import { creditSummary } from '../../../reports/credits/summary.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses } from '../../errors.js';

const list = createRoute({
  method: 'get',
  path: '/api/v1/credit-claims',
  tags: ['Credits'],
  summary: 'Claims, oldest claimed first, optionally one partner’s and in one state',
  ...access('admin', 'finance'),
  request: { query: ClaimListQuery },
  responses: {
    200: {
      description: 'A page of claims',
      content: { 'application/json': { schema: page(CreditClaimSchema, 'CreditClaimPage') } },
    },
    ...errorResponses,
  },
});

const summary = createRoute({
  method: 'get',
  path: '/api/v1/credit-summary',
  tags: ['Credits'],
  summary: 'Per partner and currency: owed, claimed, disputed, received, written off; unsettled claims by age',
  description: 'Ages are whole days from the day a claim was claimed to today (UTC).',
  ...access('admin', 'finance'),
  responses: {
    200: { description: 'Totals and ageing', content: { 'application/json': { schema: CreditSummarySchema } } },
    ...errorResponses,
  },
});

export const registerListClaims = (app: App) => {
  app.openapi(list, async (c) => {
    const { limit, cursor, partnerId, state } = c.req.valid('query');
    const claims = await listCreditClaims(c.get('deps').db, {
      partnerId,
      ...(state && { states: [state] }),
      limit: limit + 1,
      ...(cursor && { afterId: cursor }),
    });
    const shown = claims.slice(0, limit);
    return c.json({ items: shown, nextCursor: claims.length > limit ? (shown.at(-1)?.id ?? null) : null }, 200);
  });
  app.openapi(summary, async (c) => {
    const deps = c.get('deps');
    return c.json(await creditSummary(deps.db, deps.now()), 200);
  });
};
