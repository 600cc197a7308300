import { writeTransaction } from '../../db/access.js';
import { newId } from '../../db/ids.js';
import { partnerStatusWithPolicyStarts } from '../../db/repositories/ola-policies.js';
import {
  getOrderByRequestKey,
  insertOrderWithEvent,
  ordersChanging,
  type NewOrderRow,
  type OrderRow,
} from '../../db/repositories/orders.js';
import { lockRow } from '../../db/row-locks.js';
import type { OrderChangeCreate } from '../../openapi/order-changes.js';
import { isFinalOrderState } from '../../sla-rules/order-states.js';
import { selectPolicyVersion } from '../../sla-rules/select.js';
import type { DeskRequest } from '../request-key.js';
import type { Viewer } from '../viewer.js';
import { visibleOrder } from './desk-actions.js';
import { orderEvent } from './events.js';
import type { PlaceOrderOutcome } from './place.js';
import { ensureOrderWorkflow, type StartDeps } from './start-workflow.js';

export type OrderChangeOutcome =
  PlaceOrderOutcome | { ok: false; reason: 'notFound' } | { ok: false; reason: 'conflict'; message: string };

type Refusal = Exclude<OrderChangeOutcome, { ok: true }>;
const conflict = (message: string): Refusal => ({ ok: false, reason: 'conflict', message });
const invalid = (path: string, message: string): Refusal => ({
  ok: false,
  reason: 'invalid',
  problems: [{ path, message }],
});

/**
 * Why the delivered order's tail cannot be changed or ceased now, if it cannot: it must be a delivered new tail whose
 * circuit the carrier named, with no change of it still open and no cease of it completed. Else the tail as its
 * completed changes left it (its bandwidth now).
 */
function tailNow(delivered: OrderRow, changes: OrderRow[]): Refusal | { bandwidthMbps: number } {
  if (delivered.action !== 'add')
    return conflict(`Order ${delivered.id} is itself a change: change the tail through ${delivered.changesOrderId}`);
  if (delivered.state !== 'completed')
    return conflict(`Only a delivered tail can be changed or ceased: order ${delivered.id} is ${delivered.state}`);
  if (!delivered.carrierCircuitRef)
    return conflict(`The carrier never named the circuit order ${delivered.id} delivered, so none can be changed`);
  const open = changes.find((c) => !isFinalOrderState(c.state));
  if (open) return conflict(`Order ${open.id} (${open.action}) of this tail is still open`);
  const ceased = changes.find((c) => c.action === 'delete' && c.state === 'completed');
  if (ceased) return conflict(`The tail was ceased by order ${ceased.id}`);
  const lastChange = changes.filter((c) => c.action === 'modify' && c.state === 'completed').at(-1);
  return { bandwidthMbps: lastChange?.bandwidthMbps ?? delivered.bandwidthMbps };
}

/** The change's own order row, for the delivered tail as it is now; writes nothing. */
async function buildChange(
  deps: StartDeps,
  delivered: OrderRow,
  input: OrderChangeCreate,
  current: { bandwidthMbps: number },
  createdBy: string,
): Promise<NewOrderRow | Refusal> {
  const now = deps.now();
  if (input.action === 'modify' && input.bandwidthMbps === undefined)
    return invalid('bandwidthMbps', 'required to modify a tail');
  if (input.action === 'modify' && input.bandwidthMbps === current.bandwidthMbps)
    return invalid('bandwidthMbps', `the tail is already ${current.bandwidthMbps} Mbps`);
  if (input.action === 'delete' && input.bandwidthMbps !== undefined)
    return invalid('bandwidthMbps', 'a cease takes no bandwidth');
  if (input.requestedCompletionDate < now.toISOString().slice(0, 10))
    return invalid('requestedCompletionDate', 'must not be in the past');
  const partner = await partnerStatusWithPolicyStarts(deps.db, delivered.partnerId);
  if (partner?.status !== 'active') return conflict(`The tail's carrier is ${partner?.status ?? 'gone'}`);
  const at = now.toISOString();
  return {
    id: newId('ord'),
    partnerId: delivered.partnerId,
    offerId: null,
    deskReference: input.deskReference,
    action: input.action,
    changesOrderId: delivered.id,
    productCode: delivered.productCode,
    bandwidthMbps: input.bandwidthMbps ?? current.bandwidthMbps,
    site: delivered.site,
    contact: input.contact ?? delivered.contact,
    carrierFields: delivered.carrierFields,
    accessType: delivered.accessType,
    requestedCompletionDate: input.requestedCompletionDate,
    state: 'acknowledged',
    submission: 'submitting',
    // The circuit it acts on, as the carrier named it (it may name it again when it completes).
    carrierCircuitRef: delivered.carrierCircuitRef,
    policyId: selectPolicyVersion(partner.policyStarts, at)?.id ?? null,
    createdBy,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Places the desk's change (modify: a new bandwidth) or cease (delete) of a delivered tail, once per request: a new
 * order of its own for the same carrier, product and site, naming the delivered order and its circuit, sent to the
 * carrier by its own workflow and measured by the OLA policy in force now. One change of a tail is open at a time
 * (checked under the delivered order's lock); a ceased tail cannot be changed again.
 */
export async function placeOrderChange(
  deps: StartDeps,
  viewer: Viewer,
  deliveredId: string,
  input: OrderChangeCreate,
  request: DeskRequest,
): Promise<OrderChangeOutcome> {
  const placedBefore = request.takenOver ? await getOrderByRequestKey(deps.db, request.key) : undefined;
  if (placedBefore) {
    await ensureOrderWorkflow(deps, placedBefore);
    return { ok: true, order: placedBefore };
  }
  if (!(await visibleOrder(deps.db, viewer, deliveredId))) return { ok: false, reason: 'notFound' };
  const placed = await writeTransaction(deps.db, async (): Promise<OrderChangeOutcome> => {
    await lockRow(deps.db, 'orders', deliveredId);
    const delivered = (await visibleOrder(deps.db, viewer, deliveredId))!;
    const current = tailNow(delivered, await ordersChanging(deps.db, deliveredId));
    if (!('bandwidthMbps' in current)) return current;
    const built = await buildChange(deps, delivered, input, current, viewer.keyId);
    if ('ok' in built) return built;
    const what =
      input.action === 'delete'
        ? `Cease of circuit ${delivered.carrierCircuitRef}`
        : `Change of circuit ${delivered.carrierCircuitRef} from ${current.bandwidthMbps} to ${built.bandwidthMbps} Mbps`;
    const event = orderEvent(built, {
      source: 'desk',
      type: 'orderPlaced',
      fromState: null,
      toState: 'acknowledged',
      outcome: 'applied',
      detail: input.note ? `${what}: ${input.note}` : what,
      occurredAt: built.createdAt,
      receivedAt: built.createdAt,
    });
    const order = await insertOrderWithEvent(deps.db, { ...built, requestKey: request.key }, event);
    return { ok: true, order, timeline: [event] };
  });
  if (placed.ok) await ensureOrderWorkflow(deps, placed.order);
  return placed;
}
