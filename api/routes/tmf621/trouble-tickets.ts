import { createRoute, z } from '@hono/zod-openapi';
import { getOrder } from '../../../db/repositories/orders.js';
import { getTicket, listTickets, updateTicket, type TicketRow } from '../../../db/repositories/tickets.js';
import { TmfTroubleTicketPatchSchema, type TmfTroubleTicketPatch } from '../../../openapi/tmf621.js';
import { updateFromTroubleTicket } from '../../../partners/tickets/tmf621-event.js';
import { toTmf621V4TroubleTicket } from '../../../partners/tickets/tmf621-representation.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import type { Deps } from '../../context.js';
import { ApiError, errorResponses, notFoundResponse } from '../../errors.js';
import { visibleTicket } from '../tickets/present.js';
import { receiveTicketUpdate } from './receive.js';

const TroubleTicketV4 = z
  .record(z.string(), z.unknown())
  .openapi('Tmf621V4TroubleTicket', { description: 'TMF621 v4 TroubleTicket' });
const base = '/tmf-api/troubleTicket/v4/troubleTicket';
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const list = createRoute({
  method: 'get',
  path: base,
  tags: ['TMF621 server'],
  summary: 'A carrier without an API pulls its trouble tickets (its own only)',
  ...access('partner'),
  request: {
    query: z.object({
      status: z
        .string()
        .max(40)
        .optional()
        .openapi({ param: { name: 'status', in: 'query' } }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .default(100)
        .openapi({ param: { name: 'limit', in: 'query' } }),
    }),
  },
  responses: {
    200: { description: 'TroubleTickets', content: { 'application/json': { schema: z.array(TroubleTicketV4) } } },
    ...errorResponses,
  },
});

const get = createRoute({
  method: 'get',
  path: `${base}/{id}`,
  tags: ['TMF621 server'],
  summary: "One of the carrier's trouble tickets",
  ...access('partner'),
  request: { params: idParam },
  responses: {
    200: { description: 'TroubleTicket', content: { 'application/json': { schema: TroubleTicketV4 } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

const patch = createRoute({
  method: 'patch',
  path: `${base}/{id}`,
  tags: ['TMF621 server'],
  summary: "The carrier moves its ticket's status and sets its expected and actual resolution dates",
  description:
    "An invalid transition is recorded and refused with 422; the ticket is unchanged. `externalId` sets the carrier's own reference.",
  ...access('partner'),
  request: {
    params: idParam,
    body: {
      required: true,
      content: {
        'application/merge-patch+json': { schema: TmfTroubleTicketPatchSchema },
        'application/json': { schema: TmfTroubleTicketPatchSchema },
      },
    },
  },
  responses: {
    200: { description: 'TroubleTicket', content: { 'application/json': { schema: TroubleTicketV4 } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

const represent = (deps: Deps, ticket: TicketRow) => {
  const order = getOrder(deps.db, ticket.orderId);
  return toTmf621V4TroubleTicket(ticket, { id: ticket.orderId, partnerOrderId: order?.partnerOrderId ?? null });
};

export function registerTmf621Server(app: App): void {
  app.openapi(list, (c) => {
    const { status, limit } = c.req.valid('query');
    const deps = c.get('deps');
    const rows = listTickets(deps.db, { partnerId: c.get('caller').partnerId ?? '', status, limit });
    return c.json(
      rows.map((row) => represent(deps, row)),
      200,
      { 'x-result-count': String(rows.length) },
    );
  });

  app.openapi(get, (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    return c.json(represent(deps, visibleTicket(c.get('caller'), getTicket(deps.db, id), id)), 200);
  });

  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const ticket = visibleTicket(c.get('caller'), getTicket(deps.db, id), id);
    const body = (c.req.valid('json') ?? {}) as TmfTroubleTicketPatch;
    const now = deps.now().toISOString();
    const result = await receiveTicketUpdate(deps, {
      ticket,
      source: 'partner-pull',
      type: 'troubleTicketPatch',
      externalEventId: null,
      update: updateFromTroubleTicket({ ...body, id }, now),
      payload: body,
    });
    if (result.outcome === 'refused' || result.outcome === 'stale') {
      throw new ApiError(
        'unprocessable',
        `Refused: ${ticket.status} -> ${body.status} is not a valid TMF621 transition`,
        [{ path: 'status', message: 'invalid transition' }],
      );
    }
    // Taken only with an accepted change, so a refused PATCH changes nothing at all.
    const named =
      body.externalId && !ticket.partnerTicketId
        ? updateTicket(deps.db, id, { partnerTicketId: body.externalId })
        : undefined;
    return c.json(represent(deps, named ?? result.ticket), 200);
  });
}
