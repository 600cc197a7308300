import type { Hono } from 'hono';
import { z } from 'zod';
import { readJson, tmfErrors, type SimContext } from './route-kit.js';
import type { ApiVersion } from './store.js';

/**
 * Minimal checks, enough to answer 400 like a carrier would; the payload builder's tests check full spec conformance.
 */
const jeopardyAlertEventSchema = z.looseObject({
  '@type': z.string().min(1),
  eventId: z.string().min(1),
  event: z.looseObject({
    productOrder: z.looseObject({
      id: z.string().min(1),
      productOrderJeopardyAlert: z
        .array(
          z.looseObject({
            '@type': z.string().min(1),
            id: z.string().optional(),
            name: z.string().optional(),
            alertDate: z.iso.datetime({ offset: true }).optional(),
            jeopardyType: z.string().optional(),
            exception: z.string().optional(),
            message: z.string().optional(),
          }),
        )
        .min(1),
    }),
  }),
});

/**
 * The carrier's own TMF622 listener, for what its buyer tells it: a ProductOrderJeopardyAlertEvent (v5 only; v4 has
 * no such event) about one of the carrier's orders. Each eventId is kept once; a repeat is acknowledged again.
 */
export function addAlertListenerRoute(app: Hono, api: ApiVersion, ctx: SimContext): void {
  const { error, invalid } = tmfErrors(api);

  app.post('/listener/productOrderJeopardyAlertEvent', async (c) => {
    const parsed = jeopardyAlertEventSchema.safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error.issues);
    const { eventId, event } = parsed.data;
    const order = ctx.store.findOrder(api, event.productOrder.id);
    if (!order) return error(c, 404, 'NOT_FOUND', 'No such product order');
    if (!ctx.store.receivedAlerts.has(eventId)) {
      const alerts = event.productOrder.productOrderJeopardyAlert.map(
        ({ id, name, alertDate, jeopardyType, exception, message }) => ({
          id,
          name,
          alertDate,
          jeopardyType,
          exception,
          message,
        }),
      );
      ctx.store.receivedAlerts.set(eventId, {
        eventId,
        api,
        productOrderId: order.id,
        receivedAt: new Date().toISOString(),
        alerts,
        body: parsed.data,
      });
      ctx.log.info(
        { eventId, orderId: order.id, jeopardyTypes: alerts.map((a) => a.jeopardyType) },
        'jeopardy alert received',
      );
    }
    return c.body(null, 204);
  });
}
