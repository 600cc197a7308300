import { createRoute } from '@hono/zod-openapi';
import { claimableLines } from '../../../db/repositories/credit-claims.js';
import { ClaimableLineSchema, ClaimableLinesQuery } from '../../../openapi/credits.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { errorResponses, notFoundResponse } from '../../errors.js';
import { z } from '@hono/zod-openapi';
import { visiblePartner } from '../partners/lookup.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/credit-lines',
  tags: ['Credits'],
  summary: "A partner's lines in a finalized month, each with where its claim stands (owed: not claimed yet)",
  description:
    "The carrier's order and circuit references come from the order (a ticket's, from the order it was raised on). " +
    'A month that is not final has no lines here.',
  ...access('admin', 'finance'),
  request: { query: ClaimableLinesQuery },
  responses: {
    200: {
      description: 'The lines, in report order',
      content: { 'application/json': { schema: z.object({ items: z.array(ClaimableLineSchema) }) } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerClaimableLines = (app: App) =>
  app.openapi(route, async (c) => {
    const { month, partnerId } = c.req.valid('query');
    const deps = c.get('deps');
    await visiblePartner(deps, c.get('caller'), partnerId);
    const lines = await claimableLines(deps.db, month, partnerId);
    return c.json({ items: lines.map((l) => ({ ...l, claimState: l.claimState ?? ('owed' as const) })) }, 200);
  });
