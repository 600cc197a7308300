import { createRoute, z } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { Tmf679QualificationSchema } from '../../../openapi/tmf679.js';
import { selectFields } from '../../../partners/adapters/tmf630.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError } from '../../errors.js';
import { tmfErrorResponses, tmfNotFoundResponse } from '../../tmf-errors.js';
import { TMF679_PATH } from '../../../partners/adapters/tmf679/write.js';
import { FieldsQuery } from '../tmf630-list.js';
import { servedQualification } from './served.js';

const route = createRoute({
  method: 'get',
  path: `${TMF679_PATH}/{id}`,
  tags: ['TMF679 Product Offering Qualification'],
  summary: 'Get a qualification as a TMF679 v4 ProductOfferingQualification (`fields=` selects attributes)',
  ...access('admin', 'desk'),
  request: { params: IdParam('Qualification', 'qlf_4hQm2Xw9TtLr'), query: z.object({ fields: FieldsQuery }) },
  responses: {
    200: {
      description: 'The qualification',
      content: { 'application/json': { schema: Tmf679QualificationSchema.partial() } },
    },
    ...tmfErrorResponses,
    ...tmfNotFoundResponse,
  },
});

export const registerGetTmf679Qualification = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const served = await servedQualification(c.get('deps').db, id);
    if (!served) throw new ApiError('not_found', `No productOfferingQualification ${id}`);
    return c.json(selectFields(served, c.req.valid('query').fields), 200);
  });
