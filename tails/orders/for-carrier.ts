import type { OrderRow } from '../../db/repositories/orders.js';
import type { Partner } from '../../openapi/partners.js';
import { mappingOf } from '../../partners/adapters/index.js';
import type { TailOrderForPartner } from '../../partners/adapters/tmf622/types.js';
import { servedProductOrderV4 } from '../../partners/adapters/tmf622/write.js';

export const productOrderPath = '/tmf-api/productOrderingManagement/v4/productOrder';

/** Our stored order as the TMF622 family takes it, to send to the carrier's API or to serve from ours. */
export function tailOrderFor(order: OrderRow): TailOrderForPartner {
  return {
    externalId: order.id,
    deskReference: order.deskReference,
    productCode: order.productCode,
    bandwidthMbps: order.bandwidthMbps,
    requestedCompletionDate: order.requestedCompletionDate,
    site: order.site,
    contact: order.contact,
  };
}

/** The order as our TMF622 v4 server shows it to its carrier, in that carrier's terminology. */
export function servedOrder(order: OrderRow, partner: Pick<Partner, 'adapter'>) {
  return servedProductOrderV4(
    tailOrderFor(order),
    {
      id: order.id,
      href: `${productOrderPath}/${order.id}`,
      state: order.state,
      partnerOrderId: order.partnerOrderId,
      orderDate: order.createdAt,
      committedDate: order.committedDate,
      completedAt: order.completedAt,
    },
    mappingOf(partner),
  );
}
