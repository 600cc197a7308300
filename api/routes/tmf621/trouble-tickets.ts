import { createRoute, z } from '@hono/zod-openapi';
import { listTickets, type TicketRow } from '../../../db/repositories/tickets.js';
import { TmfTroubleTicketPatchSchema, type TmfTroubleTicketPatch } from '../../../openapi/tmf621.js';
import { isTicketStatus } from '../../../sla-rules/ticket-states.js';
import { readTicketUpdate } from '../../../partners/adapters/tmf621/read.js';
import { receiveTicketUpdate } from '../../../tails/tickets/receive-update.js';
import type { App } from '../../app.js';
import { access } from '../../auth.js';
import { ApiError } from '../../errors.js';
import { tmfBodyResponses, tmfErrorResponses, tmfNotFoundResponse } from '../../tmf-errors.js';
import { carrierUpdateError } from '../carrier-update.js';
import { FieldsQuery, OffsetQuery, SERVED_LIST_SCAN, tmfListPage } from '../tmf630-list.js';
import { ticketOr404 } from '../tickets/present.js';
import { servedTicket, troubleTicketPath } from './present.js';

const TroubleTicketV4 = z
  .record(z.string(), z.unknown())
  .openapi('Tmf621V4TroubleTicket', { description: 'TMF621 v4 TroubleTicket' });
const base = troubleTicketPath;
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
  summary: 'A carrier without an API pulls its trouble tickets (its own only), newest first',
  description:
    '`status` is a TMF621 status. Any other query parameter is a TMF630 attribute filter compared as text, dotted ' +
    `paths reaching into nested objects and lists (\`externalId=…\`, \`relatedEntity.id=…\`); filters look through ` +
    `the carrier's ${SERVED_LIST_SCAN} newest tickets. \`fields\` selects attributes. X-Result-Count is the number ` +
    'returned.',
  ...access('partner'),
  request: {
    query: z.object({
      status: z
        .string()
        .max(40)
        .optional()
        .openapi({ param: { name: 'status', in: 'query' } }),
      offset: OffsetQuery,
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .default(100)
        .openapi({ param: { name: 'limit', in: 'query' } }),
      fields: FieldsQuery,
    }),
  },
  responses: {
    200: {
      description: 'TroubleTickets (only the attributes `fields` names, when given)',
      content: { 'application/json': { schema: z.array(TroubleTicketV4) } },
    },
    ...tmfErrorResponses,
    ...tmfBodyResponses,
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
    ...tmfErrorResponses,
    ...tmfNotFoundResponse,
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
    ...tmfErrorResponses,
    ...tmfNotFoundResponse,
  },
});

export function registerTmf621Server(app: App): void {
  app.openapi(list, async (c) => {
    const { status, offset, limit, fields } = c.req.valid('query');
    const { db } = c.get('deps');
    // Our status filter is free text for carriers; a status we do not know matches no ticket.
    const partnerId = c.get('caller').partnerId ?? '';
    const newest = (scan: number) =>
      status === undefined || isTicketStatus(status)
        ? listTickets(db, { partnerId, status, limit: scan })
        : Promise.resolve([]);
    const serve = (row: TicketRow) => servedTicket(db, row);
    const page = await tmfListPage({ newest, serve }, c.req.query(), { offset, limit, fields }, ['status']);
    return c.json(page, 200, { 'x-result-count': String(page.length) });
  });

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const { db } = c.get('deps');
    return c.json(await servedTicket(db, await ticketOr404(db, c.get('caller'), id)), 200);
  });

  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const ticket = await ticketOr404(deps.db, c.get('caller'), id);
    const body = (c.req.valid('json') ?? {}) as TmfTroubleTicketPatch;
    const received = await receiveTicketUpdate(deps, {
      ticketId: ticket.id,
      source: 'partner-pull',
      type: 'troubleTicketPatch',
      externalEventId: null,
      update: { ...readTicketUpdate({ ...body, id }), occurredAt: deps.now().toISOString() },
      payload: body,
      partnerTicketId: body.externalId,
    });
    if (!received.ok) throw carrierUpdateError(deps, received);
    if (received.outcome === 'refused' || received.outcome === 'stale') {
      throw new ApiError(
        'unprocessable',
        `Refused: ${ticket.status} -> ${body.status} is not a valid TMF621 transition`,
        [{ path: 'status', message: 'invalid transition' }],
      );
    }
    return c.json(await servedTicket(deps.db, received.ticket), 200);
  });
}
