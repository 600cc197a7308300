import { canMove, canReach, type OrderState } from '../../sla-rules/order-states.js';

/** What a carrier (or a poll of the carrier) says about an order. */
export type PartnerUpdate = {
  state?: OrderState | undefined;
  committedDate?: string | undefined;
  completionDate?: string | undefined;
  /** When the carrier says it happened; used for ordering, never to apply anything backwards. */
  occurredAt: string;
  message?: string | undefined;
  /** `event`: a notified transition, which must be valid from the current state; `snapshot`: a polled current state. */
  kind?: 'event' | 'snapshot';
};

export type OrderFacts = {
  state: OrderState;
  committedDate: string | null;
  completedAt: string | null;
  /** occurredAt of the newest partner state change applied so far. */
  lastStateAt: string | null;
};

export type Decision = {
  outcome: 'applied' | 'refused' | 'stale' | 'recorded';
  patch: { state?: OrderState; committedDate?: string; completedAt?: string; failureReason?: string };
  detail?: string;
};

/**
 * Decides what a partner update does to an order: a state change must be a valid TMF622 transition and newer than
 * the last applied one; a changed committed date is taken. An invalid move is recorded and refused, never applied.
 */
export function decidePartnerUpdate(order: OrderFacts, update: PartnerUpdate, receivedAt: string): Decision {
  const patch: Decision['patch'] = {};
  if (update.committedDate && update.committedDate !== order.committedDate) patch.committedDate = update.committedDate;

  if (update.state && update.state !== order.state) {
    if (order.lastStateAt && update.occurredAt < order.lastStateAt) {
      return {
        outcome: 'stale',
        patch: {},
        detail: `${update.state} at ${update.occurredAt} is older than the state applied at ${order.lastStateAt}`,
      };
    }
    const allowed =
      update.kind === 'snapshot' ? canReach(order.state, update.state) : canMove(order.state, update.state);
    if (!allowed) {
      return { outcome: 'refused', patch: {}, detail: `invalid transition ${order.state} -> ${update.state}` };
    }
    patch.state = update.state;
    if (update.state === 'completed') {
      const claimed = update.completionDate;
      patch.completedAt = claimed && claimed <= receivedAt ? claimed : receivedAt;
    }
    if ((update.state === 'failed' || update.state === 'rejected') && update.message)
      patch.failureReason = update.message;
  }
  return Object.keys(patch).length > 0 ? { outcome: 'applied', patch } : { outcome: 'recorded', patch: {} };
}
