import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  addHubRoutes,
  faultInjection,
  mefError,
  paged,
  readJson,
  requireAuthorization,
  type SimContext,
} from './route-kit.js';
import type { SimTicket } from './store.js';
import type { BuyerStatus } from './ticket-lifecycle.js';

export const simSonataTicketPath = '/mefApi/sonata/troubleTicket/v4';

/** MEF 113's mandatory attributes (TroubleTicket_Create), checked as a seller would: a missing one answers 400. */
const createSchema = z.looseObject({
  externalId: z.string().min(1).optional(),
  description: z.string().min(1),
  observedImpact: z.enum(['degraded', 'intermittent', 'down']),
  priority: z.enum(['low', 'medium', 'high', 'critical']),
  severity: z.enum(['minor', 'moderate', 'significant', 'extensive']),
  ticketType: z.enum(['assistance', 'information', 'installation', 'maintenance']),
  relatedEntity: z
    .array(z.looseObject({ id: z.string().min(1), role: z.string(), '@referredType': z.string() }))
    .length(1),
  relatedContactInformation: z
    .array(z.looseObject({ role: z.string(), name: z.string(), emailAddress: z.string(), number: z.string() }))
    .refine((contacts) => contacts.some((c) => c.role === 'reporterContact'), 'a reporterContact is required'),
});
const noteSchema = z.looseObject({ id: z.string(), author: z.string(), date: z.string(), text: z.string() });
const updateSchema = z.looseObject({ note: z.array(noteSchema).optional() });
const reasonSchema = z.looseObject({ reason: z.string().min(1) });

const invalid = (c: Context, issues: z.core.$ZodIssue[]) =>
  mefError(
    c,
    400,
    'invalidBody',
    'Invalid request body',
    issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
  );

/** A MEF TroubleTicket as the seller answers it: the request, MEF statuses (with `reopened`), notes by source. */
export function renderSonataTroubleTicket(ticket: SimTicket, href: string): Record<string, unknown> {
  const buyerNotes = Array.isArray(ticket.request.note) ? (ticket.request.note as unknown[]) : [];
  const latest = ticket.statusChanges.at(-1);
  return {
    ...ticket.request,
    id: ticket.id,
    href,
    creationDate: ticket.createdAt,
    // The seller's own assessment: it agrees with the buyer's.
    sellerPriority: ticket.request.priority,
    sellerSeverity: ticket.request.severity,
    status: (latest?.status === ticket.status ? latest.mefStatus : undefined) ?? ticket.status,
    statusChange: ticket.statusChanges.map((s) => ({
      status: s.mefStatus ?? s.status,
      changeDate: s.date,
      ...(s.reason ? { changeReason: s.reason } : {}),
    })),
    note: [...buyerNotes, ...ticket.carrierNotes.map((n) => ({ ...n, source: 'seller' }))],
    ...(ticket.expectedResolutionDate ? { expectedResolutionDate: ticket.expectedResolutionDate } : {}),
    ...(ticket.resolutionDate ? { resolutionDate: ticket.resolutionDate } : {}),
  };
}

/**
 * The carrier's MEF LSO Sonata Trouble Ticket API (MEF 113, v4): create, list by externalId or status, read, the
 * buyer's notes (PATCH; a note answers a pending ticket, which then resumes), and the buyer's tasks: close or reopen
 * a resolved ticket, cancel an open one. Same lifecycle and behaviour profile as its TMF621 tickets; hubs get MEF's
 * thin notifications.
 */
export function sonataTroubleTicketApi(ctx: SimContext): Hono {
  const app = new Hono();
  app.use('*', requireAuthorization(ctx, 'v4', /\/(troubleTicket|hub)(\/|$)/));
  app.use('*', faultInjection(ctx, 'v4', /\/troubleTicket(\/|$)/));
  const render = (t: SimTicket) =>
    renderSonataTroubleTicket(t, `${ctx.ticketHrefBase('sonata')}/troubleTicket/${t.id}`);
  const found = (c: Context) => ctx.store.findTicket('sonata', c.req.param('id') ?? '');
  const notFound = (c: Context) => mefError(c, 404, 'notFound', 'No such trouble ticket');

  app.post('/troubleTicket', async (c) => {
    const parsed = createSchema.safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error.issues);
    const externalIds = parsed.data.externalId ? [parsed.data.externalId] : [];
    const now = new Date();
    const ticket = ctx.store.addTicket('sonata', parsed.data, externalIds, now);
    // A first commitment at creation (MEF's list view requires one); acknowledging may revise it.
    const { ticketProgressDelayMs, ticketResolveDelayMs } = ctx.profile();
    ticket.expectedResolutionDate = new Date(
      now.getTime() + ticketProgressDelayMs + ticketResolveDelayMs,
    ).toISOString();
    ctx.ticketLifecycle.start(ticket);
    ctx.log.info({ ticketId: ticket.id, api: 'sonata', externalIds }, 'trouble ticket created');
    return c.json(render(ticket), 201);
  });

  app.get('/troubleTicket', (c) => {
    const all = ctx.store.listTickets('sonata', { externalId: c.req.query('externalId') });
    const status = c.req.query('status');
    return c.json(paged(c, status ? all.filter((t) => render(t).status === status) : all).map(render));
  });

  app.get('/troubleTicket/:id', (c) => {
    const ticket = found(c);
    return ticket ? c.json(render(ticket)) : notFound(c);
  });

  app.patch('/troubleTicket/:id', async (c) => {
    const ticket = found(c);
    if (!ticket) return notFound(c);
    const parsed = updateSchema.safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error.issues);
    const notes = parsed.data.note ?? [];
    if (notes.length > 0) {
      const kept = Array.isArray(ticket.request.note) ? (ticket.request.note as unknown[]) : [];
      ticket.request.note = [...kept, ...notes.map((n) => ({ ...n, source: 'buyer' }))];
      ticket.lastUpdate = new Date().toISOString();
      // The information the seller waited for: the repair goes on.
      if (ticket.status === 'pending')
        ctx.ticketLifecycle.apply(ticket, 'inProgress', 'Information supplied by the buyer');
    }
    return c.json(render(ticket));
  });

  /** A buyer task: 204 when the ticket could take it, 422 when its status does not allow it. */
  const task = (path: string, to: BuyerStatus, from: (t: SimTicket) => boolean, withReason = false) =>
    app.post(`/troubleTicket/:id/${path}`, async (c) => {
      const ticket = found(c);
      if (!ticket) return notFound(c);
      let reason: string | undefined;
      if (withReason) {
        const parsed = reasonSchema.safeParse(await readJson(c));
        if (!parsed.success) return invalid(c, parsed.error.issues);
        reason = parsed.data.reason;
      }
      if (!from(ticket) || !ctx.ticketLifecycle.canApply(ticket, to))
        return mefError(c, 422, 'unexpectedStatus', `Ticket is ${render(ticket).status as string}: cannot ${path} it`);
      ctx.ticketLifecycle.apply(ticket, to, reason);
      return c.body(null, 204);
    });
  task('close', 'closed', (t) => t.status === 'resolved');
  task('reopen', 'inProgress', (t) => t.status === 'resolved', true);
  task('cancel', 'cancelled', (t) => !['resolved', 'closed', 'cancelled'].includes(t.status));

  addHubRoutes(app, 'troubleTicket', 'sonata', ctx);
  return app;
}
