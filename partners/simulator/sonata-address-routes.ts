import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { readJson, requireAuthorization, type SimContext } from './route-kit.js';
import { simSonataRoot } from './sonata-qualification-routes.js';

export const simSonataAddressPath = `${simSonataRoot}/geographicAddressManagement/v7`;

const fieldedSchema = z.looseObject({
  '@type': z.literal('FieldedAddress'),
  streetName: z.string().min(1),
  city: z.string().min(1),
  country: z.string().min(1),
  postcode: z.string().optional(),
});
const validationSchema = z.looseObject({ provideAlternative: z.boolean(), submittedGeographicAddress: fieldedSchema });

/**
 * The carrier's MEF LSO Sonata Geographic Address Management API (v7): every fielded address it is asked to validate
 * is one it knows (success, its best match an address of its own under a stable id), readable by id. Its qualification
 * takes the id in place of the address (the store's `addresses`, where it looks the postcode up).
 */
export function sonataAddressApi(ctx: SimContext, root: () => string): Hono {
  const app = new Hono();
  const { addresses } = ctx.store;
  app.use('*', requireAuthorization(ctx, 'v4', /\/(geographicAddressValidation|geographicAddress)(\/|$)/));

  app.post('/geographicAddressValidation', async (c) => {
    const parsed = validationSchema.safeParse(await readJson(c));
    if (!parsed.success) return c.json({ code: 'missingProperty', reason: 'Invalid request' }, 400);
    const submitted = parsed.data.submittedGeographicAddress;
    const id = `GEO-${createHash('sha256').update(JSON.stringify(submitted)).digest('hex').slice(0, 12)}`;
    const known = { ...submitted, id, href: `${root()}/geographicAddress/${id}`, allowsNewSite: true };
    addresses.set(id, known);
    return c.json({ ...parsed.data, validationResult: 'success', bestMatchGeographicAddress: known }, 200);
  });

  app.get('/geographicAddress/:id', (c) => {
    const address = addresses.get(c.req.param('id'));
    return address ? c.json(address) : c.json({ code: 'notFound', reason: 'No such address' }, 404);
  });
  return app;
}
