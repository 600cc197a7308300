import { createRoute } from '@hono/zod-openapi';
import { Tmf679QualificationCreateSchema, Tmf679QualificationSchema } from '../../../openapi/tmf679.js';
import { OFFER_RANKING_RULE } from '../../../partners/directory/qualify.js';
import { DELIVERY_RULE } from '../../../partners/performance/delivery-estimates.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { tmfBodyResponses, tmfErrorResponses } from '../../tmf-errors.js';
import { invalidFields } from '../qualifications/invalid-fields.js';
import { itemRequestFromTmf, type MappedItem } from '../../../partners/adapters/tmf679/read.js';
import { qualifyOne, qualifySeveral } from './qualify-items.js';
import { TMF679_PATH } from '../../../partners/adapters/tmf679/write.js';
import { linksById } from '../../links.js';
import { liveQualificationOf } from '../../live-qualification.js';

const route = createRoute({
  method: 'post',
  path: TMF679_PATH,
  tags: ['TMF679 Product Offering Qualification'],
  summary: 'Qualify sites for products (TMF679 v4), item by item, as POST /api/v1/qualifications does',
  description:
    'Each item is qualified on its own: its product place (or the top-level place) is the site, ' +
    '`productOffering.id` our product code, and the `bandwidth` / `maxLeadTimeDays` product characteristics the ' +
    'other needs. An item naming no site is answered unqualified (eligibilityUnavailabilityReason `noPlace`), not ' +
    'refused. Answered synchronously (state done); each offer is an alternateProductOfferingProposal, best first, ' +
    'whose id is the offer id an order refers to. One item with a site is that qualification (the same as POST ' +
    '/api/v1/qualifications); several items are one resource whose qualificationResult is `qualified` only when ' +
    `every item is. ${OFFER_RANKING_RULE} ${DELIVERY_RULE}`,
  ...access('admin', 'desk'),
  request: { body: { required: true, content: { 'application/json': { schema: Tmf679QualificationCreateSchema } } } },
  responses: {
    201: {
      description: 'The stored qualification',
      content: { 'application/json': { schema: Tmf679QualificationSchema } },
      links: linksById({
        GetQualification: ['get', '/tmf-api/productOfferingQualification/v4/productOfferingQualification/{id}'],
      }),
    },
    ...tmfErrorResponses,
    ...tmfBodyResponses,
  },
});

export const registerCreateTmf679Qualification = (app: App) =>
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const body = c.req.valid('json');
    const items = body.productOfferingQualificationItem.map((_, i) => itemRequestFromTmf(body, i));
    const invalid = items.flatMap((item) => (item.kind === 'invalid' ? item.errors : []));
    if (invalid.length > 0) throw invalidFields(invalid);
    const request = { requestedBy: c.get('caller').keyId, now: deps.now(), live: liveQualificationOf(deps) };
    const [only] = items;
    const answer =
      items.length === 1 && only?.kind === 'placed'
        ? await qualifyOne(deps.db, only, request)
        : await qualifySeveral(deps.db, items as Exclude<MappedItem, { kind: 'invalid' }>[], request);
    return c.json(answer, 201, { location: answer.href });
  });
