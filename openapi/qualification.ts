import { z } from '@hono/zod-openapi';
import { AddressInputSchema, NormalisedAddressSchema } from './address.js';
import { CurrencyCode, IsoTimestamp, MinorUnits, Money, NonBlank } from './common.js';

export const matchLevels = ['address', 'postcode', 'sector', 'district', 'area'] as const;
export const accessTypes = ['onNet', 'nearNet'] as const;
export const confidences = ['green', 'yellow', 'red'] as const;
export const offerSources = ['coverage', 'live'] as const;
export type OfferSource = (typeof offerSources)[number];
export type Confidence = (typeof confidences)[number];
export type AccessType = (typeof accessTypes)[number];

export const BudgetSchema = z
  .object({
    monthlyMinor: MinorUnits.optional().openapi({ description: 'Highest acceptable monthly charge', example: 30000 }),
    installMinor: MinorUnits.optional().openapi({
      description: 'Highest acceptable installation charge',
      example: 100000,
    }),
    currency: CurrencyCode,
  })
  .openapi('Budget', {
    description: 'Offers priced in another currency are excluded: there is no currency conversion.',
  });

export const ProductNeedsSchema = z
  .object({
    productCode: NonBlank(64).optional().openapi({ example: 'ETH-100' }),
    minBandwidthMbps: z.number().int().min(1).max(1_000_000).optional().openapi({ example: 100 }),
    maxLeadTimeDays: z.number().int().min(0).max(3650).optional().openapi({ example: 30 }),
    budget: BudgetSchema.optional(),
  })
  .refine((needs) => needs.productCode !== undefined || needs.minBandwidthMbps !== undefined, {
    message: 'send productCode or minBandwidthMbps (or both)',
    path: ['productCode'],
  })
  // The same rule, stated in the document (zod's refine is invisible to it).
  .openapi('ProductNeeds', {
    description: 'At least one of productCode and minBandwidthMbps',
    anyOf: [{ required: ['productCode'] }, { required: ['minBandwidthMbps'] }],
  });
export type ProductNeeds = z.infer<typeof ProductNeedsSchema>;

export const QualificationRequestSchema = z
  .object({ address: AddressInputSchema, productNeeds: ProductNeedsSchema })
  .openapi('QualificationRequest');
export type QualificationRequest = z.infer<typeof QualificationRequestSchema>;

export const MetricConformanceSchema = z
  .object({
    metric: z.string().openapi({ example: 'orderDelivery', description: 'The OLA metric (as the policy names it)' }),
    met: z.number().int().min(0),
    breached: z.number().int().min(0),
    share: z.number().min(0).max(1).openapi({ description: 'met / (met + breached), to 4 decimal places' }),
  })
  .openapi('MetricConformance');
export type MetricConformance = z.infer<typeof MetricConformanceSchema>;

export const measuredConformanceStatuses = ['measured', 'notYetMeasured'] as const;

export const MeasuredConformanceSchema = z
  .object({
    status: z.enum(measuredConformanceStatuses).openapi({
      description: 'notYetMeasured: fewer than minimumSample clocks met or breached in the window (share is null)',
    }),
    scope: z.enum(['product', 'partner']).openapi({
      description:
        "product: the partner's clocks on the offer's product (used when they reach minimumSample); partner: all " +
        "of the partner's clocks",
    }),
    share: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .openapi({ description: 'Share of clocks met: met / (met + breached), to 4 decimal places; what ranks offers' }),
    met: z.number().int().min(0),
    breached: z.number().int().min(0),
    byMetric: z.array(MetricConformanceSchema).openapi({ description: 'The same clocks per OLA metric' }),
    windowDays: z
      .number()
      .int()
      .min(1)
      .openapi({ description: 'Clocks whose outcome became final this many days back' }),
    minimumSample: z.number().int().min(1),
  })
  .openapi('MeasuredConformance', {
    description:
      "The partner's measured OLA conformance, as the qualification operation's description says how it is computed",
  });
export type MeasuredConformance = z.infer<typeof MeasuredConformanceSchema>;

export const deliveryScopes = ['partnerProductAccess', 'partner', 'product', 'allPartners'] as const;

