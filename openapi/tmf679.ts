import { z } from '@hono/zod-openapi';
import { IsoTimestamp } from './common.js';
import { Tmf673GeographicAddressSchema } from './tmf673.js';

const text = z.string().max(200).optional();

export const Tmf679CharacteristicSchema = z
  .object({
    name: z.string().min(1).max(100),
    // Required, as in TMF679 v4's Characteristic (name and value).
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.unknown()), z.object({}).passthrough()]),
    valueType: text,
  })
  .passthrough()
  .openapi('Tmf679Characteristic');
export type Tmf679Characteristic = z.infer<typeof Tmf679CharacteristicSchema>;

/** A RelatedPlaceRefOrValue carrying a GeographicAddress by value (`@type: GeographicAddress`). */
export const Tmf679PlaceSchema = Tmf673GeographicAddressSchema.extend({ role: text, '@referredType': text })
  .passthrough()
  .openapi('Tmf679RelatedPlace');
export type Tmf679Place = z.infer<typeof Tmf679PlaceSchema>;

/** The site as we answer it: its name joins the address lines, so it is not held to a request field's cap. */
export const Tmf679PlaceValueSchema = z
  .object({ ...Tmf679PlaceSchema.shape, name: z.string().optional() })
  .passthrough()
  .openapi('Tmf679RelatedPlaceValue');

export const Tmf679ProductOfferingRefSchema = z
  .object({ id: z.string().min(1).max(64), href: text, name: text, '@referredType': text })
  .passthrough()
  .openapi('Tmf679ProductOfferingRef');

const ProductSchema = z
  .object({
    id: text,
    productOffering: Tmf679ProductOfferingRefSchema.optional(),
    productCharacteristic: z.array(Tmf679CharacteristicSchema).max(50).optional(),
    place: z.array(Tmf679PlaceSchema).max(10).optional(),
    '@type': text,
  })
  .passthrough()
  .openapi('Tmf679Product');

export const Tmf679ItemCreateSchema = z
  .object({
    id: z.string().min(1).max(64),
    action: text,
    productOffering: Tmf679ProductOfferingRefSchema.optional().openapi({ description: 'Its id is our product code' }),
    product: ProductSchema.optional().openapi({
      description:
        'place[]: the site (GeographicAddress with postcode and country); productCharacteristic[]: ' +
        '`bandwidth` (Mbps, or a string such as "1 Gbps") and `maxLeadTimeDays`',
    }),
    '@type': text,
  })
  .passthrough()
  .openapi('Tmf679ProductOfferingQualificationItemCreate');
export type Tmf679ItemCreate = z.infer<typeof Tmf679ItemCreateSchema>;

/** Items a TMF679 request may hold: each is a qualification of its own. */
export const MAX_ITEMS = 20;

export const Tmf679QualificationCreateSchema = z
  .object({
    productOfferingQualificationItem: z
      .array(Tmf679ItemCreateSchema)
      .min(1, 'send at least one item')
      .max(MAX_ITEMS, `send at most ${MAX_ITEMS} items`),
    place: z.array(Tmf679PlaceSchema).max(10).optional().openapi({ description: 'Used when the item has no place' }),
    provideAlternative: z.boolean().optional(),
    provideOnlyAvailable: z.boolean().optional(),
    provideUnavailabilityReason: z.boolean().optional(),
    instantSyncQualification: z.boolean().optional(),
    '@type': text,
  })
  .passthrough()
  .openapi('Tmf679ProductOfferingQualificationCreate');
export type Tmf679QualificationCreate = z.infer<typeof Tmf679QualificationCreateSchema>;

const MoneySchema = z.object({ unit: z.string(), value: z.number() });
const ProductPriceSchema = z.object({
  name: z.string(),
  priceType: z.enum(['oneTime', 'recurring']),
  recurringChargePeriod: z.string().optional(),
  price: z.object({ dutyFreeAmount: MoneySchema }),
});
const RelatedPartySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  '@referredType': z.string(),
});

export const Tmf679ProposalSchema = z
  .object({
    id: z.string().openapi({ description: 'Our offer id: order against it' }),
    alternateActivationDate: IsoTimestamp.openapi({ description: 'Qualification time plus the lead time' }),
    alternateProductOffering: z.object({ id: z.string(), '@referredType': z.literal('ProductOffering') }),
    alternateProduct: z.object({
      productCharacteristic: z.array(
        z.object({ name: z.string(), value: z.union([z.string(), z.number()]), valueType: z.string() }),
      ),
      productPrice: z.array(ProductPriceSchema),
      relatedParty: z.array(RelatedPartySchema),
      '@type': z.literal('Product'),
    }),
    '@type': z.literal('AlternateProductOfferingProposal'),
  })
  .openapi('Tmf679AlternateProductOfferingProposal');
export type Tmf679Proposal = z.infer<typeof Tmf679ProposalSchema>;

export const qualificationResults = ['qualified', 'unqualified'] as const;

export const Tmf679ItemSchema = z
  .object({
    id: z.string(),
    state: z.literal('done'),
    qualificationItemResult: z.enum(qualificationResults),
    productOffering: Tmf679ProductOfferingRefSchema.optional(),
    alternateProductOfferingProposal: z
      .array(Tmf679ProposalSchema)
      .openapi({ description: 'Every offer, best (rank 1) first' }),
    eligibilityUnavailabilityReason: z.array(z.object({ code: z.string(), label: z.string() })).optional(),
    '@type': z.literal('ProductOfferingQualificationItem'),
  })
  .openapi('Tmf679ProductOfferingQualificationItem');
export type Tmf679Item = z.infer<typeof Tmf679ItemSchema>;

export const Tmf679QualificationSchema = z
  .object({
    id: z.string().openapi({ description: 'Our qualification id' }),
    href: z.string(),
    state: z.literal('done'),
    qualificationResult: z.enum(qualificationResults),
    instantSyncQualification: z.literal(true),
    effectiveQualificationDate: IsoTimestamp,
    productOfferingQualificationDate: IsoTimestamp,
    expirationDate: IsoTimestamp,
    place: z.array(Tmf679PlaceValueSchema),
    productOfferingQualificationItem: z.array(Tmf679ItemSchema),
    '@type': z.literal('ProductOfferingQualification'),
  })
  .openapi('Tmf679ProductOfferingQualification');
export type Tmf679Qualification = z.infer<typeof Tmf679QualificationSchema>;
