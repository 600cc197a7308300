import type { Context, Hono } from 'hono';
import { viewerOf } from '../../api/auth.js';
import type { AppEnv } from '../../api/context.js';
import { financeZone } from '../../api/routes/reports/refusal.js';
import { ticketRaising } from '../../api/routes/tickets/raising.js';
import { TicketCreateSchema } from '../../openapi/tickets.js';
import { finalizeMonth, generateDraft, isMonth, isRefusal, waiveBreach } from '../../reports/index.js';
import { cancelOrder, retryOrderSubmission } from '../../tails/orders/desk-actions.js';
import { cancelTicket, closeTicket, retryTicketSubmission } from '../../tails/tickets/desk-actions.js';
import { deskRoles } from '../components/action-forms.js';
import { formValues, numberField, optional, zodProblems } from '../forms.js';
import { createFromForm, formKey } from '../idempotent-form.js';
import { MessagePage } from '../layout.js';
import { render } from '../render.js';
import { guardPost } from './guard.js';

type Refused =
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: 'conflict'; message: string }
  | { ok: false; reason: 'unavailable' };

const refusedPage = (c: Context<AppEnv>, refused: Refused) =>
  render(
    c,
    <MessagePage
      title="Not done"
      caller={c.get('caller')}
      text={
        refused.reason === 'notFound'
          ? 'There is no such order or ticket here.'
          : refused.reason === 'conflict'
            ? refused.message
            : 'The workflow engine could not be reached; nothing was asked of the carrier. Try again in a moment.'
      }
    />,
    refused.reason === 'notFound' ? 404 : refused.reason === 'conflict' ? 409 : 503,
  );

const notAllowed = (c: Context<AppEnv>) =>
  render(c, <MessagePage title="Not available" caller={c.get('caller')} text="Your role cannot do this." />, 403);

/** The reason a form sent, or undefined when missing or longer than the API allows (500). */
const reasonOf = async (c: Context<AppEnv>) => {
  const reason = formValues(await c.req.parseBody()).reason ?? '';
  return reason.length > 0 && reason.length <= 500 ? reason : undefined;
};
const needReason = (c: Context<AppEnv>) =>
  render(
    c,
    <MessagePage title="Not done" caller={c.get('caller')} text="Give a reason (at most 500 characters)." />,
    422,
  );

/**
 * What the desk and finance do from the dashboard, through the same code as the API (tails' desk actions, reports'
 * generate and finalize), each a same-origin form post (guardPost) answered by a redirect back to the page, or a page
 * saying why nothing was done.
 */
export function registerDeskActions(web: Hono<AppEnv>): void {
  const desk =
    (
      page: 'orders' | 'tickets',
      act: (c: Context<AppEnv>, id: string, reason: string | undefined) => Promise<{ ok: true } | Refused>,
      needsReason: boolean,
    ) =>
    async (c: Context<AppEnv>) => {
      if (!deskRoles.includes(c.get('caller').role)) return notAllowed(c);
      const reason = needsReason ? await reasonOf(c) : undefined;
      if (needsReason && !reason) return needReason(c);
      const id = c.req.param('id')!;
      const done = await act(c, id, reason);
      return done.ok ? c.redirect(`/${page}/${encodeURIComponent(id)}`, 303) : refusedPage(c, done);
    };
  const viewer = (c: Context<AppEnv>) => viewerOf(c.get('caller'));

  web.post(
    '/orders/:id/cancel',
    guardPost('orders'),
    desk('orders', (c, orderId, reason) => cancelOrder(c.get('deps'), viewer(c), { orderId, reason: reason! }), true),
  );
  web.post(
    '/orders/:id/retry',
    guardPost('orders'),
    desk('orders', (c, orderId) => retryOrderSubmission(c.get('deps'), viewer(c), { orderId }), false),
  );
  web.post(
    '/tickets/:id/close',
    guardPost('tickets'),
    desk(
      'tickets',
      (c, ticketId, reason) => closeTicket(c.get('deps'), viewer(c), { ticketId, reason: reason! }),
      true,
    ),
  );
  web.post(
    '/tickets/:id/cancel',
    guardPost('tickets'),
    desk(
      'tickets',
      (c, ticketId, reason) => cancelTicket(c.get('deps'), viewer(c), { ticketId, reason: reason! }),
      true,
    ),
  );
  web.post(
    '/tickets/:id/retry',
    guardPost('tickets'),
    desk('tickets', (c, ticketId) => retryTicketSubmission(c.get('deps'), viewer(c), { ticketId }), false),
  );

  const report = (action: 'generate' | 'finalize') => async (c: Context<AppEnv>) => {
    const deps = c.get('deps');
    const month = formValues(await c.req.parseBody()).month ?? '';
    if (!isMonth(month))
      return render(c, <MessagePage title="Not done" caller={c.get('caller')} text="Give a month as YYYY-MM." />, 422);
    const input = { month, timeZone: financeZone(deps), now: deps.now(), by: c.get('caller').keyId };
    const result = action === 'generate' ? await generateDraft(deps.db, input) : await finalizeMonth(deps.db, input);
    if (!isRefusal(result)) return c.redirect(`/finance#m-${month}`, 303);
    const status = result.refused === 'not_found' ? 404 : result.refused === 'conflict' ? 409 : 422;
    return render(c, <MessagePage title="Not done" caller={c.get('caller')} text={result.message} />, status);
  };
  web.post('/orders/:id/tickets', guardPost('orders'), async (c) => {
    if (!deskRoles.includes(c.get('caller').role)) return notAllowed(c);
    const deps = c.get('deps');
    const caller = c.get('caller');
    const v = formValues(await c.req.parseBody());
    const key = formKey(v);
    const parsed = TicketCreateSchema.safeParse({
      orderId: c.req.param('id'),
      deskReference: v.deskReference,
      severity: v.severity,
      priority: numberField(v.priority),
      impact: v.impact,
      description: v.description,
      contact: { name: v.contactName, email: v.contactEmail, phone: optional(v.contactPhone) },
    });
    const refused = (problems: { path: string; message: string }[], status: 409 | 422) =>
      render(
        c,
        <MessagePage
          title="Ticket not raised"
          caller={caller}
          text={problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}
        />,
        status,
      );
    if (!parsed.success) return refused(zodProblems(parsed.error.issues), 422);
    const raised = await createFromForm(
      deps,
      caller,
      key,
      parsed.data,
      ticketRaising(deps, viewerOf(caller), parsed.data),
    );
    if ('id' in raised) return c.redirect(`/tickets/${encodeURIComponent(raised.id)}`, 303);
    return refused(raised.problems, raised.status);
  });
  web.post('/breaches/:id/waive', guardPost('finance'), async (c) => {
    const deps = c.get('deps');
    const form = formValues(await c.req.parseBody());
    const reason = form.reason ?? '';
    if (reason.length === 0 || reason.length > 500) return needReason(c);
    const waived = await waiveBreach(deps.db, {
      breachId: c.req.param('id'),
      reason,
      by: c.get('caller').keyId,
      now: deps.now(),
    });
    if (isRefusal(waived)) {
      const status = waived.refused === 'not_found' ? 404 : 409;
      return render(c, <MessagePage title="Not done" caller={c.get('caller')} text={waived.message} />, status);
    }
    const back = /^\/(orders|tickets)\/[\w-]+$/.test(form.back ?? '') ? form.back! : '/finance';
    return c.redirect(back, 303);
  });
  web.post('/finance/generate', guardPost('finance'), report('generate'));
  web.post('/finance/finalize', guardPost('finance'), report('finalize'));
}
