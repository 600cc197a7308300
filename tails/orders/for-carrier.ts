import type { OrderRow } from '../../db/repositories/orders.js';
import type { TailOrderForPartner } from '../../partners/adapters/tmf622/types.js';

/**
 * Our stored order as the TMF622 family takes it, to send to the carrier's API or to serve from ours; with the
 * carrier's qualification item when it was ordered from the carrier's live offer.
 */
export function tailOrderFor(
  order: OrderRow,
  carrierQualification?: TailOrderForPartner['carrierQualification'],
): TailOrderForPartner {
  return {
    ...(carrierQualification ? { carrierQualification } : {}),
    ...(order.carrierFields ? { carrierFields: order.carrierFields } : {}),
    // A change or cease acts on the circuit its delivered order made, copied to it when it was placed.
    ...(order.action !== 'add' && order.changesOrderId && order.carrierCircuitRef
      ? { action: order.action, changes: { productId: order.carrierCircuitRef, deliveredBy: order.changesOrderId } }
      : {}),
    externalId: order.id,
    deskReference: order.deskReference,
    productCode: order.productCode,
    bandwidthMbps: order.bandwidthMbps,
    requestedCompletionDate: order.requestedCompletionDate,
    site: order.site,
    contact: order.contact,
  };
}
