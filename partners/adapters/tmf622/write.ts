import { ourNoteAuthor } from '../carrier-notes.js';
import { buyerParty, externalIdOwner, relatedPartyRefV5 } from '../tmf-common.js';
import type { PartnerMapping, TailOrderForPartner } from './types.js';

/**
 * Our order as a TMF622 ProductOrder, v4.0.0 (Swagger 2) and v5.0.0 (OAS 3): what we POST to a carrier's API, what
 * a carrier without an API pulls from ours, and our cancellation requests. What we say is the same in both versions;
 * only the JSON shape differs. In v5 every Extensible_FVO requires `@type`, and the polymorphic holders
 * (ProductRefOrValue, PlaceRefOrValue, PartyRefOrPartyRoleRef, Characteristic) are resolved by that `@type`.
 */

export const installationAddressRole = 'installationAddress';
/** The kind of our v5 external identifier. */
export const externalIdType = 'tailOrderId';

const offeringId = (mapping: PartnerMapping, productCode: string) => mapping.productCodeMap[productCode] ?? productCode;
const bandwidthName = (mapping: PartnerMapping) => mapping.bandwidthCharacteristic ?? 'bandwidthMbps';
const buyerRole = (mapping: PartnerMapping) => mapping.buyerRole ?? 'Buyer';
const contactRole = (mapping: PartnerMapping) => mapping.contactRole ?? 'Contact';

function description(order: TailOrderForPartner) {
  const reference = `(desk reference ${order.deskReference})`;
  if (order.changes && order.action === 'delete')
    return `Cease of tail circuit ${order.changes.productId} ${reference}`;
  if (order.changes)
    return `Change of tail circuit ${order.changes.productId} to ${order.bandwidthMbps} Mbps ${reference}`;
  return `${order.bandwidthMbps} Mbps tail circuit to ${order.site.postcode} ${reference}`;
}

/** A change or cease names the delivered product it acts on. */
const changedProduct = (order: TailOrderForPartner) => (order.changes ? { id: order.changes.productId } : {});

/** TMF dates are date-times; our requested date is a calendar day, sent as its start in UTC. */
const tmfDateTime = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);

/** The texts we attach as notes: the desk's note and the site contact (party refs cannot carry e-mail or phone). */
function noteTexts(order: TailOrderForPartner): string[] {
  const { name, email, phone } = order.contact;
  const contact = `Site contact: ${name}, ${email}${phone ? `, ${phone}` : ''}`;
  return order.note ? [order.note, contact] : [contact];
}

/** A leading house number (`10`, `10A`, `10-12`) and the rest of an address line. */
const houseNumber = /^(\d+[A-Za-z]?(?:\s*-\s*\d+[A-Za-z]?)?),?\s+(\S.*)$/;

/** The street in the carrier's address format: the whole first line, or its house number split off (streetNr). */
export function streetFields(line1: string, format: PartnerMapping['addressFormat']) {
  const split = format === 'streetNumberSplit' ? houseNumber.exec(line1.trim()) : null;
  return split
    ? { streetNr: (split[1] as string).replace(/\s+/g, ''), streetName: split[2] as string }
    : { streetName: line1 };
}

/** GeographicAddress attributes common to v4 and v5 (TMF673 names), in the carrier's address format. */
function addressFields(site: TailOrderForPartner['site'], mapping: PartnerMapping) {
  return {
    ...(site.addressId ? { id: site.addressId } : {}),
    ...streetFields(site.line1, mapping.addressFormat),
    ...(site.line2 ? { locality: site.line2 } : {}),
    city: site.city,
    postcode: site.postcode,
    country: site.countryCode,
  };
}

/**
 * The carrier's own top-level fields, under ours (the settings' schema keeps them off our own fields): the fixed ones,
 * and the per-order ones with the desk's value, else their default.
 */
