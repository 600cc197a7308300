import type { Offer, Qualification } from '../../../openapi/qualification.js';
import type { OfferingQualificationRow } from '../../../db/repositories/offering-qualifications.js';
import type { Tmf679Item, Tmf679Place, Tmf679Proposal, Tmf679Qualification } from '../../../openapi/tmf679.js';

export const TMF679_PATH = '/tmf-api/productOfferingQualification/v4/productOfferingQualification';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the TMF view needs beyond the stored qualification: the caller's item id and product offering, and, for an
 * item of a request of several, the qualification of several items it is part of (it is not listed on its own).
 */
export type Tmf679Source = {
  api: 'tmf679';
  itemId: string;
  productOfferingId?: string | undefined;
  partOf?: string | undefined;
};

const fractionDigits = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * TMF Money is a decimal in major units; ours is integer minor units. The conversion happens only here, at the edge.
 */
export function tmfMoney(amountMinor: number, currency: string) {
  const digits = fractionDigits(currency);
  return { unit: currency, value: Number((amountMinor / 10 ** digits).toFixed(digits)) };
}

/** TMF Money back to integer minor units; undefined when the amount has more decimals than the currency has. */
export function minorUnitsOfTmfMoney(money: { unit: string; value: number }): number | undefined {
  let digits: number;
  try {
    digits = fractionDigits(money.unit);
  } catch {
    return undefined; // not an ISO 4217 code
  }
  const minor = money.value * 10 ** digits;
  const rounded = Math.round(minor);
  return Math.abs(minor - rounded) < 1e-6 && rounded >= 0 ? rounded : undefined;
}

const characteristic = (name: string, value: string | number, valueType?: 'number') => ({
  name,
  value,
  valueType: valueType ?? (typeof value === 'number' ? 'integer' : 'string'),
});

/**
 * The partner's measured OLA conformance as characteristics: its share of clocks met (a number from 0 to 1) or
 * `notYetMeasured`, how many clocks it counts and over which scope (product or partner).
 */
function conformanceCharacteristics(measured: Offer['measuredConformance']) {
  if (!measured) return [];
  return [
    measured.share === null
      ? characteristic('measuredOlaConformance', 'notYetMeasured')
      : characteristic('measuredOlaConformance', measured.share, 'number'),
    characteristic('measuredOlaClocks', measured.met + measured.breached),
    characteristic('measuredOlaScope', measured.scope),
  ];
}

function proposalOf(offer: Offer, qualifiedAt: string): Tmf679Proposal {
  return {
    id: offer.id,
    alternateActivationDate: new Date(Date.parse(qualifiedAt) + offer.leadTimeDays * DAY_MS).toISOString(),
    alternateProductOffering: { id: offer.productCode, '@referredType': 'ProductOffering' },
    alternateProduct: {
      productCharacteristic: [
        characteristic('rank', offer.rank),
        characteristic('bandwidthMbps', offer.bandwidthMbps),
        characteristic('accessType', offer.accessType),
        characteristic('leadTimeDays', offer.leadTimeDays),
        characteristic('matchLevel', offer.matchLevel),
        characteristic('confidence', offer.confidence),
        ...conformanceCharacteristics(offer.measuredConformance),
        ...(offer.deliveryEstimate?.withinWorkingDays != null
          ? [characteristic('deliveredWithinWorkingDays80', offer.deliveryEstimate.withinWorkingDays)]
          : []),
      ],
      productPrice: [
        {
          name: 'Installation',
          priceType: 'oneTime',
          price: { dutyFreeAmount: tmfMoney(offer.installCharge.amountMinor, offer.installCharge.currency) },
        },
        {
          name: 'Rental',
          priceType: 'recurring',
          recurringChargePeriod: 'month',
          price: { dutyFreeAmount: tmfMoney(offer.monthlyCharge.amountMinor, offer.monthlyCharge.currency) },
        },
      ],
      relatedParty: [
        { id: offer.partnerId, name: offer.partnerName, role: 'supplier', '@referredType': 'Organization' },
      ],
      '@type': 'Product',
    },
    '@type': 'AlternateProductOfferingProposal',
  };
}

