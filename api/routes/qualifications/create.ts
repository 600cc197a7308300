import { createRoute } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { qualifyGrouped } from '../../../partners/directory/qualification-service.js';
import { OFFER_RANKING_RULE } from '../../../partners/directory/qualify.js';
import { LIVE_QUALIFICATION_RULE } from '../../../partners/directory/live-qualification.js';
import { DELIVERY_RULE } from '../../../partners/performance/delivery-estimates.js';
import { QualificationRequestSchema, QualificationSchema, type Qualification } from '../../../openapi/qualification.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { bodyResponses, errorResponses } from '../../errors.js';
import { invalidFields } from './invalid-fields.js';
import { linksById } from '../../links.js';
import { liveQualificationOf } from '../../live-qualification.js';

/** The operation (exported for bench directory's framework-only figure, which serves it without the work). */
export const createQualificationRoute = createRoute({
  method: 'post',
  path: '/api/v1/qualifications',
  tags: ['Qualifications'],
  summary: 'Find and rank the offers of every active partner that covers an address',
  description:
    'Normalises the address (an invalid postcode answers 422 naming `address.postcode`), finds the live coverage of ' +
    'every active partner at the address, keeps only the most specific match per partner, product and bandwidth ' +
    '(address id > full postcode > sector > district > area), applies the product needs (a budget excludes offers in ' +
    `other currencies: there is no currency conversion) and stores the result for 30 days. ${LIVE_QUALIFICATION_RULE} ` +
    `${OFFER_RANKING_RULE} ${DELIVERY_RULE}`,
  ...access('admin', 'desk'),
  request: { body: { required: true, content: { 'application/json': { schema: QualificationRequestSchema } } } },
  responses: {
    201: {
      description: 'The stored qualification with its ranked offers',
      content: { 'application/json': { schema: QualificationSchema } },
      links: linksById({ GetQualification: ['get', '/api/v1/qualifications/{id}'] }),
    },
    ...errorResponses,
    ...bodyResponses,
  },
});

export const registerCreateQualification = (app: App) =>
  app.openapi(createQualificationRoute, async (c) => {
    const deps = c.get('deps');
    const caller = c.get('caller');
    const outcome = await qualifyGrouped(deps.db, {
      request: c.req.valid('json'),
      requestedBy: caller.keyId,
      now: deps.now(),
      live: liveQualificationOf(deps),
    });
    if (!outcome.ok) throw invalidFields(outcome.errors);
    // outcome.body is JSON.stringify(outcome.qualification) as bytes (what c.json would send), mostly serialized once
    // per cached answer; the cast tells the route's types so.
    const res = c.body(outcome.body, 201, {
      'content-type': 'application/json',
      location: `/api/v1/qualifications/${outcome.id}`,
    });
    return res as unknown as TypedResponse<Qualification, 201, 'json'>;
  });
