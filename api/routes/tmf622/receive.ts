import { recordPartnerUpdate, type RecordedUpdate } from '../../../db/repositories/order-events.js';
import { orderVersion, type OrderRow } from '../../../db/repositories/orders.js';
import type { OrderState } from '../../../sla-rules/order-states.js';
import { decidePartnerUpdate, type PartnerUpdate } from '../../../partners/orders/apply-update.js';
import type { Deps } from '../../context.js';
import { ApiError } from '../../errors.js';

/**
 * Stores a carrier's update once and applies it if valid, then tells the order's workflow. A duplicate is
 * acknowledged and re-signals the current state (harmless), so a carrier retrying after a 503 heals a lost signal.
 */
export async function receivePartnerUpdate(
  deps: Deps,
  input: {
    order: OrderRow;
    source: string;
    type: string;
    externalEventId: string | null;
    update: PartnerUpdate;
    payload: unknown;
  },
): Promise<RecordedUpdate> {
  const result = recordPartnerUpdate(
    deps.db,
    {
      orderId: input.order.id,
      source: input.source,
      type: input.type,
      externalEventId: input.externalEventId,
      update: input.update,
      payload: input.payload,
      receivedAt: deps.now().toISOString(),
    },
    decidePartnerUpdate,
  );
  try {
    await deps.workflows.changed(input.order.id, {
      state: result.order.state as OrderState,
      version: orderVersion(deps.db, input.order.id),
    });
  } catch (err) {
    deps.log.error({ err, orderId: input.order.id }, 'stored a partner update but could not signal its workflow');
    throw new ApiError(
      'unavailable',
      'Update stored; the workflow engine is unavailable. Send it again (it will not be applied twice).',
    );
  }
  return result;
}
