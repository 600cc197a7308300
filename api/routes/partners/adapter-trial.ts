import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '../../../openapi/common.js';
import { AdapterTrialRequestSchema, AdapterTrialSchema } from '../../../openapi/adapter-trial.js';
import { tryMapping } from '../../../partners/adapters/mapping-trial.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError, bodyResponses, errorResponses, notFoundResponse } from '../../errors.js';
import { isJsonMediaType } from '../../media-types.js';
import { visiblePartner } from './lookup.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/partners/{id}/adapter-trial',
  tags: ['Partners'],
  summary: "Try adapter settings (the partner's, or candidates not saved yet) against sample carrier payloads",
  description:
    'Reads a sample ProductOrder and TroubleTicket as the adapters and listeners would (a state the settings do not ' +
    'map is a `problem` naming `adapter.stateMap`), and renders the ProductOrder Tailgate would send for an order. ' +
    'Calls no carrier and saves nothing.',
  ...access('admin'),
  request: {
    params: IdParam('Partner', 'ptn_3k2VQn7m1cZx'),
    body: { required: true, content: { 'application/json': { schema: AdapterTrialRequestSchema } } },
  },
  responses: {
    200: { description: 'The trial', content: { 'application/json': { schema: AdapterTrialSchema } } },
    ...errorResponses,
    ...bodyResponses,
    ...notFoundResponse,
  },
});

export const registerAdapterTrial = (app: App) =>
  app.openapi(route, async (c) => {
    // Every field is optional, so a request without a JSON body would otherwise pass as an empty one.
    if (!isJsonMediaType(c.req.header('content-type')))
      throw new ApiError('unsupported_media_type', 'Send the trial as Content-Type: application/json', [
        { path: 'content-type', message: 'must be application/json' },
      ]);
    const partner = await visiblePartner(c.get('deps'), c.get('caller'), c.req.valid('param').id);
    const { adapter, ...samples } = c.req.valid('json');
    return c.json(tryMapping(adapter ?? partner.adapter, samples), 200);
  });