export function customOrderFields(mapping: Pick<PartnerMapping, 'customFields'>, order: TailOrderForPartner) {
  const defaults = mapping.customFields?.orderDefaults ?? {};
  // Only fields the carrier still takes per order: its settings may have changed since the order was placed.
  const chosen = Object.entries(order.carrierFields ?? {}).filter(([name]) => Object.hasOwn(defaults, name));
  return { ...mapping.customFields?.order, ...defaults, ...Object.fromEntries(chosen) };
}
const customCharacteristics = (mapping: PartnerMapping) => mapping.customFields?.productCharacteristics ?? [];

/**
 * The characteristics after the bandwidth: those the product's specification needs (productSpecifications), then the
 * carrier's fixed ones (customFields).
 */
const extraCharacteristics = (mapping: PartnerMapping, productCode: string) => [
  ...(mapping.productSpecifications?.[productCode]?.characteristics ?? []),
  ...customCharacteristics(mapping),
];

/** The carrier's product specification of the product, as a ProductSpecificationRef (none when not mapped). */
function specificationRef(mapping: PartnerMapping, productCode: string, v5: boolean) {
  const spec = mapping.productSpecifications?.[productCode];
  if (!spec) return {};
  return {
    productSpecification: {
      ...(v5 ? { '@type': 'ProductSpecificationRef' } : {}),
      id: spec.id,
      ...(spec.name ? { name: spec.name } : {}),
      ...(spec.version ? { version: spec.version } : {}),
      '@referredType': 'ProductSpecification',
    },
  };
}

/** A value's characteristic type: `valueType` in v4, the `@type` of the v5 Characteristic subclass. */
function characteristicTypeOf(value: string | number | boolean) {
  if (typeof value === 'boolean') return { valueType: 'boolean', v5: 'BooleanCharacteristic' };
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? { valueType: 'integer', v5: 'IntegerCharacteristic' }
      : { valueType: 'number', v5: 'NumberCharacteristic' };
  return { valueType: 'string', v5: 'StringCharacteristic' };
}

/** The carrier's qualification item an order from its live offer refers to (v4 and v5 name the item id apart). */
function qualificationItemRef(order: TailOrderForPartner, v5: boolean) {
  const q = order.carrierQualification;
  if (!q) return {};
  return {
    productOfferingQualificationItem: v5
      ? { '@type': 'ProductOfferingQualificationItemRef', itemId: q.itemId, productOfferingQualificationId: q.id }
      : { id: q.itemId, productOfferingQualificationId: q.id },
  };
}

/** ProductOrder_Create (v4) for one new tail circuit. */
export function productOrderCreateV4(order: TailOrderForPartner, mapping: PartnerMapping) {
  return {
    ...customOrderFields(mapping, order),
    externalId: order.externalId,
    description: description(order),
    requestedCompletionDate: tmfDateTime(order.requestedCompletionDate),
    note: noteTexts(order).map((text) => ({ author: ourNoteAuthor, text })),
    relatedParty: [
      { ...buyerParty(mapping.buyerAccountId), role: buyerRole(mapping), '@referredType': 'Organization' },
      // RelatedParty requires an id; the contact's e-mail is the one stable identifier we have for a person.
      { id: order.contact.email, name: order.contact.name, role: contactRole(mapping), '@referredType': 'Individual' },
    ],
    productOrderItem: [
      {
        id: '1',
        action: order.action ?? 'add',
        quantity: 1,
        productOffering: { id: offeringId(mapping, order.productCode) },
        ...qualificationItemRef(order, false),
        product: {
          ...changedProduct(order),
          productCharacteristic: [
            { name: bandwidthName(mapping), valueType: 'integer', value: order.bandwidthMbps },
            ...extraCharacteristics(mapping, order.productCode).map((c) => ({
              ...c,
              valueType: characteristicTypeOf(c.value).valueType,
            })),
          ],
          ...specificationRef(mapping, order.productCode, false),
          // RelatedPlaceRefOrValue by value: v4 flattens the place into the related place, @type names its class.
          place: [
            { role: installationAddressRole, '@type': 'GeographicAddress', ...addressFields(order.site, mapping) },
          ],
        },
      },
    ],
    '@type': 'ProductOrder',
  };
}

