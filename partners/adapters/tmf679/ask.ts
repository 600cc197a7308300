import { z } from 'zod';
import type { NormalisedAddress } from '../../../openapi/address.js';
import type { AccessType, ProductNeeds } from '../../../openapi/qualification.js';
import { carrierRequest, carrierUrl, readCarrierBody, type CarrierHttpSettings } from '../http.js';
import { buyerParty } from '../tmf-common.js';
import { bandwidthMbpsOf } from './read.js';
import { minorUnitsOfTmfMoney, placeOf } from './write.js';

/** Where a carrier's TMF679 v4 API takes qualifications, under its baseUrl. */
export const CARRIER_TMF679_PATH = 'productOfferingQualification/v4/productOfferingQualification';
const DAY_MS = 24 * 60 * 60 * 1000;

/** How Tailgate words a qualification to one carrier (the parts of its adapter settings that matter here). */
export type QualificationMapping = {
  /** Our product code -> the carrier's product offering id; read backwards for its answers. */
  productCodeMap: Record<string, string>;
  bandwidthCharacteristic?: string | undefined;
  buyerAccountId?: string | undefined;
  buyerRole?: string | undefined;
};

/** One offer a carrier made for the site, in our terms. */
export type CarrierQuote = {
  /** The qualification item it answers (an alternate proposal's too). */
  carrierItemId: string;
  productCode: string;
  bandwidthMbps: number;
  accessType: AccessType;
  installChargeMinor: number;
  monthlyChargeMinor: number;
  currency: string;
  leadTimeDays: number;
};

/**
 * The carrier's answer: its qualification id, until when it stands by it (its expirationDate, when it gives one), the
 * offers Tailgate could read, and what it could not read (an offering missing from productCodeMap, a price in no
 * currency), so a desk can see why an offer is missing.
 */
export type CarrierAnswer = {
  carrierQualificationId: string;
  expiresAt: string | undefined;
  quotes: CarrierQuote[];
  unread: string[];
};

const characteristic = z.looseObject({ name: z.string(), value: z.unknown() });
const price = z.looseObject({
  priceType: z.string().optional(),
  price: z
    .looseObject({
      dutyFreeAmount: z.looseObject({ unit: z.string(), value: z.number() }).optional(),
      taxIncludedAmount: z.looseObject({ unit: z.string(), value: z.number() }).optional(),
    })
    .optional(),
});
const product = z.looseObject({
  productOffering: z.looseObject({ id: z.string() }).optional(),
  productCharacteristic: z.array(characteristic).optional(),
  productPrice: z.array(price).optional(),
});
/** What Tailgate reads of a carrier's ProductOfferingQualification (the rest passes through unread). */
export const carrierAnswerSchema = z.looseObject({
  id: z.string().min(1),
  expirationDate: z.iso.datetime({ offset: true }).optional(),
  productOfferingQualificationItem: z
    .array(
      z.looseObject({
        id: z.string(),
        qualificationItemResult: z.string().optional(),
        expectedActivationDate: z.iso.datetime({ offset: true }).optional(),
        productOffering: z.looseObject({ id: z.string() }).optional(),
        product: product.optional(),
        alternateProductOfferingProposal: z
          .array(
            z.looseObject({
              id: z.string().optional(),
              alternateActivationDate: z.iso.datetime({ offset: true }).optional(),
              alternateProductOffering: z.looseObject({ id: z.string() }).optional(),
              alternateProduct: product.optional(),
            }),
          )
          .optional(),
      }),
    )
    .default([]),
});
type Product = z.infer<typeof product>;

/**
 * Our qualification as a TMF679 v4 ProductOfferingQualification_Create for the carrier: one item, the site as an
 * installation address, the product offering the product code maps to (when the needs name one) and the minimum
 * bandwidth as the carrier's bandwidth characteristic; alternatives and unavailability reasons asked for.
 */
export function carrierQualificationRequest(
  site: NormalisedAddress,
  needs: ProductNeeds,
  mapping: QualificationMapping,
) {
  const offeringId = needs.productCode && (mapping.productCodeMap[needs.productCode] ?? needs.productCode);
  const characteristics =
    needs.minBandwidthMbps === undefined
      ? []
      : [
          {
            name: mapping.bandwidthCharacteristic ?? 'bandwidthMbps',
            value: needs.minBandwidthMbps,
            valueType: 'integer',
          },
        ];
  return {
    instantSyncQualification: true,
    provideAlternative: true,
    provideUnavailabilityReason: true,
    place: [placeOf(site)],
    relatedParty: [
      { ...buyerParty(mapping.buyerAccountId), role: mapping.buyerRole ?? 'Buyer', '@referredType': 'Organization' },
    ],
    productOfferingQualificationItem: [
      {
        id: '1',
        action: 'add',
        ...(offeringId ? { productOffering: { id: offeringId, '@referredType': 'ProductOffering' } } : {}),
        ...(characteristics.length > 0
          ? { product: { productCharacteristic: characteristics, '@type': 'Product' } }
          : {}),
        '@type': 'ProductOfferingQualificationItem',
      },
    ],
    '@type': 'ProductOfferingQualification',
  };
}

