import type { Context, Hono } from 'hono';
import { certificationDepsOf } from '../../api/routes/certifications/run.js';
import type { AppEnv } from '../../api/context.js';
import { getPartner } from '../../db/repositories/partners.js';
import { changePartner } from '../../partners/certification/activation.js';
import { hasCarrierApi } from '../../partners/certification/fingerprint.js';
import { certifyPartner } from '../../partners/certification/run.js';
import { formValues } from '../forms.js';
import { MessagePage } from '../layout.js';
import { render } from '../render.js';
import { guardPost } from './guard.js';

const notDone = (c: Context<AppEnv>, text: string, status: 404 | 409 | 422) =>
  render(c, <MessagePage title="Not done" caller={c.get('caller')} text={text} />, status);

/** The admin's partner forms: run a certification, activate a partner. */
export function registerPartnerActions(web: Hono<AppEnv>): void {
  web.post('/partners/:id/certify', guardPost('partners'), async (c) => {
    const deps = c.get('deps');
    const partner = await getPartner(deps.db, c.req.param('id'));
    if (!partner) return notDone(c, 'There is no such partner.', 404);
    if (!hasCarrierApi(partner)) return notDone(c, 'This partner has no API of its own to certify.', 409);
    const report = await certifyPartner(certificationDepsOf(deps), partner, c.get('caller').keyId);
    return c.redirect(`/partners/${partner.id}/certifications/${report.id}`, 303);
  });

  web.post('/partners/:id/activate', guardPost('partners'), async (c) => {
    const { db, now } = c.get('deps');
    const reason = formValues(await c.req.parseBody()).overrideReason;
    if (reason && reason.length < 10) return notDone(c, 'An override reason needs at least 10 characters.', 422);
    const patch = { status: 'active' as const, ...(reason ? { activationOverride: { reason } } : {}) };
    const changed = await changePartner(db, c.req.param('id'), patch, c.get('caller').keyId, now());
    if (!changed) return notDone(c, 'There is no such partner.', 404);
    if ('refused' in changed) return notDone(c, changed.refused.message, 422);
    return c.redirect('/partners', 303);
  });
}
