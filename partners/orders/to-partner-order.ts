import type { OrderRow } from '../../db/repositories/orders.js';
import type { TailOrderForPartner } from '../adapters/types.js';

type Site = TailOrderForPartner['site'];
type Contact = TailOrderForPartner['contact'];

/** Our stored order in the shape every adapter maps into its carrier's terms. */
export function toPartnerOrder(order: OrderRow): TailOrderForPartner {
  return {
    externalId: order.id,
    deskReference: order.deskReference,
    productCode: order.productCode,
    bandwidthMbps: order.bandwidthMbps,
    requestedCompletionDate: order.requestedCompletionDate,
    site: order.site as Site,
    contact: order.contact as Contact,
  };
}
