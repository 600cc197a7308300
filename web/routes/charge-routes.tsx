import type { Hono } from 'hono';
import { viewerOf } from '../../api/auth.js';
import { orderingFor } from '../../api/carriers.js';
import type { AppEnv } from '../../api/context.js';
import { answerCharge } from '../../tails/orders/charges.js';
import { MessagePage } from '../layout.js';
import { render } from '../render.js';
import { guardPost } from './guard.js';

/** The desk's answer to a carrier's charge, from the order page: sent to the carrier, then back to the order. */
export function registerChargeForms(web: Hono<AppEnv>): void {
  web.post('/orders/:id/charges/:chargeId/:decision{accept|decline}', guardPost('orders'), async (c) => {
    const deps = c.get('deps');
    const orderId = c.req.param('id');
    const answered = await answerCharge({ db: deps.db, ordering: orderingFor(deps) }, viewerOf(c.get('caller')), {
      orderId,
      chargeId: c.req.param('chargeId'),
      accept: c.req.param('decision') === 'accept',
    });
    if (answered.ok && answered.value) return c.redirect(`/orders/${encodeURIComponent(orderId)}`, 303);
    const [status, text] =
      !answered.ok && answered.reason === 'unavailable'
        ? ([503, `The carrier could not be reached: ${answered.message}`] as const)
        : !answered.ok && answered.reason !== 'notFound'
          ? ([409, answered.message] as const)
          : ([404, 'There is no such charge on this order here.'] as const);
    return render(c, <MessagePage title="Not done" caller={c.get('caller')} text={text} />, status);
  });
}
