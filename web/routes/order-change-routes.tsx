import type { Hono } from 'hono';
import { viewerOf } from '../../api/auth.js';
import type { AppEnv } from '../../api/context.js';
import { changePlacement } from '../../api/routes/orders/change.js';
import { OrderChangeCreateSchema } from '../../openapi/order-changes.js';
import { deskRoles } from '../components/action-forms.js';
import { formValues, numberField, zodProblems } from '../forms.js';
import { createFromForm, formKey } from '../idempotent-form.js';
import { MessagePage } from '../layout.js';
import { render } from '../render.js';
import { guardPost } from './guard.js';

/** The order page's change-or-cease form: placed as POST /api/v1/orders/{id}/changes places it, then shown. */
export function registerOrderChangeForms(web: Hono<AppEnv>): void {
  web.post('/orders/:id/changes', guardPost('orders'), async (c) => {
    const caller = c.get('caller');
    if (!deskRoles.includes(caller.role))
      return render(c, <MessagePage title="Not available" caller={caller} text="Your role cannot do this." />, 403);
    const deps = c.get('deps');
    const id = c.req.param('id');
    const v = formValues(await c.req.parseBody());
    const parsed = OrderChangeCreateSchema.safeParse({
      action: v.action,
      deskReference: v.deskReference,
      requestedCompletionDate: v.requestedCompletionDate,
      bandwidthMbps: numberField(v.bandwidthMbps),
    });
    const refused = (problems: { path: string; message: string }[], status: 404 | 409 | 422) =>
      render(
        c,
        <MessagePage
          title="Change not placed"
          caller={caller}
          text={problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}
        />,
        status,
      );
    if (!parsed.success) return refused(zodProblems(parsed.error.issues), 422);
    const body = { id, ...parsed.data };
    const placed = await createFromForm(
      deps,
      caller,
      formKey(v),
      body,
      changePlacement(deps, viewerOf(caller), id, parsed.data),
    );
    if ('id' in placed) return c.redirect(`/orders/${encodeURIComponent(placed.id)}`, 303);
    return refused(placed.problems, placed.status);
  });
}
