import { closeRefusedEventTasks, openManualTask } from '../../db/repositories/manual-tasks.js';
import { refusedReason } from '../refused-reason.js';
import type { Db } from '../../db/client.js';
import { writeTransaction } from '../../db/access.js';
import {
  hasOrderEventWithExternalId,
  lastNotifiedStateAt,
  markOrderEventApplied,
  refusedOrderEventsAfter,
} from '../../db/repositories/order-events.js';
import {
  appendOrderEvent,
  getOrder,
  getOrderByPartnerOrderId,
  orderVersion,
  updateOrder,
  type NewOrderRow,
  type OrderRow,
} from '../../db/repositories/orders.js';
import type { EventSource, OrderEventType } from '../../openapi/events.js';
import type { CarrierOrderUpdate } from '../../partners/adapters/tmf622/types.js';
import { sameInstant } from '../../sla-rules/instants.js';
import { canMove, canReach, type OrderState } from '../../sla-rules/order-states.js';
import { believableDate, judgeClaim } from '../claims.js';
import { ownDowntimeMs } from '../liveness.js';
import type { TailWorkflows } from '../workflows.js';
import { orderEvent } from './events.js';
import { lockRow } from '../../db/row-locks.js';

/**
 * Receiving what a carrier says about an order: one entry for its notifications at our listener, its PATCH on our
 * TMF622 server, and the answers of its API to our submission and polls. Each is stored once, applied if the state
 * rules allow, and (from the listener and our server) passed on to the order's workflow.
 */

/** What the carrier says, and when it says it happened (used for ordering, never to apply anything backwards). */
export type OrderUpdate = CarrierOrderUpdate & {
  occurredAt: string;
  /** `event` (default): a notified transition, valid from the current state; `snapshot`: the current state. */
  kind?: 'event' | 'snapshot' | undefined;
};

export type OrderFacts = {
  state: OrderState;
  /** When the order was placed: a carrier's date before it is not believed. */
  createdAt: string;
  committedDate: string | null;
  /** occurredAt of the newest state change a carrier notified (by event id) that was applied. */
  lastStateAt: string | null;
};

export type Decision = {
  outcome: 'applied' | 'refused' | 'stale' | 'recorded';
  patch: { state?: OrderState; committedDate?: string; completedAt?: string; failureReason?: string };
  detail?: string;
};

/**
 * What an update does to an order: a state change must be a valid TMF622 transition (a snapshot may skip steps it
 * did not see) and newer than the last applied one; a changed committed date is taken; a completion date is never
 * taken from the future or from before the order existed. An invalid move is recorded and refused, never applied.
 */
export function decideOrderUpdate(order: OrderFacts, update: OrderUpdate, receivedAt: string): Decision {
  const patch: Decision['patch'] = {};
  if (update.committedDate && !sameInstant(update.committedDate, order.committedDate)) {
    patch.committedDate = update.committedDate;
  }
  if (update.state && update.state !== order.state) {
    if (order.lastStateAt && update.occurredAt < order.lastStateAt) {
      const detail = `${update.state} at ${update.occurredAt} is older than the state applied at ${order.lastStateAt}`;
      return { outcome: 'stale', patch: {}, detail };
    }
    const allowed =
      update.kind === 'snapshot' ? canReach(order.state, update.state) : canMove(order.state, update.state);
    if (!allowed)
      return { outcome: 'refused', patch: {}, detail: `invalid transition ${order.state} -> ${update.state}` };
    patch.state = update.state;
    if (update.state === 'completed')
      patch.completedAt = believableDate(update.completionDate, receivedAt, order.createdAt);
    if ((update.state === 'failed' || update.state === 'rejected') && update.message) {
      patch.failureReason = update.message;
    }
  }
  return Object.keys(patch).length > 0 ? { outcome: 'applied', patch } : { outcome: 'recorded', patch: {} };
}

/** One carrier update about one order, as it reached us. */
export type CarrierOrderReport = {
  orderId: string;
  source: Extract<EventSource, 'listener' | 'partner-pull' | 'adapter' | 'adapter-poll'>;
  type: OrderEventType;
  /** The carrier's event id: a second event with the same id is a duplicate, acknowledged and not applied. */
  externalEventId: string | null;
  update: OrderUpdate;
  payload: unknown;
  /** The carrier's own order reference (a PATCH's externalId): taken with an accepted update if we have none. */
  partnerOrderId?: string | undefined;
  /**
   * Of the delay between the claimed time and its receipt, how much Tailgate knows was its own: given for a poll (the
   * time between asking); otherwise Tailgate's downtime over that span (tails/liveness.ts).
   */
  ownDelayMs?: number | undefined;
};

export type RecordedOrderUpdate = { outcome: Decision['outcome'] | 'duplicate'; order: OrderRow; version: number };

type ReceiveDeps = { db: Db; now: () => Date };

/**
 * Stores the update once and applies it if the rules allow, in one transaction. Once a state is applied, updates
 * refused earlier that are newer than it are tried again: a carrier whose notifications arrive out of order still
 * ends in the right state.
 */
