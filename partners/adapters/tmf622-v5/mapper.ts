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
  externalIdOwner,
  externalIdType,
  geographicAddressFields,
  installationAddressRole,
  orderDescription,
  ourNoteAuthor,
  ourNoteTexts,
  productOfferingIdFor,
  toOrderState,
  toTmfDateTime,
} from '../tmf622-shared.js';

/**
 * TMF622 v5.0.0 (OAS 3) payloads. Every Extensible_FVO requires `@type`, and the polymorphic holders
 * (ProductRefOrValue, PlaceRefOrValue, PartyRefOrPartyRoleRef, Characteristic) are resolved by that `@type`.
 */

/** Relates a party by reference; v5 wraps the ref in RelatedPartyRefOrPartyRoleRef.partyOrPartyRole. */
const relatedPartyRef = (role: string, id: string, name: string, referredType: string) => ({
  '@type': 'RelatedPartyRefOrPartyRoleRef',
  role,
  partyOrPartyRole: { '@type': 'PartyRef', id, name, '@referredType': referredType },
});

/** ProductOrder_FVO for one new tail circuit. */
export function toProductOrderFvoV5(order: TailOrderForPartner, mapping: PartnerMapping) {
  return {
    '@type': 'ProductOrder',
    externalId: [
      {
        '@type': 'ExternalIdentifier',
        id: order.externalId,
        owner: externalIdOwner,
        externalIdentifierType: externalIdType,
      },
    ],
    description: orderDescription(order),
    requestedCompletionDate: toTmfDateTime(order.requestedCompletionDate),
    note: ourNoteTexts(order).map((text) => ({ '@type': 'Note', author: ourNoteAuthor, text })),
    relatedParty: [
      relatedPartyRef(
        buyerRoleName(mapping),
        buyerParty(mapping.buyerAccountId).id,
        buyerParty(mapping.buyerAccountId).name,
        'Organization',
      ),
      // PartyRef requires an id; the contact's e-mail is the one stable identifier we have for a person.
      relatedPartyRef(contactRoleName(mapping), order.contact.email, order.contact.name, 'Individual'),
    ],
    productOrderItem: [
      {
        '@type': 'ProductOrderItem',
        id: '1',
        action: 'add' as const,
        quantity: 1,
        productOffering: { '@type': 'ProductOfferingRef', id: productOfferingIdFor(mapping, order.productCode) },
        product: {
          '@type': 'Product',
          productCharacteristic: [
            {
              '@type': 'IntegerCharacteristic',
              name: bandwidthCharacteristicName(mapping),
              valueType: 'integer',
              value: order.bandwidthMbps,
            },
          ],
          place: [
            {
              '@type': 'RelatedPlaceRefOrValue',
              role: installationAddressRole,
              place: { '@type': 'GeographicAddress', ...geographicAddressFields(order.site) },
            },
          ],
        },
      },
    ],
  };
}

/** CancelProductOrder_FVO asking the carrier to cancel one of its orders. */
export function toCancelProductOrderFvoV5(partnerOrderId: string, reason: string, productOrderHref?: string) {
  return {
    '@type': 'CancelProductOrder',
    cancellationReason: reason,
    productOrder: {
      '@type': 'ProductOrderRef',
      id: partnerOrderId,
      ...(productOrderHref ? { href: productOrderHref } : {}),
      '@referredType': 'ProductOrder',
    },
  };
}

export const toHubFvoV5 = (callbackUrl: string) => ({ '@type': 'Hub', callback: callbackUrl });

const externalIdentifierSchema = z.object({ id: z.string().optional(), owner: z.string().optional() });

/** The parts of a v5 ProductOrder we read. */
export const productOrderV5Schema = z.object({
  id: z.string().min(1),
  state: z.string(),
  externalId: z.array(externalIdentifierSchema).optional(),
  creationDate: z.string().optional(),
  expectedCompletionDate: z.string().optional(),
  completionDate: z.string().optional(),
  stateReason: z.string().optional(),
  productOrderErrorMessage: z.array(carrierErrorMessageSchema).optional(),
  note: z.array(carrierNoteSchema).optional(),
});
export type ProductOrderV5 = z.infer<typeof productOrderV5Schema>;

export const productOrderListV5Schema = z.array(productOrderV5Schema);
export const hubV5Schema = z.object({ id: z.union([z.string(), z.number()]).transform(String) });

/** Our id among the order's external identifiers: the entry we own, else any entry (carriers may drop `owner`). */
export function ourExternalIdV5(po: ProductOrderV5): string | undefined {
  const ids = po.externalId ?? [];
  return (ids.find((e) => e.owner === externalIdOwner) ?? ids[0])?.id;
}

export const hasExternalIdV5 = (po: ProductOrderV5, externalId: string) =>
  (po.externalId ?? []).some((e) => e.id === externalId);

export function toSnapshotFromV5(po: ProductOrderV5): PartnerOrderSnapshot {
  return {
    partnerOrderId: po.id,
    externalId: ourExternalIdV5(po),
    state: toOrderState(po.state),
    committedDate: po.expectedCompletionDate,
    completionDate: po.completionDate,
    message: carrierExplanation({
      errorMessages: po.productOrderErrorMessage,
      stateReason: po.stateReason,
      notes: po.note,
    }),
  };
}
