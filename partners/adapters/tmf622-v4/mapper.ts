import { z } from 'zod';
import type { PartnerMapping, PartnerOrderSnapshot, TailOrderForPartner } from '../types.js';
import {
  bandwidthCharacteristicName,
  buyerParty,
  buyerRoleName,
  carrierErrorMessageSchema,
  carrierExplanation,
  carrierNoteSchema,
  contactRoleName,
  geographicAddressFields,
  installationAddressRole,
  orderDescription,
  ourNoteAuthor,
  ourNoteTexts,
  productOfferingIdFor,
  toOrderState,
  toTmfDateTime,
} from '../tmf622-shared.js';

/** TMF622 v4.0.0 (Swagger 2) payloads. `@type` is optional in v4; we set it where the value is polymorphic. */

/** ProductOrder_Create for one new tail circuit. */
export function toProductOrderCreateV4(order: TailOrderForPartner, mapping: PartnerMapping) {
  return {
    externalId: order.externalId,
    description: orderDescription(order),
    requestedCompletionDate: toTmfDateTime(order.requestedCompletionDate),
    note: ourNoteTexts(order).map((text) => ({ author: ourNoteAuthor, text })),
    relatedParty: [
      { ...buyerParty(mapping.buyerAccountId), role: buyerRoleName(mapping), '@referredType': 'Organization' },
      // RelatedParty requires an id; the contact's e-mail is the one stable identifier we have for a person.
      {
        id: order.contact.email,
        name: order.contact.name,
        role: contactRoleName(mapping),
        '@referredType': 'Individual',
      },
    ],
    productOrderItem: [
      {
        id: '1',
        action: 'add' as const,
        quantity: 1,
        productOffering: { id: productOfferingIdFor(mapping, order.productCode) },
        product: {
          productCharacteristic: [
            { name: bandwidthCharacteristicName(mapping), valueType: 'integer', value: order.bandwidthMbps },
          ],
          // RelatedPlaceRefOrValue by value: v4 flattens the place into the related-place object, @type names its class.
          place: [
            { role: installationAddressRole, '@type': 'GeographicAddress', ...geographicAddressFields(order.site) },
          ],
        },
      },
    ],
    '@type': 'ProductOrder',
  };
}

/** CancelProductOrder_Create asking the carrier to cancel one of its orders. */
export function toCancelProductOrderCreateV4(partnerOrderId: string, reason: string, productOrderHref?: string) {
  return {
    cancellationReason: reason,
    productOrder: {
      id: partnerOrderId,
      ...(productOrderHref ? { href: productOrderHref } : {}),
      '@referredType': 'ProductOrder',
    },
    '@type': 'CancelProductOrder',
  };
}

export const toHubInputV4 = (callbackUrl: string) => ({ callback: callbackUrl });

/** The parts of a v4 ProductOrder we read. `stateReason` and `errorMessage` are not in v4.0.0 but some carriers send them. */
export const productOrderV4Schema = z.object({
  id: z.string().min(1),
  href: z.string().optional(),
  state: z.string(),
  externalId: z.string().optional(),
  orderDate: z.string().optional(),
  expectedCompletionDate: z.string().optional(),
  completionDate: z.string().optional(),
  stateReason: z.string().optional(),
  errorMessage: z.union([carrierErrorMessageSchema, z.array(carrierErrorMessageSchema)]).optional(),
  note: z.array(carrierNoteSchema).optional(),
});
export type ProductOrderV4 = z.infer<typeof productOrderV4Schema>;

export const productOrderListV4Schema = z.array(productOrderV4Schema);
export const hubV4Schema = z.object({ id: z.union([z.string(), z.number()]).transform(String) });

export function toSnapshotFromV4(po: ProductOrderV4): PartnerOrderSnapshot {
  const errorMessages = po.errorMessage === undefined ? undefined : [po.errorMessage].flat();
  return {
    partnerOrderId: po.id,
    externalId: po.externalId,
    state: toOrderState(po.state),
    committedDate: po.expectedCompletionDate,
    completionDate: po.completionDate,
    message: carrierExplanation({ errorMessages, stateReason: po.stateReason, notes: po.note }),
  };
}
