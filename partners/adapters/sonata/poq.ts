import { z } from 'zod';
import type { NormalisedAddress } from '../../../openapi/address.js';
import type { AddressFormat } from '../../../openapi/adapter-settings.js';
import type { Partner } from '../../../openapi/partners.js';
import type { Confidence } from '../../../openapi/qualification.js';
import { carrierRequest, carrierUrl, readCarrierBody, type CarrierHttpSettings } from '../http.js';
import { streetFields } from '../tmf622/write.js';
import { resolveSellerSite, type SellerSiteRef } from './address-validation.js';
import { sonataParties } from './parties.js';

/** Where a carrier's MEF LSO Sonata Product Offering Qualification (v7) takes requests, under its Sonata root. */
export const SONATA_POQ_PATH = 'productOfferingQualification/v7/productOfferingQualification';

/** One of our offers the carrier is asked to confirm: a product its coverage prices at the site. */
export type SonataAsk = { productCode: string; bandwidthMbps: number };

/** The carrier's word on one asked product: serviceable with a confidence and an installation interval, or not. */
export type SonataVerdict =
  | { productCode: string; bandwidthMbps: number; serviceable: true; confidence: Confidence; leadTimeDays: number }
  | { productCode: string; bandwidthMbps: number; serviceable: false; reason: string };

export type SonataAnswer = {
  carrierQualificationId: string;
  /** The earliest guaranteedUntilDate of its items, when it gives any. */
  expiresAt: string | undefined;
  verdicts: SonataVerdict[];
  /** Asked products it could not answer for (no configuration to ask with), with why. */
  unread: string[];
};

const countryNames: Record<string, string> = { GB: 'United Kingdom', US: 'United States' };

/**
 * The site as a MEF FieldedAddress in the carrier's address format (street and city are mandatory there); undefined
 * when the site lacks them.
 */
export function fieldedAddress(site: NormalisedAddress, format?: AddressFormat) {
  if (!site.line1 || !site.city) return undefined;
  return {
    '@type': 'FieldedAddress',
    role: 'INSTALL_LOCATION',
    ...streetFields(site.line1, format),
    ...(site.line2 ? { locality: site.line2 } : {}),
    city: site.city,
    ...(site.stateOrProvince ? { stateOrProvince: site.stateOrProvince } : {}),
    postcode: site.postcode,
    country: countryNames[site.countryCode] ?? site.countryCode,
  };
}

