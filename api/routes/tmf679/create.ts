import { createRoute } from '@hono/zod-openapi';
import { Tmf679QualificationCreateSchema, Tmf679QualificationSchema } from '../../../openapi/tmf679.js';
import { qualifyGrouped } from '../../../partners/directory/qualification-service.js';
import { OFFER_RANKING_RULE } from '../../../partners/directory/qualify.js';
import { DELIVERY_RULE } from '../../../partners/performance/delivery-estimates.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { tmfBodyResponses, tmfErrorResponses } from '../../tmf-errors.js';
import { invalidFields } from '../qualifications/invalid-fields.js';
import { qualificationRequestFromTmf } from '../../../partners/adapters/tmf679/read.js';
import { TMF679_PATH, tmfQualificationOf, type Tmf679Source } from '../../../partners/adapters/tmf679/write.js';
import { linksById } from '../../links.js';

const route = createRoute({
  method: 'post',
  path: TMF679_PATH,
  tags: ['TMF679 Product Offering Qualification'],
  summary: 'Qualify a site for a product (TMF679 v4); the same qualification as POST /api/v1/qualifications',
  description:
    'One item per request: its product place (or the top-level place) is the site, `productOffering.id` our product ' +
    'code, and the `bandwidth` / `maxLeadTimeDays` product characteristics the other needs. Answered synchronously ' +
    `(state done); each offer is an alternateProductOfferingProposal, best first. ${OFFER_RANKING_RULE} ${DELIVERY_RULE}`,
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
    const caller = c.get('caller');
    const mapped = qualificationRequestFromTmf(c.req.valid('json'));
    if (!mapped.ok) throw invalidFields(mapped.errors);
    const source: Tmf679Source = {
      api: 'tmf679',
      itemId: mapped.itemId,
      productOfferingId: mapped.request.productNeeds.productCode,
    };
    const outcome = await qualifyGrouped(deps.db, {
      request: mapped.request,
      requestedBy: caller.keyId,
      now: deps.now(),
      source,
    });
    if (!outcome.ok) throw invalidFields(outcome.errors.map((e) => ({ ...e, path: mapped.toTmfPath(e.path) })));
    const body = tmfQualificationOf(outcome.qualification, source);
    return c.json(body, 201, { location: body.href });
  });
