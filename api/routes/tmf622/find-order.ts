import { getOrder, getOrderByPartnerOrderId, type OrderRow } from '../../../db/repositories/orders.js';
import type { TmfProductOrder } from '../../../openapi/tmf622.js';
import { ourOrderIdOf } from '../../../partners/orders/tmf622-event.js';
import type { Caller, Deps } from '../../context.js';
import { ApiError } from '../../errors.js';

/** The calling carrier's order named by a ProductOrder: by the carrier's id, else by our id echoed as externalId. */
export function carrierOrder(deps: Deps, caller: Caller, po: TmfProductOrder): OrderRow {
  const partnerId = caller.partnerId ?? '';
  const byPartnerId = getOrderByPartnerOrderId(deps.db, partnerId, po.id);
  if (byPartnerId) return byPartnerId;
  const ours = ourOrderIdOf(po);
  const order = ours ? getOrder(deps.db, ours) : undefined;
  if (!order || order.partnerId !== partnerId)
    throw new ApiError('not_found', `No order of yours with id ${po.id}${ours ? ` or externalId ${ours}` : ''}`);
  return order;
}
