import type { NormalisedAddress } from '../../../openapi/address.js';
import type { Partner } from '../../../openapi/partners.js';
import { PartnerRejectedError } from '../errors.js';
import type { TailOrderForPartner } from '../tmf622/types.js';
import { customOrderFields } from '../tmf622/write.js';
import type { SellerSiteRef } from './address-validation.js';
import { fieldedAddress, filledConfiguration } from './poq.js';

type Adapter = Partner['adapter'];
/** One item a product is ordered as (productSpecifications[].orderItems, or the one item of its configuration). */
type ItemTemplate = {
  id: string;
  productOffering: string;
  productConfiguration: Record<string, unknown>;
  place: boolean;
  itemRelationships: { relationshipType: string; id: string }[];
  productRelationships: { relationshipType: string; id: string }[];
  fields: Record<string, unknown>;
};

/** TMF and MEF dates are date-times; our requested date is a calendar day, sent as its start in UTC. */
export const dateTime = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);

/** Our buyer contact as MEF relatedContactInformation in `role`. */
function buyerContact(adapter: Adapter, role: string) {
  if (!adapter.buyerContact) throw new PartnerRejectedError(422, 'adapter.buyerContact is required for Sonata');
  return { ...adapter.buyerContact, role };
}

/**
 * The items one tail of the product is ordered as: its orderItems (MEF 106: an OVC and the UNI it connects to), else
 * one item `1` with its productConfiguration at the site. A product with neither cannot be ordered through Sonata:
 * refused (PartnerRejectedError) naming the setting, before anything is sent.
 */
function itemTemplates(order: TailOrderForPartner, adapter: Adapter): ItemTemplate[] {
  const spec = adapter.productSpecifications?.[order.productCode];
  if (spec?.orderItems) return spec.orderItems;
  if (!spec?.productConfiguration) {
    throw new PartnerRejectedError(
      422,
      `no productConfiguration for ${order.productCode} in adapter.productSpecifications: a Sonata order needs one`,
    );
  }
  const offering = adapter.productCodeMap[order.productCode] ?? order.productCode;
  const one = { id: '1', productOffering: offering, productConfiguration: spec.productConfiguration, place: true };
  return [{ ...one, itemRelationships: [], productRelationships: [], fields: {} }];
}

/** The ids of the items our order of this product is sent as. */
export const sonataItemIds = (order: TailOrderForPartner, adapter: Adapter) =>
  itemTemplates(order, adapter).map((item) => item.id);

/** The site contact as an item's buyerImplementationContact (MEF requires a number: our buyer contact's if none). */
export const siteContactOf = (order: TailOrderForPartner, adapter: Adapter) => ({
  name: order.contact.name,
  emailAddress: order.contact.email,
  number: order.contact.phone ?? buyerContact(adapter, 'productOrderContact').number,
  role: 'buyerImplementationContact',
});

/** The delivered products a change or cease acts on, by the item that made each (our item ids). */
export type DeliveredProducts = Record<string, string>;

/**
 * Our order as a MEF LSO Sonata ProductOrder_Create (Product Ordering v10): the carrier's top-level fields
 * (customFields) and our buyer contact as the order's productOrderContact, and its items (addItems, changeItems).
 */
export function sonataProductOrder(
  order: TailOrderForPartner,
  adapter: Adapter,
  known: { delivered?: DeliveredProducts; site?: SellerSiteRef | undefined } = {},
) {
  return {
    ...customOrderFields(adapter, order),
    externalId: order.externalId,
    relatedContactInformation: [buyerContact(adapter, 'productOrderContact')],
    productOrderItem: order.changes
      ? changeItems(order, adapter, known.delivered ?? {})
      : addItems(order, adapter, known.site),
  };
}

