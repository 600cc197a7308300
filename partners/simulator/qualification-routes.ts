import { setTimeout as sleep } from 'node:timers/promises';
import { Hono } from 'hono';
import { z } from 'zod';
import { tmfMoney } from '../adapters/tmf679/write.js';
import type { SimCatalogueEntry } from './profile.js';
import { faultInjection, readJson, requireAuthorization, tmfErrors, type SimContext } from './route-kit.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const simQualificationPath = '/tmf-api/productOfferingQualification/v4';

const characteristic = z.looseObject({ name: z.string(), value: z.unknown() });
const place = z.looseObject({ postcode: z.string().optional() });
const createSchema = z.looseObject({
  place: z.array(place).optional(),
  productOfferingQualificationItem: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        productOffering: z.looseObject({ id: z.string().min(1) }).optional(),
        product: z
          .looseObject({ productCharacteristic: z.array(characteristic).optional(), place: z.array(place).optional() })
          .optional(),
      }),
    )
    .min(1),
});
type Item = z.infer<typeof createSchema>['productOfferingQualificationItem'][number];

/** One qualification as the simulated carrier answered it, kept for GET and for tests. */
export type SimQualification = { id: string; request: Record<string, unknown>; answer: Record<string, unknown> };

/** The bandwidth asked for: a characteristic whose name mentions bandwidth (or CIR), in Mbps. */
const askedBandwidth = (item: Item) => {
  const found = item.product?.productCharacteristic?.find((c) => /bandwidth|cir/i.test(c.name));
  const value = typeof found?.value === 'string' ? Number.parseInt(found.value, 10) : found?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
};

const productOf = (entry: SimCatalogueEntry) => ({
  productOffering: { id: entry.productOfferingId, '@referredType': 'ProductOffering' },
  productCharacteristic: [
    { name: 'bandwidthMbps', value: entry.bandwidthMbps, valueType: 'integer' },
    { name: 'accessType', value: entry.accessType, valueType: 'string' },
  ],
  productPrice: [
    {
      name: 'Installation',
      priceType: 'oneTime',
      price: { dutyFreeAmount: tmfMoney(entry.installMinor, entry.currency) },
    },
    {
      name: 'Rental',
      priceType: 'recurring',
      recurringChargePeriod: 'month',
      price: { dutyFreeAmount: tmfMoney(entry.monthlyMinor, entry.currency) },
    },
  ],
  '@type': 'Product',
});

/**
 * The carrier's TMF679 v4 ProductOfferingQualification API, answered synchronously from its catalogue (profile
 * qualificationCatalogue): per item, the cheapest matching entry is the item's product (qualified) and the others
 * its alternate proposals; an unserved postcode or no match is unqualified with a reason.
 */
export function productOfferingQualificationApi(ctx: SimContext, kept: Map<string, SimQualification>): Hono {
  const app = new Hono();
  const { error, invalid } = tmfErrors('v4');
  app.use('*', requireAuthorization(ctx, 'v4', /\/productOfferingQualification(\/|$)/));
  app.use('*', faultInjection(ctx, 'v4', /\/productOfferingQualification(\/|$)/));

  app.post('/productOfferingQualification', async (c) => {
    const body = await readJson(c);
    const parsed = createSchema.safeParse(body);
    if (!parsed.success) return invalid(c, parsed.error.issues);
    const profile = ctx.profile();
    if (profile.qualifyDelayMs > 0)
      await sleep(profile.qualifyDelayMs, undefined, { signal: ctx.closing }).catch(() => undefined);
    const now = new Date();
    const postcode = (parsed.data.place?.[0]?.postcode ?? '').replace(/\s+/g, '').toUpperCase();
    const unserved = profile.unservedPostcodePrefixes.some((p) =>
      postcode.startsWith(p.replace(/\s+/g, '').toUpperCase()),
    );
    const items = parsed.data.productOfferingQualificationItem.map((item) => {
      const matching = unserved
        ? []
        : profile.qualificationCatalogue
            .filter(
              (e) =>
                (!item.productOffering || e.productOfferingId === item.productOffering.id) &&
                e.bandwidthMbps >= askedBandwidth(item),
            )
            .sort((a, b) => a.monthlyMinor - b.monthlyMinor);
      const [best, ...others] = matching;
      const activation = (e: SimCatalogueEntry) => new Date(now.getTime() + e.leadTimeDays * DAY_MS).toISOString();
      return {
        id: item.id,
        state: 'done',
        qualificationItemResult: best ? 'qualified' : 'unqualified',
        ...(item.productOffering ? { productOffering: { id: item.productOffering.id } } : {}),
        ...(best ? { expectedActivationDate: activation(best), product: productOf(best) } : {}),
        ...(best
          ? {}
          : {
              eligibilityUnavailabilityReason: [
                { code: unserved ? 'noCoverage' : 'noMatchingOffering', label: 'Not available at this site' },
              ],
            }),
        alternateProductOfferingProposal: others.map((e, i) => ({
          id: `${item.id}-alt-${i + 1}`,
          alternateActivationDate: activation(e),
          alternateProductOffering: { id: e.productOfferingId, '@referredType': 'ProductOffering' },
          alternateProduct: productOf(e),
          '@type': 'AlternateProductOfferingProposal',
        })),
        '@type': 'ProductOfferingQualificationItem',
      };
    });
    const id = ctx.store.nextId('POQ');
    const answer = {
      id,
      href: `${simQualificationPath}/productOfferingQualification/${id}`,
      state: 'done',
      instantSyncQualification: true,
      qualificationResult: items.some((i) => i.qualificationItemResult === 'qualified') ? 'qualified' : 'unqualified',
      effectiveQualificationDate: now.toISOString(),
      expirationDate: new Date(now.getTime() + profile.qualificationValidityMs).toISOString(),
      ...(parsed.data.place ? { place: parsed.data.place } : {}),
      productOfferingQualificationItem: items,
      '@type': 'ProductOfferingQualification',
    };
    kept.set(id, { id, request: parsed.data, answer });
    ctx.log.info({ qualificationId: id, postcode, unserved }, 'qualification answered');
    return c.json(answer, 201);
  });

  app.get('/productOfferingQualification/:id', (c) => {
    const found = kept.get(c.req.param('id'));
    return found ? c.json(found.answer) : error(c, 404, 'NOT_FOUND', 'No such productOfferingQualification');
  });
  return app;
}