/** Our normalised address as a TMF679 place (a GeographicAddress by value, role installationAddress). */
export function placeOf(address: Qualification['address']): Tmf679Place {
  const name = [address.line1, address.line2].filter(Boolean).join(', ');
  return {
    role: 'installationAddress',
    ...(address.addressId ? { id: address.addressId } : {}),
    ...(name ? { name } : {}),
    ...(address.city ? { city: address.city } : {}),
    ...(address.stateOrProvince ? { stateOrProvince: address.stateOrProvince } : {}),
    postcode: address.postcode,
    country: address.countryCode,
    '@type': 'GeographicAddress',
  };
}

const noCoverage = { code: 'noCoverage', label: 'No active partner covers this site for these needs' };
/** Why an item that named no site is unqualified. */
export const noSite = {
  code: 'noPlace',
  label: 'The item names no site: send a GeographicAddress place (postcode and country), on the item or the request',
};

/**
 * One item as TMF679 answers it: `qualified` when any partner offers, every offer (best first) an
 * alternateProductOfferingProposal whose id is the offer id a later order refers to; without a qualification (no site),
 * unqualified with `reason`.
 */
function itemOf(
  item: { itemId: string; productOfferingId?: string | undefined },
  q: Qualification | undefined,
  reason = noCoverage,
): Tmf679Item {
  const result = q && q.offers.length > 0 ? 'qualified' : 'unqualified';
  return {
    id: item.itemId,
    state: 'done',
    qualificationItemResult: result,
    ...(item.productOfferingId ? { productOffering: { id: item.productOfferingId } } : {}),
    alternateProductOfferingProposal: q ? q.offers.map((offer) => proposalOf(offer, q.createdAt)) : [],
    ...(result === 'unqualified' ? { eligibilityUnavailabilityReason: [q ? noCoverage : reason] } : {}),
    '@type': 'ProductOfferingQualificationItem',
  };
}

/**
 * A TMF679 qualification of several items (or of items naming no site), each item answered from its own stored
 * qualification, or unqualified with why. `qualificationResult` is `qualified` only when every item is.
 */
export function tmfOfferingQualificationOf(
  row: Pick<OfferingQualificationRow, 'id' | 'createdAt' | 'expiresAt' | 'items'>,
  qualifications: ReadonlyMap<string, Qualification>,
): Tmf679Qualification {
  const items = row.items.map((item) => {
    const q = item.qualificationId ? qualifications.get(item.qualificationId) : undefined;
    return { q, answered: itemOf(item, q, item.unqualified ?? noCoverage) };
  });
  const places = new Map(
    items.flatMap(({ q }) => (q ? [[JSON.stringify(placeOf(q.address)), placeOf(q.address)]] : [])),
  );
  return {
    id: row.id,
    href: `${TMF679_PATH}/${row.id}`,
    state: 'done',
    qualificationResult: items.every(({ answered }) => answered.qualificationItemResult === 'qualified')
      ? 'qualified'
      : 'unqualified',
    instantSyncQualification: true,
    effectiveQualificationDate: row.createdAt,
    productOfferingQualificationDate: row.createdAt,
    expirationDate: row.expiresAt,
    place: [...places.values()],
    productOfferingQualificationItem: items.map(({ answered }) => answered),
    '@type': 'ProductOfferingQualification',
  };
}

/**
 * Our qualification as a TMF679 v4 ProductOfferingQualification of one item: answered synchronously (state `done`),
 * the item as itemOf answers it.
 */
export function tmfQualificationOf(q: Qualification, source: Tmf679Source): Tmf679Qualification {
  const result = q.offers.length > 0 ? 'qualified' : 'unqualified';
  return {
    id: q.id,
    href: `${TMF679_PATH}/${q.id}`,
    state: 'done',
    qualificationResult: result,
    instantSyncQualification: true,
    effectiveQualificationDate: q.createdAt,
    productOfferingQualificationDate: q.createdAt,
    expirationDate: q.expiresAt,
    place: [placeOf(q.address)],
    productOfferingQualificationItem: [itemOf(source, q)],
    '@type': 'ProductOfferingQualification',
  };
}
