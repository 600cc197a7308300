import { createRoute, type z } from '@hono/zod-openapi';
import { carrierRequestsOf } from '../../../db/repositories/carrier-requests.js';
import {
  CarrierNoteSchema,
  CarrierRequestListSchema,
  CarrierRequestSchema,
  OrderAmendmentSchema,
} from '../../../openapi/carrier-requests.js';
import { IdParam } from '../../../openapi/common.js';
import { amendOrder, answerOrder, noteOrder } from '../../../tails/orders/carrier-requests.js';
import { visibleOrder } from '../../../tails/orders/desk-actions.js';
import type { App } from '../../app.js';
import { access, viewerOf } from '../../auth.js';
import { ApiError, bodyResponses, conflictResponse, errorResponses, notFoundResponse } from '../../errors.js';
import { requestOrProblem } from './outcome.js';

const params = IdParam('Order', 'ord_Yh2xVd0c9aQ1');
const accepted = {
  202: {
    description: 'Stored; the order workflow sends it to the carrier and records its answer on the request',
    content: { 'application/json': { schema: CarrierRequestSchema } },
  },
  ...errorResponses,
  ...bodyResponses,
  ...notFoundResponse,
  ...conflictResponse,
};

const routes = {
  amend: createRoute({
    method: 'post',
    path: '/api/v1/orders/{id}/amendments',
    tags: ['Orders'],
    summary: 'Amend an open order: its requested completion date, bandwidth or site contact',
    description:
      'The carrier gets it as its settings say (`adapter.amendments`: a TMF622 merge patch of its order, or a ' +
      'modification order referring to the original; default patch on v5, modification order on v4); a carrier ' +
      'without an API reads the amended order on our TMF622 server. The order changes once the carrier accepted; ' +
      'a changed requested date is recorded as `requestedDateChanged`, which an OLA may restart on (`restart`).',
    ...access('admin', 'desk'),
    request: { params, body: { required: true, content: { 'application/json': { schema: OrderAmendmentSchema } } } },
    responses: accepted,
  }),
  answer: createRoute({
    method: 'post',
    path: '/api/v1/orders/{id}/answers',
    tags: ['Orders'],
    summary: 'Answer a carrier waiting on us (order pending or held) with a note',
    description: 'Sent as a note on its order; the carrier resumes it, and the clocks it paused resume with it.',
    ...access('admin', 'desk'),
    request: { params, body: { required: true, content: { 'application/json': { schema: CarrierNoteSchema } } } },
    responses: accepted,
  }),
  note: createRoute({
    method: 'post',
    path: '/api/v1/orders/{id}/notes',
    tags: ['Orders'],
    summary: "Add a note to the carrier's order",
    description: "The carrier's own notes arrive with its events and show on the order's timeline.",
    ...access('admin', 'desk'),
    request: { params, body: { required: true, content: { 'application/json': { schema: CarrierNoteSchema } } } },
    responses: accepted,
  }),
};

const list = createRoute({
  method: 'get',
  path: '/api/v1/orders/{id}/requests',
  tags: ['Orders'],
  summary: "The desk's requests to the carrier about the order, oldest first, each with the carrier's answer",
  ...access('admin', 'desk', 'finance', 'partner'),
  request: { params },
  responses: {
    200: { description: 'The requests', content: { 'application/json': { schema: CarrierRequestListSchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const registerOrderRequests = (app: App) => {
  app.openapi(routes.amend, async (c) => {
    const { id } = c.req.valid('param');
    const changes = c.req.valid('json') as z.infer<typeof OrderAmendmentSchema>;
    const caller = c.get('caller');
    const outcome = await amendOrder(c.get('deps'), viewerOf(caller), { orderId: id, changes, by: caller.keyId });
    return c.json(requestOrProblem(outcome, `No order ${id}`), 202);
  });
  for (const [route, act] of [
    [routes.answer, answerOrder],
    [routes.note, noteOrder],
  ] as const) {
    app.openapi(route, async (c) => {
      const { id } = c.req.valid('param');
      const caller = c.get('caller');
      const input = { orderId: id, text: c.req.valid('json').text, by: caller.keyId };
      return c.json(requestOrProblem(await act(c.get('deps'), viewerOf(caller), input), `No order ${id}`), 202);
    });
  }
  app.openapi(list, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    if (!(await visibleOrder(deps.db, viewerOf(c.get('caller')), id)))
      throw new ApiError('not_found', `No order ${id}`);
    return c.json({ items: await carrierRequestsOf(deps.db, id) }, 200);
  });
};
