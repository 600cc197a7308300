import type { Partner } from '../../../openapi/partners.js';
import { PartnerRejectedError } from '../errors.js';
import type { OrderAmendmentForPartner } from '../tmf622/amend.js';
import type { TailOrderForPartner } from '../tmf622/types.js';
import { sonataNotePatch } from './notes.js';
import { dateTime, siteContactOf, sonataItemIds } from './order-write.js';

type Adapter = Partner['adapter'];

/**
 * Changes to an order in flight, as MEF LSO Sonata (Product Ordering v10) takes them: a new requested date is the
 * seller's modifyProductOrderItemRequestedDeliveryDate task, one per item; the site contact and our words about the
 * change are a ProductOrder_Update (PATCH). Sonata has no way to change the product of an order in flight.
 */

/** A bandwidth change cannot be sent: refused before anything goes out, saying what the desk can do instead. */
export function refuseProductChange(a: OrderAmendmentForPartner): void {
  if (!a.changed.bandwidthMbps) return;
  throw new PartnerRejectedError(
    422,
    'MEF LSO Sonata cannot change the product of an order in flight (ProductOrder_Update has no product): cancel the ' +
      'order and order the new bandwidth, or change the tail once it is delivered',
  );
}

/** The first words of our note about an amendment: how a retried amendment finds it already on the order. */
export const amendmentNotePrefix = (a: Pick<OrderAmendmentForPartner, 'requestId'>) => `Amendment ${a.requestId}: `;

/**
 * ProductOrder_Update: our note saying what changes (unless the order already carries it: a retried amendment), and
 * every item's new site contact if it changed. Undefined when there is nothing to send.
 */
export function sonataOrderUpdate(a: OrderAmendmentForPartner, adapter: Adapter, at: Date, noted = false) {
  if (noted && !a.changed.contact) return undefined;
  const contact = siteContactOf(a.order, adapter);
  return {
    ...(noted ? {} : sonataNotePatch(`${amendmentNotePrefix(a)}${a.summary}`, at)),
    ...(a.changed.contact
      ? {
          productOrderItem: sonataItemIds(a.order, adapter).map((id) => ({ id, relatedContactInformation: [contact] })),
        }
      : {}),
  };
}

/** MEFModifyProductOrderItemRequestedDeliveryDate_Create for each item of the order: its new requested date. */
export const sonataDeliveryDateModifications = (order: TailOrderForPartner, partnerOrderId: string, adapter: Adapter) =>
  sonataItemIds(order, adapter).map((itemId) => ({
    productOrderItem: { productOrderId: partnerOrderId, productOrderItemId: itemId },
    requestedCompletionDate: dateTime(order.requestedCompletionDate),
  }));