/** The product's configuration template with every `{{bandwidthMbps}}` string replaced by the bandwidth. */
export function filledConfiguration(template: Record<string, unknown>, bandwidthMbps: number): Record<string, unknown> {
  const fill = (value: unknown): unknown => {
    if (value === '{{bandwidthMbps}}') return bandwidthMbps;
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return fill(template) as Record<string, unknown>;
}

type Adapter = Partner['adapter'];

/** An asked product with the ids of the items it was asked as (several for a product of several order items). */
export type AskedProduct = SonataAsk & { itemIds: string[] };

/**
 * Our question as a Sonata ProductOfferingQualification_Create: the items each asked product is ordered as (its
 * orderItems: MEF 106 use case 2's OVC and UNI, with their relationships, the site on the item that takes it; else one
 * item of its productConfiguration at the site), each with its product offering and filled configuration; our buyer
 * contact as relatedContactInformation. Item ids are the products' own when one product is asked, else prefixed by its
 * position (`2-item-001`; one-item products: their position). The site is our address by value, or the seller's own
 * when address validation found it. Asked products with neither items nor a configuration are returned as `unasked`.
 */
export function sonataPoqRequest(
  site: NormalisedAddress,
  asks: SonataAsk[],
  adapter: Adapter,
  sellerSite?: SellerSiteRef,
) {
  const place = sellerSite ?? fieldedAddress(site, adapter.addressFormat);
  const asked: AskedProduct[] = [];
  const items: Record<string, unknown>[] = [];
  const unasked: string[] = [];
  for (const ask of asks) {
    const spec = adapter.productSpecifications?.[ask.productCode];
    const offering = adapter.productCodeMap[ask.productCode] ?? ask.productCode;
    const templates =
      spec?.orderItems ??
      (spec?.productConfiguration
        ? [{ id: '', productOffering: offering, productConfiguration: spec.productConfiguration, place: true }]
        : []);
    if (templates.length === 0) {
      unasked.push(`${ask.productCode}: no productConfiguration in productSpecifications`);
      continue;
    }
    const position = asked.length + 1;
    const idOf = (templateId: string) =>
      !spec?.orderItems ? String(position) : asks.length === 1 ? templateId : `${position}-${templateId}`;
    for (const t of templates) {
      const related = 'itemRelationships' in t ? t.itemRelationships : [];
      const products = 'productRelationships' in t ? t.productRelationships : [];
      items.push({
        id: idOf(t.id),
        action: 'add',
        product: {
          productOffering: { id: t.productOffering },
          productConfiguration: filledConfiguration(t.productConfiguration, ask.bandwidthMbps),
          ...(t.place && place ? { place: [place] } : {}),
          ...(products.length > 0 ? { productRelationship: products } : {}),
        },
        ...(related.length > 0
          ? {
              qualificationItemRelationship: related.map((r) => ({
                relationshipType: r.relationshipType,
                id: idOf(r.id),
              })),
            }
          : {}),
      });
    }
    asked.push({ ...ask, itemIds: templates.map((t) => idOf(t.id)) });
  }
  const contact = adapter.buyerContact;
  const body = {
    instantSyncQualification: true,
    provideAlternative: false,
    relatedContactInformation: contact ? [{ ...contact, role: 'buyerContactInformation' }] : [],
    productOfferingQualificationItem: items,
  };
  return { body, asked, unasked };
}

const answerSchema = z.looseObject({
  id: z.string().min(1),
  state: z.string(),
  productOfferingQualificationItem: z
    .array(
      z.looseObject({
        id: z.string(),
        state: z.string(),
        serviceabilityConfidence: z.enum(['green', 'yellow', 'red']).optional(),
        serviceabilityConfidenceReason: z.string().optional(),
        installationInterval: z.looseObject({ amount: z.number().int().min(0), units: z.string() }).optional(),
        guaranteedUntilDate: z.iso.datetime({ offset: true }).optional(),
        terminationError: z.array(z.looseObject({ value: z.string().optional() })).optional(),
      }),
    )
    .default([]),
});

/** An installation interval in days: business days count as 7/5 calendar days, hours and minutes round up. */
export function intervalDays(interval: { amount: number; units: string }): number | undefined {
  const { amount, units } = interval;
  switch (units) {
    case 'calendarDays':
      return amount;
    case 'businessDays':
      return Math.ceil((amount * 7) / 5);
    case 'calendarMonths':
      return amount * 30;
    case 'calendarHours':
    case 'businessHours':
      return Math.ceil(amount / 24);
    case 'calendarMinutes':
    case 'businessMinutes':
      return Math.ceil(amount / (24 * 60));
    default:
      return undefined;
  }
}

type AnswerItem = z.infer<typeof answerSchema>['productOfferingQualificationItem'][number];

/** What the carrier says of one item: its confidence and interval in days, or why it cannot deliver it. */
function itemVerdict(item: AnswerItem | undefined): { confidence: Confidence; days: number } | { reason: string } {
  if (!item) return { reason: 'not answered' };
  if (item.state !== 'done.ready')
    return { reason: `${item.state}${item.terminationError?.[0]?.value ? `: ${item.terminationError[0].value}` : ''}` };
  if (!item.serviceabilityConfidence || item.serviceabilityConfidence === 'red')
    return { reason: item.serviceabilityConfidenceReason ?? 'red: the seller cannot deliver it' };
  const days = item.installationInterval && intervalDays(item.installationInterval);
  if (days === undefined) return { reason: 'no installation interval Tailgate can read' };
  return { confidence: item.serviceabilityConfidence, days };
}

/**
 * The carrier's answer to `asked`: a product is serviceable when every item it was asked as is (its confidence the
 * least sure of theirs, its lead time the longest); an item the carrier did not answer is not serviceable. Items
 * without ids (a plain ask) are those of its position.
 */
export function readSonataAnswer(
  body: unknown,
  asked: (SonataAsk & { itemIds?: string[] })[],
  what: string,
): Omit<SonataAnswer, 'unread'> {
  const answer = readCarrierBody(answerSchema, body, what);
  const byId = new Map(answer.productOfferingQualificationItem.map((item) => [item.id, item]));
  const guaranteed = answer.productOfferingQualificationItem.flatMap((i) => i.guaranteedUntilDate ?? []);
  const verdicts = asked.map((ask, i): SonataVerdict => {
    const { itemIds: _ids, ...product } = ask;
    const each = (ask.itemIds ?? [String(i + 1)]).map((id) => itemVerdict(byId.get(id)));
    const refused = each.find((v) => 'reason' in v);
    if (refused && 'reason' in refused) return { ...product, serviceable: false, reason: refused.reason };
    const sure = each as { confidence: Confidence; days: number }[];
    const confidence = sure.some((v) => v.confidence === 'yellow') ? 'yellow' : 'green';
    return { ...product, serviceable: true, confidence, leadTimeDays: Math.max(...sure.map((v) => v.days)) };
  });
  const expiresAt = guaranteed.sort()[0];
  return { carrierQualificationId: answer.id, expiresAt, verdicts };
}

/** Asks the carrier about our offers at the site (one synchronous POST); failures throw as carrierRequest's do. */
export async function askSonataQualification(
  http: CarrierHttpSettings,
  root: string,
  adapter: Adapter,
  ask: { site: NormalisedAddress; products: SonataAsk[] },
): Promise<SonataAnswer> {
  const byValue = sonataPoqRequest(ask.site, ask.products, adapter);
  const { asked, unasked } = byValue;
  if (asked.length === 0) return { carrierQualificationId: '', expiresAt: undefined, verdicts: [], unread: unasked };
  if (!fieldedAddress(ask.site))
    throw new Error('not asked: Sonata qualifies a FieldedAddress, and the site has no street (line1) or no city');
  // With address validation the seller's own address goes in place of ours (validated once per site and process).
  const sellerSite =
    adapter.addressValidationApi === 'sonata-gav-v7'
      ? await resolveSellerSite(http, root, adapter, ask.site)
      : undefined;
  const { body } = sellerSite ? sonataPoqRequest(ask.site, ask.products, adapter, sellerSite) : byValue;
  const url = carrierUrl(root, SONATA_POQ_PATH, sonataParties(adapter));
  return { ...readSonataAnswer(await carrierRequest(http, 'POST', url, body), asked, `POST ${url}`), unread: unasked };
}