/** Asks the carrier to qualify the site (one synchronous POST); failures throw as carrierRequest's do. */
export async function askCarrierQualification(
  http: CarrierHttpSettings,
  baseUrl: string,
  mapping: QualificationMapping,
  ask: { site: NormalisedAddress; needs: ProductNeeds; now: Date },
): Promise<CarrierAnswer> {
  const url = carrierUrl(baseUrl, CARRIER_TMF679_PATH);
  const body = await carrierRequest(http, 'POST', url, carrierQualificationRequest(ask.site, ask.needs, mapping));
  return readCarrierAnswer(readCarrierBody(carrierAnswerSchema, body, `POST ${url}`), mapping, ask.now);
}

/**
 * The offers in a carrier's answer: a qualified item's own product, and every alternate proposal of any item. Each
 * needs a product offering that maps back to one of our product codes (or, with no productCodeMap, is one), a
 * bandwidth, a one-time and a monthly price in one currency, and an activation date (its lead time: days from now,
 * rounded to whole days).
 */
export function readCarrierAnswer(
  answer: z.infer<typeof carrierAnswerSchema>,
  mapping: QualificationMapping,
  now: Date,
): CarrierAnswer {
  const ourCode = new Map(Object.entries(mapping.productCodeMap).map(([ours, theirs]) => [theirs, ours]));
  const codeOf = (offeringId: string) =>
    ourCode.get(offeringId) ?? (Object.keys(mapping.productCodeMap).length === 0 ? offeringId : undefined);
  const quotes: CarrierQuote[] = [];
  const unread: string[] = [];
  const take = (itemId: string, offeringId: string | undefined, p: Product | undefined, activation?: string) => {
    const read = quoteOf(itemId, offeringId && codeOf(offeringId), p, activation, mapping, now);
    if (typeof read === 'string') unread.push(`item ${itemId}${offeringId ? ` (${offeringId})` : ''}: ${read}`);
    else quotes.push(read);
  };
  for (const item of answer.productOfferingQualificationItem) {
    if (item.qualificationItemResult === 'qualified') {
      take(
        item.id,
        item.productOffering?.id ?? item.product?.productOffering?.id,
        item.product,
        item.expectedActivationDate,
      );
    }
    for (const proposal of item.alternateProductOfferingProposal ?? []) {
      // An order refers to the qualification item (TMF622 productOfferingQualificationItem), alternates included.
      take(
        item.id,
        proposal.alternateProductOffering?.id ?? proposal.alternateProduct?.productOffering?.id,
        proposal.alternateProduct,
        proposal.alternateActivationDate,
      );
    }
  }
  return { carrierQualificationId: answer.id, expiresAt: answer.expirationDate, quotes, unread };
}

const accessTypeOf = (value: unknown): AccessType => (value === 'nearNet' ? 'nearNet' : 'onNet');

/** One offer in our terms, or why it cannot be read. */
function quoteOf(
  carrierItemId: string,
  productCode: string | undefined,
  p: Product | undefined,
  activation: string | undefined,
  mapping: QualificationMapping,
  now: Date,
): CarrierQuote | string {
  if (!productCode) return 'its product offering is not in productCodeMap';
  const valueOf = (name: string) =>
    p?.productCharacteristic?.find((c) => c.name.toLowerCase() === name.toLowerCase())?.value;
  const bandwidthMbps = bandwidthMbpsOf(valueOf(mapping.bandwidthCharacteristic ?? 'bandwidthMbps'));
  if (bandwidthMbps === undefined) return 'no bandwidth';
  const amountOf = (priceType: string) => {
    const money = p?.productPrice?.find((x) => x.priceType === priceType)?.price;
    const amount = money?.dutyFreeAmount ?? money?.taxIncludedAmount;
    return amount && { minor: minorUnitsOfTmfMoney(amount), currency: amount.unit };
  };
  const install = amountOf('oneTime') ?? { minor: 0, currency: undefined };
  const monthly = amountOf('recurring');
  if (!monthly || monthly.minor === undefined || install.minor === undefined) return 'no readable price';
  if (install.currency !== undefined && install.currency !== monthly.currency) return 'prices in two currencies';
  const leadTimeDays = activation
    ? Math.max(0, Math.round((Date.parse(activation) - now.getTime()) / DAY_MS))
    : wholeDays(valueOf('leadTimeDays'));
  if (leadTimeDays === undefined) return 'no activation date';
  return {
    carrierItemId,
    productCode,
    bandwidthMbps,
    accessType: accessTypeOf(valueOf('accessType')),
    installChargeMinor: install.minor,
    monthlyChargeMinor: monthly.minor,
    currency: monthly.currency,
    leadTimeDays,
  };
}

const wholeDays = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
