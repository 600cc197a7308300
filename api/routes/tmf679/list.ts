import { createRoute, z } from '@hono/zod-openapi';
import { Tmf679QualificationSchema } from '../../../openapi/tmf679.js';
import { filtersOf, matchesFilters, selectFields } from '../../../partners/adapters/tmf630.js';
import { TMF679_PATH } from '../../../partners/adapters/tmf679/write.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { tmfErrorResponses } from '../../tmf-errors.js';
import { FieldsQuery, OffsetQuery } from '../tmf630-list.js';
import { newestServedIds, servedQualification } from './served.js';

/** How many of the newest qualifications a filtered list looks through (qualifications are kept a short while). */
export const LIST_SCAN_LIMIT = 5_000;
const PAGE = 200;

const route = createRoute({
  method: 'get',
  path: TMF679_PATH,
  tags: ['TMF679 Product Offering Qualification'],
  summary: 'List qualifications (TMF679 v4), newest first, with TMF630 attribute filters and field selection',
  description:
    'Any other query parameter is an attribute filter compared as text, dotted paths reaching into nested objects ' +
    'and lists (`state=done`, `productOfferingQualificationItem.productOffering.id=ETH-100`). Filters look through ' +
    `the ${LIST_SCAN_LIMIT} newest qualifications. X-Result-Count is the number returned.`,
  ...access('admin', 'desk'),
  request: {
    query: z.object({
      offset: OffsetQuery,
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(100)
        .default(20)
        .openapi({ param: { name: 'limit', in: 'query' } }),
      fields: FieldsQuery,
    }),
  },
  responses: {
    200: {
      description: 'The qualifications',
      content: { 'application/json': { schema: z.array(Tmf679QualificationSchema.partial()) } },
    },
    ...tmfErrorResponses,
  },
});

export const registerListTmf679Qualifications = (app: App) =>
  app.openapi(route, async (c) => {
    const { offset, limit, fields } = c.req.valid('query');
    const filters = filtersOf(c.req.query());
    const { db } = c.get('deps');
    const found: object[] = [];
    let skipped = 0;
    let beforeId: string | undefined;
    for (let scanned = 0; scanned < LIST_SCAN_LIMIT && found.length < limit; scanned += PAGE) {
      const ids = await newestServedIds(db, { beforeId, limit: PAGE });
      for (const id of ids) {
        const served = await servedQualification(db, id);
        if (!served || !matchesFilters(served, filters)) continue;
        if (skipped < offset) skipped += 1;
        else if (found.length < limit) found.push(selectFields(served, fields));
      }
      if (ids.length < PAGE) break;
      beforeId = ids.at(-1);
    }
    return c.json(found, 200, { 'x-result-count': String(found.length) });
  });