export async function recordOrderUpdate(deps: ReceiveDeps, report: CarrierOrderReport): Promise<RecordedOrderUpdate> {
  const { db } = deps;
  const receivedAt = deps.now().toISOString();
  return await writeTransaction(db, async () => {
    // Updates of one order (the carrier's listener, its PATCH, our own poll) take turns: each sees the one before.
    await lockRow(db, 'orders', report.orderId);
    let order = await getOrder(db, report.orderId);
    if (!order) throw new Error(`order ${report.orderId} vanished`);
    if (report.externalEventId && (await hasOrderEventWithExternalId(db, order.id, report.externalEventId))) {
      return { outcome: 'duplicate', order, version: await orderVersion(db, order.id) };
    }
    const judged = judgeClaim(report.update.occurredAt, receivedAt, order.createdAt);
    const update = { ...report.update, occurredAt: judged.occurredAt };
    const decision = decideOrderUpdate(await factsOf(db, order), update, receivedAt);
    const accepted = decision.outcome === 'applied' || decision.outcome === 'recorded';
    const patch: Partial<NewOrderRow> = { ...decision.patch };
    if (accepted && report.partnerOrderId && !order.partnerOrderId) patch.partnerOrderId = report.partnerOrderId;
    const circuit = report.update.circuitReference;
    if (accepted && circuit && circuit !== order.carrierCircuitRef) patch.carrierCircuitRef = circuit;
    const fromState = order.state;
    if (Object.keys(patch).length > 0) order = (await updateOrder(db, order.id, { ...patch, updatedAt: receivedAt }))!;
    await appendOrderEvent(
      db,
      orderEvent(order, {
        source: report.source,
        type: report.type,
        externalEventId: report.externalEventId,
        fromState,
        toState: update.state ?? null,
        outcome: decision.outcome,
        detail: decision.detail ?? update.message ?? null,
        committedDate: decision.patch.committedDate ?? null,
        payload: report.payload,
        occurredAt: update.occurredAt,
        receivedAt,
        claimNote: judged.claimNote,
        ownDelayMs: report.ownDelayMs ?? (await ownDowntimeMs(db, update.occurredAt, receivedAt)),
      }),
    );
    if (decision.outcome === 'refused')
      await openManualTask(db, {
        orderId: order.id,
        kind: 'event_refused',
        reason: refusedReason(report, decision.detail),
        now: new Date(receivedAt),
      });
    if (decision.patch.state) order = await applyRefusedSince(db, order, update.occurredAt, receivedAt);
    return { outcome: decision.outcome, order, version: await orderVersion(db, order.id) };
  });
}

const factsOf = async (db: Db, order: OrderRow): Promise<OrderFacts> => ({
  state: order.state,
  createdAt: order.createdAt,
  committedDate: order.committedDate,
  lastStateAt: await lastNotifiedStateAt(db, order.id),
});

async function applyRefusedSince(db: Db, order: OrderRow, since: string, receivedAt: string): Promise<OrderRow> {
  let current = order;
  for (const event of await refusedOrderEventsAfter(db, order.id, since)) {
    if (!event.toState) continue;
    const retried: OrderUpdate = { kind: 'event', state: event.toState, occurredAt: event.occurredAt };
    const decision = decideOrderUpdate(await factsOf(db, current), retried, receivedAt);
    if (decision.outcome !== 'applied') continue;
    current = (await updateOrder(db, current.id, { ...decision.patch, updatedAt: receivedAt }))!;
    await markOrderEventApplied(db, event.seq, `applied once the earlier event arrived (${event.detail ?? ''})`);
    await closeRefusedEventTasks(
      db,
      { orderId: current.id },
      'applied once the earlier update arrived',
      new Date(receivedAt),
    );
  }
  return current;
}

export type ReceiveOrderOutcome =
  | ({ ok: true } & RecordedOrderUpdate)
  | ({ ok: false; reason: 'workflowUnavailable'; error: unknown } & RecordedOrderUpdate);

/**
 * Records the update, then tells the order's workflow. A duplicate re-signals the current state (harmless), so a
 * carrier retrying after our 503 heals a lost signal.
 */
export async function receiveOrderUpdate(
  deps: ReceiveDeps & { workflows: Pick<TailWorkflows, 'changed'> },
  report: CarrierOrderReport,
): Promise<ReceiveOrderOutcome> {
  const recorded = await recordOrderUpdate(deps, report);
  try {
    await deps.workflows.changed(recorded.order.id, { state: recorded.order.state, version: recorded.version });
  } catch (error) {
    return { ok: false, reason: 'workflowUnavailable', error, ...recorded };
  }
  return { ok: true, ...recorded };
}

/** The calling carrier's order a document names: by the carrier's id, else by our id echoed back (its own only). */
export async function orderNamedByCarrier(
  db: Db,
  partnerId: string,
  names: { partnerOrderId: string; ourOrderId: string | undefined },
): Promise<OrderRow | undefined> {
  const byPartnerId = await getOrderByPartnerOrderId(db, partnerId, names.partnerOrderId);
  if (byPartnerId) return byPartnerId;
  const ours = names.ourOrderId ? await getOrder(db, names.ourOrderId) : undefined;
  return ours?.partnerId === partnerId ? ours : undefined;
}
