import type { Context, Hono } from 'hono';
import { viewerOf } from '../../api/auth.js';
import type { AppEnv } from '../../api/context.js';
import { CarrierNoteSchema, OrderAmendmentSchema } from '../../openapi/carrier-requests.js';
import type { AskDeps, RequestOutcome } from '../../tails/carrier-requests.js';
import type { Viewer } from '../../tails/viewer.js';
import { amendOrder, answerOrder, noteOrder } from '../../tails/orders/carrier-requests.js';
import { answerTicket, noteTicket, reopenTicket } from '../../tails/tickets/carrier-requests.js';
import { deskRoles } from '../components/action-forms.js';
import { formValues, numberField, optional, zodProblems } from '../forms.js';
import { MessagePage } from '../layout.js';
import { render } from '../render.js';
import { guardPost } from './guard.js';

const notDone = (c: Context<AppEnv>, text: string, status: 403 | 404 | 409 | 422 | 503) =>
  render(c, <MessagePage title="Not done" caller={c.get('caller')} text={text} />, status);

function refused(c: Context<AppEnv>, outcome: Exclude<RequestOutcome, { ok: true }>) {
  switch (outcome.reason) {
    case 'notFound':
      return notDone(c, 'There is no such order or ticket here.', 404);
    case 'conflict':
      return notDone(c, outcome.message, 409);
    case 'unprocessable':
      return notDone(c, outcome.field ? `${outcome.field}: ${outcome.message}` : outcome.message, 422);
    default:
      return notDone(c, 'The workflow engine could not be reached; nothing was sent. Try again in a moment.', 503);
  }
}

type Ask = (c: Context<AppEnv>, id: string, values: Record<string, string>) => Promise<RequestOutcome | string>;

/**
 * The desk's requests to carriers from the order and ticket pages, through the same use cases as the API: amend,
 * answer and note an order; answer, note and reopen a ticket. Same-origin form posts (guardPost), answered by a
 * redirect back to the page, or a page saying why nothing was asked.
 */
export function registerCarrierRequestForms(web: Hono<AppEnv>): void {
  const post = (page: 'orders' | 'tickets', action: string, ask: Ask) =>
    web.post(`/${page}/:id/${action}`, guardPost(page), async (c) => {
      if (!deskRoles.includes(c.get('caller').role)) return notDone(c, 'Your role cannot do this.', 403);
      const id = c.req.param('id');
      const outcome = await ask(c, id, formValues(await c.req.parseBody()));
      if (typeof outcome === 'string') return notDone(c, outcome, 422);
      return outcome.ok ? c.redirect(`/${page}/${encodeURIComponent(id)}`, 303) : refused(c, outcome);
    });
  const who = (c: Context<AppEnv>) => ({
    deps: c.get('deps'),
    viewer: viewerOf(c.get('caller')),
    by: c.get('caller').keyId,
  });
  /** The text field, as the API would take it, or why not. */
  const textOf = (v: Record<string, string>) => {
    const parsed = CarrierNoteSchema.safeParse({ text: v.text });
    return parsed.success ? parsed.data.text : undefined;
  };
  const withText =
    (act: (c: Context<AppEnv>, id: string, text: string) => Promise<RequestOutcome>): Ask =>
    async (c, id, v) => {
      const text = textOf(v);
      return text === undefined ? 'Write the text (at most 2000 characters).' : await act(c, id, text);
    };

  post('orders', 'amend', async (c, id, v) => {
    const contact =
      v.contactName || v.contactEmail
        ? { name: v.contactName, email: v.contactEmail, phone: optional(v.contactPhone) }
        : undefined;
    const parsed = OrderAmendmentSchema.safeParse({
      requestedCompletionDate: optional(v.requestedCompletionDate),
      bandwidthMbps: numberField(v.bandwidthMbps),
      contact,
    });
    if (!parsed.success)
      return zodProblems(parsed.error.issues)
        .map((p) => `${p.path}: ${p.message}`)
        .join('; ');
    const { deps, viewer, by } = who(c);
    return await amendOrder(deps, viewer, { orderId: id, changes: parsed.data, by });
  });
  type TextAct = (deps: AskDeps, viewer: Viewer, id: string, text: string, by: string) => Promise<RequestOutcome>;
  const textActions: [page: 'orders' | 'tickets', action: string, act: TextAct][] = [
    ['orders', 'answer', (deps, viewer, orderId, text, by) => answerOrder(deps, viewer, { orderId, text, by })],
    ['orders', 'note', (deps, viewer, orderId, text, by) => noteOrder(deps, viewer, { orderId, text, by })],
    ['tickets', 'answer', (deps, viewer, ticketId, text, by) => answerTicket(deps, viewer, { ticketId, text, by })],
    ['tickets', 'note', (deps, viewer, ticketId, text, by) => noteTicket(deps, viewer, { ticketId, text, by })],
    ['tickets', 'reopen', (deps, viewer, ticketId, reason, by) => reopenTicket(deps, viewer, { ticketId, reason, by })],
  ];
  for (const [page, action, act] of textActions)
    post(
      page,
      action,
      withText(async (c, id, text) => {
        const { deps, viewer, by } = who(c);
        return await act(deps, viewer, id, text, by);
      }),
    );
}
