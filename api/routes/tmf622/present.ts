import type { OrderRow } from '../../../db/repositories/orders.js';
import type { Partner } from '../../../openapi/partners.js';
import { mappingOf } from '../../../partners/adapters/index.js';
import { servedProductOrderV4 } from '../../../partners/adapters/tmf622/write.js';
import { tailOrderFor } from '../../../tails/orders/for-carrier.js';

export const productOrderPath = '/tmf-api/productOrderingManagement/v4/productOrder';

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
