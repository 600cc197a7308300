import { z } from '@hono/zod-openapi';

/** The adapter settings only MEF LSO Sonata carriers read (openapi/adapter-settings.ts holds them all). */

/** Order item fields Tailgate writes itself: an item's fixed fields may not replace them. */
const sonataItemOwnFields = [
  'id',
  'action',
  'product',
  'requestedCompletionDate',
  'relatedContactInformation',
  'productOrderItemRelationship',
  'productOfferingQualificationItem',
];

/** One MEF LSO Sonata order item a product is ordered with (productSpecifications[].orderItems). */
const SonataOrderItemSchema = z.object({
  id: z.string().min(1).max(50).openapi({ description: 'The item id, e.g. `item-001`', example: 'item-001' }),
  productOffering: z.string().min(1).max(100).openapi({ description: "The carrier's product offering id" }),
  productConfiguration: z
    .record(z.string(), z.unknown())
    .refine((c) => typeof c['@type'] === 'string' && c['@type'] !== '', 'needs its product schema as @type')
    .openapi({ description: 'As productConfiguration: its `@type` the product schema, `{{bandwidthMbps}}` filled in' }),
  place: z
    .boolean()
    .default(false)
    .openapi({ description: 'Whether this item carries the site as its INSTALL_LOCATION (the UNI does)' }),
  itemRelationships: z
    .array(z.object({ relationshipType: z.string().min(1).max(100), id: z.string().min(1).max(50) }))
    .max(10)
    .default([])
    .openapi({ description: 'productOrderItemRelationship: to another item of the order, e.g. CONNECTS_TO_UNI' }),
  productRelationships: z
    .array(z.object({ relationshipType: z.string().min(1).max(100), id: z.string().min(1).max(100) }))
    .max(10)
    .default([])
    .openapi({ description: "productRelationship: to a product the carrier already has, e.g. our ENNI's id" }),
  fields: z
    .record(z.string(), z.unknown())
    .refine((f) => !sonataItemOwnFields.some((k) => Object.hasOwn(f, k)), {
      message: 'may not set a field Tailgate writes on the item (id, action, product, requestedCompletionDate, …)',
    })
    .default({})
    .openapi({ description: 'Fixed item fields, e.g. `{"billingAccount": {"id": "…"}, "agreementName": "…"}`' }),
});

/** The order items one tail of a product is ordered as (productSpecifications[].orderItems). */
export const SonataOrderItemsSchema = z
  .array(SonataOrderItemSchema)
  .min(1)
  .max(10)
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'item ids must differ')
  .refine(
    (items) => items.every((i) => i.itemRelationships.every((r) => items.some((o) => o.id === r.id && o !== i))),
    'an itemRelationship must name another item of the product',
  );

/** Our contact at the carrier: Sonata's relatedContactInformation requires a name, an e-mail and a number. */
export const SonataBuyerContactSchema = z
  .object({
    name: z.string().min(1).max(200),
    emailAddress: z.email(),
    number: z.string().min(3).max(40),
    organization: z.string().min(1).max(200).optional(),
  })
  .openapi({ description: "Our contact at the carrier, sent as Sonata's relatedContactInformation" });

export const SonataPartiesSchema = z
  .object({ buyerId: z.string().min(1).max(100).optional(), sellerId: z.string().min(1).max(100).optional() })
  .openapi({
    description:
      "MEF LSO Sonata's buyerId and sellerId, sent as query parameters on every Sonata request (MEF asks for them " +
      'when a party acts for more than one buyer or seller)',
  });
