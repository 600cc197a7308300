import type { NormalisedAddress } from '../../../openapi/address.js';
import type { Partner } from '../../../openapi/partners.js';
import { PartnerRejectedError } from '../errors.js';
import type { TailOrderForPartner } from '../tmf622/types.js';
import { fieldedAddress, filledConfiguration } from './poq.js';

type Adapter = Partner['adapter'];

/** TMF and MEF dates are date-times; our requested date is a calendar day, sent as its start in UTC. */
const dateTime = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);

/** Our buyer contact as MEF relatedContactInformation in `role`. */
function buyerContact(adapter: Adapter, role: string) {
  if (!adapter.buyerContact) throw new PartnerRejectedError(422, 'adapter.buyerContact is required for Sonata');
  return { ...adapter.buyerContact, role };
}

/**
 * Our order as a MEF LSO Sonata ProductOrder_Create (Product Ordering v10): one `add` item for the tail, its product
 * offering (productCodeMap), its productConfiguration (the product's template in productSpecifications, bandwidth
 * filled in), the site as its INSTALL_LOCATION FieldedAddress, the site contact as the item's contact (its phone, else
 * our buyer contact's number: MEF requires a number); our buyer contact as the order's productOrderContact. A
 * product without a configuration cannot be ordered through Sonata: refused (PartnerRejectedError) naming the
 * setting, before anything is sent.
 */
export function sonataProductOrder(order: TailOrderForPartner, adapter: Adapter) {
  const template = adapter.productSpecifications?.[order.productCode]?.productConfiguration;
  if (!template) {
    throw new PartnerRejectedError(
      422,
      `no productConfiguration for ${order.productCode} in adapter.productSpecifications: a Sonata order needs one`,
    );
  }
  const place = fieldedAddress(order.site as NormalisedAddress);
  const contact = buyerContact(adapter, 'productOrderContact');
  return {
    externalId: order.externalId,
    relatedContactInformation: [contact],
    productOrderItem: [
      {
        id: '1',
        action: 'add',
        requestedCompletionDate: dateTime(order.requestedCompletionDate),
        relatedContactInformation: [
          {
            name: order.contact.name,
            emailAddress: order.contact.email,
            number: order.contact.phone ?? contact.number,
            role: 'buyerImplementationContact',
          },
        ],
        product: {
          productOffering: { id: adapter.productCodeMap[order.productCode] ?? order.productCode },
          productConfiguration: filledConfiguration(template, order.bandwidthMbps),
          ...(place ? { place: [place] } : {}),
        },
        ...(order.carrierQualification
          ? {
              productOfferingQualificationItem: {
                productOfferingQualificationId: order.carrierQualification.id,
                id: order.carrierQualification.itemId,
              },
            }
          : {}),
      },
    ],
  };
}

/** A MEF CancelProductOrder_Create asking the carrier to cancel one of its orders. */
export const sonataCancelProductOrder = (partnerOrderId: string, reason: string, adapter: Adapter) => ({
  productOrder: { productOrderId: partnerOrderId },
  cancellationReason: reason,
  cancellationReasonType: 'commercial',
  relatedContactInformation: [buyerContact(adapter, 'productOrderContact')],
});
