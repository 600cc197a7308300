import { setTimeout as sleep } from 'node:timers/promises';
import { Hono } from 'hono';
import { z } from 'zod';
import { faultInjection, readJson, requireAuthorization, type SimContext } from './route-kit.js';
import type { SimQualification } from './qualification-routes.js';

export const simSonataRoot = '/mefApi/sonata';
export const simSonataQualificationPath = `${simSonataRoot}/productOfferingQualification/v7`;

const createSchema = z.looseObject({
  relatedContactInformation: z.array(z.looseObject({})).min(1),
  productOfferingQualificationItem: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        action: z.enum(['add', 'modify', 'delete']),
        product: z.looseObject({
          productOffering: z.looseObject({ id: z.string().min(1) }).optional(),
          productConfiguration: z.looseObject({ '@type': z.string().min(1) }).optional(),
          place: z.array(z.looseObject({ postcode: z.string().optional(), id: z.string().optional() })).optional(),
        }),
      }),
    )
    .min(1),
});

const error400 = (message: string) => ({ code: 'missingProperty', reason: 'Invalid request', message });

/**
 * The carrier's MEF LSO Sonata Product Offering Qualification API (v7), answered synchronously: every item is
 * `done.ready`, green with an installation interval (its product offering's lead time in the profile's catalogue, else
 * the profile's leadTimeDays) guaranteed for qualificationValidityMs, or red at an unserved postcode.
 */
export function sonataQualificationApi(ctx: SimContext, kept: Map<string, SimQualification>): Hono {
  const app = new Hono();
  app.use('*', requireAuthorization(ctx, 'v4', /\/productOfferingQualification(\/|$)/));
  app.use('*', faultInjection(ctx, 'v4', /\/productOfferingQualification(\/|$)/));

  app.post('/productOfferingQualification', async (c) => {
    const parsed = createSchema.safeParse(await readJson(c));
    if (!parsed.success)
      return c.json(error400(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')), 400);
    const profile = ctx.profile();
    if (profile.qualifyDelayMs > 0)
      await sleep(profile.qualifyDelayMs, undefined, { signal: ctx.closing }).catch(() => undefined);
    const now = new Date();
    const guaranteedUntil = new Date(now.getTime() + profile.qualificationValidityMs).toISOString();
    const items = parsed.data.productOfferingQualificationItem.map((item) => {
      // A place by value, or a reference to an address it validated.
      const place = item.product.place?.[0];
      const known = place?.id ? ctx.store.addresses.get(place.id) : undefined;
      const postcode = String(place?.postcode ?? known?.postcode ?? '')
        .replace(/\s+/g, '')
        .toUpperCase();
      const unserved = profile.unservedPostcodePrefixes.some((p) =>
        postcode.startsWith(p.replace(/\s+/g, '').toUpperCase()),
      );
      const offering = item.product.productOffering?.id;
      const leadTimeDays =
        profile.qualificationCatalogue.find((e) => e.productOfferingId === offering)?.leadTimeDays ??
        profile.leadTimeDays;
      return {
        id: item.id,
        action: item.action,
        product: item.product,
        state: 'done.ready',
        ...(unserved
          ? { serviceabilityConfidence: 'red', serviceabilityConfidenceReason: 'No network at this site' }
          : {
              serviceabilityConfidence: 'green',
              installationInterval: { amount: leadTimeDays, units: 'calendarDays' },
              guaranteedUntilDate: guaranteedUntil,
            }),
      };
    });
    const id = ctx.store.nextId('SPOQ');
    const answer = {
      id,
      href: `${simSonataQualificationPath}/productOfferingQualification/${id}`,
      state: 'done.ready',
      instantSyncQualification: true,
      effectiveQualificationDate: now.toISOString(),
      relatedContactInformation: parsed.data.relatedContactInformation,
      productOfferingQualificationItem: items,
    };
    kept.set(id, { id, request: parsed.data, answer });
    ctx.log.info({ qualificationId: id }, 'Sonata qualification answered');
    return c.json(answer, 201);
  });

  app.get('/productOfferingQualification/:id', (c) => {
    const found = kept.get(c.req.param('id'));
    return found
      ? c.json(found.answer)
      : c.json({ code: 'notFound', reason: 'No such productOfferingQualification' }, 404);
  });
  return app;
}
