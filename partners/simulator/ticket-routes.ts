import { Hono } from 'hono';
import { z } from 'zod';
import { selectFields } from '../adapters/tmf630.js';
import { ticketStatuses } from '../../sla-rules/ticket-states.js';
import {
  addHubRoutes,
  faultInjection,
  paged,
  readJson,
  requireAuthorization,
  tmfErrors,
  type SimContext,
} from './route-kit.js';
import type { ApiVersion } from './store.js';
import { buyerStatuses } from './ticket-lifecycle.js';
import { renderTroubleTicket } from './ticket-render.js';

/** Minimal checks, enough to answer 400 like a carrier would; the adapter tests check full spec conformance. */
const required = { description: z.string().min(1), severity: z.string().min(1), ticketType: z.string().min(1) };
const createSchemas = {
  v4: z.looseObject({ ...required, externalId: z.string().min(1).optional() }),
  v5: z.looseObject({
    ...required,
    '@type': z.string().min(1),
    externalIdentifier: z.array(z.looseObject({ id: z.string().min(1) })).optional(),
  }),
};
/** A merge patch: the status the buyer wants (only the buyer-side ones are accepted), a reason, perhaps notes. */
const patchSchema = z.looseObject({
  status: z.enum(ticketStatuses).optional(),
  statusChangeReason: z.string().optional(),
  note: z.array(z.looseObject({ text: z.string().optional() })).optional(),
});
/** Fields a buyer cannot set: the carrier owns them. */
const carrierOwned = [
  'id',
  'href',
  'status',
  'creationDate',
  'lastUpdate',
  'statusChange',
  'statusChangeHistory',
  'statusChangeDate',
  'resolutionDate',
];

const withoutCarrierOwned = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([key]) => !carrierOwned.includes(key)));

/** One version of the carrier's TMF621 API, to be mounted at /tmf-api/troubleTicket/<version>. */
export function troubleTicketApi(api: ApiVersion, ctx: SimContext): Hono {
  const app = new Hono();
  const { error, invalid } = tmfErrors(api);
  const render = (ticket: Parameters<typeof renderTroubleTicket>[0]) => renderTroubleTicket(ticket, ctx.ticketHrefBase);
  app.use('*', requireAuthorization(ctx, api, /\/(troubleTicket|hub)(\/|$)/));
  app.use('*', faultInjection(ctx, api, /\/troubleTicket(\/|$)/));

  app.post('/troubleTicket', async (c) => {
    const { submitErrorRate } = ctx.profile();
    // Drawn only when set, so the seeded streams of other profiles stay as they were.
    if (submitErrorRate > 0 && ctx.faults().chance(submitErrorRate))
      return error(c, 503, 'SERVICE_UNAVAILABLE', 'Simulated outage of ticket entry');
    const parsed = createSchemas[api].safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error.issues);
    const request = withoutCarrierOwned(parsed.data);
    const data = parsed.data as { externalId?: string; externalIdentifier?: Array<{ id: string }> };
    const externalIds = data.externalId ? [data.externalId] : (data.externalIdentifier ?? []).map((e) => e.id);
    const ticket = ctx.store.addTicket(api, request, externalIds, new Date());
    ctx.ticketLifecycle.start(ticket);
    ctx.log.info({ ticketId: ticket.id, api, externalIds }, 'trouble ticket created');
    // The double-create trap: the ticket exists, but the buyer is told the carrier failed.
    if (++ctx.ticketCreates.count <= ctx.profile().failFirstTicketCreates) {
      return error(c, 503, 'SERVICE_UNAVAILABLE', 'Simulated failure after the ticket was created');
    }
    return c.json(render(ticket), 201);
  });

  app.get('/troubleTicket', (c) => {
    const externalId = c.req.query('externalIdentifier.id') ?? c.req.query('externalId');
    const all = ctx.store.listTickets(api, { externalId, status: c.req.query('status') });
    return c.json(paged(c, all).map((t) => selectFields(render(t), c.req.query('fields'))));
  });

  app.get('/troubleTicket/:id', (c) => {
    const ticket = ctx.store.findTicket(api, c.req.param('id'));
    return ticket ? c.json(render(ticket)) : error(c, 404, 'NOT_FOUND', 'No such trouble ticket');
  });

  app.patch('/troubleTicket/:id', async (c) => {
    const ticket = ctx.store.findTicket(api, c.req.param('id'));
    if (!ticket) return error(c, 404, 'NOT_FOUND', 'No such trouble ticket');
    const parsed = patchSchema.safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error.issues);
    const { status, statusChangeReason, note } = parsed.data;
    const buyerStatus = buyerStatuses.find((s) => s === status);
    if (status !== undefined && status !== ticket.status && !buyerStatus) {
      return error(
        c,
        422,
        'STATUS_NOT_SETTABLE',
        `Only the carrier moves a ticket to ${status}`,
        `A buyer may set ${buyerStatuses.join(', ')}`,
      );
    }
    if (buyerStatus && !ctx.ticketLifecycle.canApply(ticket, buyerStatus)) {
      return error(c, 409, 'STATUS_CONFLICT', `Ticket is ${ticket.status} and cannot be moved to ${buyerStatus}`);
    }
    // Buyer notes are kept with the request, so they render as the buyer's, next to the carrier's own.
    if (note?.length)
      ticket.request.note = [
        ...(Array.isArray(ticket.request.note) ? (ticket.request.note as unknown[]) : []),
        ...note,
      ];
    ticket.lastUpdate = new Date().toISOString();
    if (buyerStatus) ctx.ticketLifecycle.apply(ticket, buyerStatus, statusChangeReason);
    return c.json(render(ticket));
  });

  addHubRoutes(app, 'troubleTicket', api, ctx);
  return app;
}