export const DeliveryEstimateSchema = z
  .object({
    status: z.enum(['estimated', 'notEnoughHistory']).openapi({
      description: 'notEnoughHistory: not even all partners together have minimumCompletions delivered orders',
    }),
    share: z.number().openapi({ description: 'The share of orders the estimate is for (0.8: 80% delivered within)' }),
    withinWorkingDays: z
      .number()
      .int()
      .min(0)
      .nullable()
      .openapi({
        description:
          "Working days (the partner's calendar) from the carrier's acceptance within which that share of orders " +
          'was delivered; null when fewer were delivered within the longest wait observed, or without history',
      }),
    scope: z.enum(deliveryScopes).openapi({
      description:
        "Whose orders it is estimated from: the partner's for this product and access type, the partner's for " +
        "any product, every partner's for this product, or every partner's",
    }),
    completions: z.number().int().min(0).openapi({ description: 'Delivered orders in the scope' }),
    observations: z
      .number()
      .int()
      .min(0)
      .openapi({ description: 'Orders in the scope, delivered or not (those still open count as censored)' }),
    minimumCompletions: z.number().int().min(1),
  })
  .openapi('DeliveryEstimate', {
    description: "How long the partner takes to deliver, as the qualification operation's description says",
  });
export type DeliveryEstimate = z.infer<typeof DeliveryEstimateSchema>;

export const OfferSchema = z
  .object({
    id: z.string().openapi({ example: 'qof_Zx81mPq0aB3c', description: 'Refer to this offer when ordering' }),
    rank: z.number().int().min(1).openapi({ description: '1 is the best offer' }),
    partnerId: z.string(),
    partnerName: z.string(),
    productCode: z.string(),
    bandwidthMbps: z.number().int(),
    accessType: z.enum(accessTypes),
    installCharge: Money,
    monthlyCharge: Money,
    leadTimeDays: z.number().int(),
    matchLevel: z
      .enum(matchLevels)
      .openapi({ description: "How specifically the partner's coverage matched the address" }),
    confidence: z.enum(confidences).openapi({
      description:
        'green: address or postcode match and on-net; red: area match, or district match near-net; else yellow',
    }),
    measuredConformance: MeasuredConformanceSchema.nullable().openapi({
      description:
        "The partner's measured OLA conformance when the offer was made (ranking step 3); null on qualifications " +
        'stored before offers carried it',
    }),
    deliveryEstimate: DeliveryEstimateSchema.nullable().openapi({
      description:
        'How long the partner takes to deliver, when the offer was made; null on qualifications stored ' +
        'before offers carried it',
    }),
    source: z.enum(offerSources).openapi({
      description:
        "coverage: from the partner's uploaded coverage; live: the carrier's own answer for this site, asked in real " +
        'time (its matchLevel is address)',
    }),
    validUntil: IsoTimestamp.nullable().openapi({
      description:
        "A live offer: until when the carrier stands by it (its answer's expirationDate, never later than the " +
        "qualification's expiresAt); an order placed from it later is refused. null for coverage offers",
    }),
  })
  .openapi('Offer');
export type Offer = z.infer<typeof OfferSchema>;

export const liveCheckOutcomes = ['answered', 'cached', 'timedOut', 'failed'] as const;

export const LiveCheckSchema = z
  .object({
    partnerId: z.string(),
    partnerName: z.string(),
    outcome: z.enum(liveCheckOutcomes).openapi({
      description:
        'answered: the carrier answered within the deadline; cached: an answer it gave earlier for the same site and ' +
        'needs, still within its validity; timedOut: no answer within the deadline; failed: it answered with an ' +
        "error or with nothing Tailgate can read. After timedOut or failed the partner's coverage offers stand",
    }),
    offers: z.number().int().min(0).openapi({ description: 'Live offers it gave that meet the needs' }),
    detail: z.string().nullable().openapi({ description: 'What went wrong (timedOut, failed); else null' }),
  })
  .openapi('LiveCheck', { description: 'One carrier asked in real time for this qualification' });
export type LiveCheck = z.infer<typeof LiveCheckSchema>;

export const QualificationSchema = z
  .object({
    id: z.string().openapi({ example: 'qlf_4hQm2Xw9TtLr' }),
    createdAt: IsoTimestamp,
    expiresAt: IsoTimestamp,
    address: NormalisedAddressSchema,
    productNeeds: ProductNeedsSchema,
    offers: z.array(OfferSchema),
    liveChecks: z.array(LiveCheckSchema).openapi({
      description:
        'The carriers with a live qualification API that were asked, in partner name order: every active TMF679 ' +
        'one, and every active Sonata one with a coverage offer here; empty when none was',
    }),
  })
  .openapi('Qualification');
export type Qualification = z.infer<typeof QualificationSchema>;