/** ProductOrder_FVO (v5) for one new tail circuit. */
export function productOrderFvoV5(order: TailOrderForPartner, mapping: PartnerMapping) {
  const buyer = buyerParty(mapping.buyerAccountId);
  return {
    ...customOrderFields(mapping, order),
    '@type': 'ProductOrder',
    externalId: [
      {
        '@type': 'ExternalIdentifier',
        id: order.externalId,
        owner: externalIdOwner,
        externalIdentifierType: externalIdType,
      },
    ],
    description: description(order),
    requestedCompletionDate: tmfDateTime(order.requestedCompletionDate),
    note: noteTexts(order).map((text) => ({ '@type': 'Note', author: ourNoteAuthor, text })),
    relatedParty: [
      relatedPartyRefV5(buyerRole(mapping), buyer.id, buyer.name, 'Organization'),
      // PartyRef requires an id; the contact's e-mail is the one stable identifier we have for a person.
      relatedPartyRefV5(contactRole(mapping), order.contact.email, order.contact.name, 'Individual'),
    ],
    productOrderItem: [
      {
        '@type': 'ProductOrderItem',
        id: '1',
        action: order.action ?? 'add',
        quantity: 1,
        productOffering: { '@type': 'ProductOfferingRef', id: offeringId(mapping, order.productCode) },
        ...qualificationItemRef(order, true),
        product: {
          '@type': 'Product',
          ...changedProduct(order),
          productCharacteristic: [
            {
              '@type': 'IntegerCharacteristic',
              name: bandwidthName(mapping),
              valueType: 'integer',
              value: order.bandwidthMbps,
            },
            ...extraCharacteristics(mapping, order.productCode).map((c) => {
              const type = characteristicTypeOf(c.value);
              return { '@type': type.v5, ...c, valueType: type.valueType };
            }),
          ],
          ...specificationRef(mapping, order.productCode, true),
          place: [
            {
              '@type': 'RelatedPlaceRefOrValue',
              role: installationAddressRole,
              place: { '@type': 'GeographicAddress', ...addressFields(order.site, mapping) },
            },
          ],
        },
      },
    ],
  };
}

/** What only Tailgate's own TMF622 server knows about an order it serves to a carrier that pulls its orders. */
export type ServedOrder = {
  id: string;
  href: string;
  state: string;
  /** The carrier's own reference, once it PATCHed one in. */
  partnerOrderId: string | null;
  orderDate: string;
  committedDate: string | null;
  completedAt: string | null;
};

/**
 * Our order as a TMF622 v4 ProductOrder on our own server, for a carrier without an API: the body we would POST to
 * a carrier's API, with our id as `id` and the carrier's reference (once it gave one) as `externalId`.
 */
export function servedProductOrderV4(order: TailOrderForPartner, served: ServedOrder, mapping: PartnerMapping) {
  const { externalId: _ours, ...request } = productOrderCreateV4(order, mapping);
  return {
    id: served.id,
    href: served.href,
    ...request,
    ...(served.partnerOrderId ? { externalId: served.partnerOrderId } : {}),
    state: served.state,
    orderDate: served.orderDate,
    ...(served.committedDate ? { expectedCompletionDate: served.committedDate } : {}),
    ...(served.completedAt ? { completionDate: served.completedAt } : {}),
  };
}

const productOrderRef = (partnerOrderId: string, href: string | undefined) => ({
  id: partnerOrderId,
  ...(href ? { href } : {}),
  '@referredType': 'ProductOrder',
});

/** CancelProductOrder_Create (v4) asking the carrier to cancel one of its orders. */
export const cancelProductOrderV4 = (partnerOrderId: string, reason: string, productOrderHref?: string) => ({
  cancellationReason: reason,
  productOrder: productOrderRef(partnerOrderId, productOrderHref),
  '@type': 'CancelProductOrder',
});

/** CancelProductOrder_FVO (v5) asking the carrier to cancel one of its orders. */
export const cancelProductOrderFvoV5 = (partnerOrderId: string, reason: string, productOrderHref?: string) => ({
  '@type': 'CancelProductOrder',
  cancellationReason: reason,
  productOrder: { '@type': 'ProductOrderRef', ...productOrderRef(partnerOrderId, productOrderHref) },
});
