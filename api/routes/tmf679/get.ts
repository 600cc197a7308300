import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { Tmf679QualificationSchema } from '../../../openapi/tmf679.js';
import { findQualification } from '../../../partners/directory/qualification-service.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses, notFoundResponse } from '../../errors.js';
import { TMF679_PATH, tmfQualificationOf, type Tmf679Source } from '../../../partners/adapters/tmf679/write.js';

const route = createRoute({
  method: 'get',
  path: `${TMF679_PATH}/{id}`,
  tags: ['TMF679 Product Offering Qualification'],
  summary: 'Get a qualification as a TMF679 v4 ProductOfferingQualification',
  ...access('admin', 'desk'),
  request: { params: IdParam('Qualification', 'qlf_4hQm2Xw9TtLr') },
  responses: {
    200: { description: 'The qualification', content: { 'application/json': { schema: Tmf679QualificationSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerGetTmf679Qualification = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const found = await findQualification(c.get('deps').db, id);
    if (!found) throw new ApiError('not_found', `No productOfferingQualification ${id}`);
    // Qualifications asked through /api/v1 have no TMF item id; they show as item "1".
    const source: Tmf679Source =
      found.source.api === 'tmf679'
        ? (found.source as Tmf679Source)
        : { api: 'tmf679', itemId: '1', productOfferingId: found.qualification.productNeeds.productCode };
    return c.json(tmfQualificationOf(found.qualification, source), 200);
  });