/**
 * A new tail: one `add` item per item template, each with its product offering, its productConfiguration (bandwidth
 * filled in), its relationships, its fixed fields, the site as INSTALL_LOCATION where it takes the place (a reference
 * to the seller's own address when address validation found it, else by value), and the site contact as its
 * buyerImplementationContact. An order from a live Sonata offer carries the carrier's qualification item on its first
 * item.
 */
function addItems(order: TailOrderForPartner, adapter: Adapter, site: SellerSiteRef | undefined) {
  const place = site ?? fieldedAddress(order.site as NormalisedAddress, adapter.addressFormat);
  const siteContact = siteContactOf(order, adapter);
  return itemTemplates(order, adapter).map((item, index) => ({
    ...item.fields,
    id: item.id,
    action: 'add',
    requestedCompletionDate: dateTime(order.requestedCompletionDate),
    relatedContactInformation: [siteContact],
    ...(item.itemRelationships.length > 0 ? { productOrderItemRelationship: item.itemRelationships } : {}),
    product: {
      productOffering: { id: item.productOffering },
      productConfiguration: filledConfiguration(item.productConfiguration, order.bandwidthMbps),
      ...(item.place && place ? { place: [place] } : {}),
      ...(item.productRelationships.length > 0 ? { productRelationship: item.productRelationships } : {}),
    },
    ...(order.carrierQualification && index === 0
      ? {
          productOfferingQualificationItem: {
            productOfferingQualificationId: order.carrierQualification.id,
            id: order.carrierQualification.itemId,
          },
        }
      : {}),
  }));
}

const usesBandwidth = (item: ItemTemplate) => JSON.stringify(item.productConfiguration).includes('{{bandwidthMbps}}');

/**
 * A change or cease of a delivered tail (MEF 106 use cases 8 to 10), naming each delivered product by its id (the
 * first item's is the circuit; `delivered` names the others). A cease deletes every item's product. A change modifies
 * the items whose configuration carries the bandwidth, with the new configuration; their relationships to items not
 * changed become relationships to those items' delivered products. Each item carries the requested date (MEF's
 * ProductOrder has none of its own) and the site contact.
 */
function changeItems(order: TailOrderForPartner, adapter: Adapter, delivered: DeliveredProducts) {
  const templates = itemTemplates(order, adapter);
  const productOf = (item: ItemTemplate) => {
    const id = delivered[item.id] ?? (item === templates[0] ? order.changes?.productId : undefined);
    if (!id) throw new PartnerRejectedError(422, `the carrier named no delivered product for item ${item.id}`);
    return id;
  };
  const common = (item: ItemTemplate) => ({
    id: item.id,
    requestedCompletionDate: dateTime(order.requestedCompletionDate),
    relatedContactInformation: [siteContactOf(order, adapter)],
  });
  if (order.action === 'delete')
    return templates.map((item) => ({ ...common(item), action: 'delete', product: { id: productOf(item) } }));
  const changed = templates.some(usesBandwidth) ? templates.filter(usesBandwidth) : templates;
  return changed.map((item) => {
    const related = item.itemRelationships.map((r) => {
      const other = templates.find((t) => t.id === r.id);
      return { relationshipType: r.relationshipType, id: other ? productOf(other) : r.id };
    });
    const relationships = [...item.productRelationships, ...related];
    return {
      ...item.fields,
      ...common(item),
      action: 'modify',
      product: {
        id: productOf(item),
        productOffering: { id: item.productOffering },
        productConfiguration: filledConfiguration(item.productConfiguration, order.bandwidthMbps),
        ...(relationships.length > 0 ? { productRelationship: relationships } : {}),
      },
    };
  });
}

/** A MEF CancelProductOrder_Create asking the carrier to cancel one of its orders. */
export const sonataCancelProductOrder = (partnerOrderId: string, reason: string, adapter: Adapter) => ({
  productOrder: { productOrderId: partnerOrderId },
  cancellationReason: reason,
  cancellationReasonType: 'commercial',
  relatedContactInformation: [buyerContact(adapter, 'productOrderContact')],
});
