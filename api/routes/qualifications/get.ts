import { createRoute } from '@hono/zod-openapi';
import { findQualification } from '../../../partners/directory/qualification-service.js';
import { IdParam } from '../../../openapi/common.js';
import { QualificationSchema } from '../../../openapi/qualification.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, errorResponses, notFoundResponse } from '../../errors.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/qualifications/{id}',
  tags: ['Qualifications'],
  summary: 'Get a stored qualification and its ranked offers',
  description:
    'A qualification is kept for QUALIFICATION_RETENTION_DAYS (90 by default) after it expired, then deleted (404), ' +
    'unless an order was placed from one of its offers: that one is kept for good.',
  ...access('admin', 'desk'),
  request: { params: IdParam('Qualification', 'qlf_4hQm2Xw9TtLr') },
  responses: {
    200: { description: 'The qualification', content: { 'application/json': { schema: QualificationSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerGetQualification = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const found = await findQualification(c.get('deps').db, id);
    if (!found) throw new ApiError('not_found', `No qualification ${id}`);
    return c.json(found.qualification, 200);
  });
