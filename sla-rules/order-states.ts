import { reaches } from './state-graph.js';

/** TMF622 ProductOrder states, as Tailgate tracks them for a tail order. */
export const orderStates = [
  'acknowledged',
  'inProgress',
  'pending',
  'held',
  'assessingCancellation',
  'pendingCancellation',
  'cancelled',
  'completed',
  'failed',
  'rejected',
  'partial',
] as const;
export type OrderState = (typeof orderStates)[number];
export const isOrderState = (s: string | undefined): s is OrderState => (orderStates as readonly unknown[]).includes(s);

export const finalOrderStates: ReadonlySet<OrderState> = new Set([
  'cancelled',
  'completed',
  'failed',
  'rejected',
  'partial',
]);
export const isFinalOrderState = (s: OrderState) => finalOrderStates.has(s);

/**
 * Allowed moves, after the TMF622 v4/v5 state machine (user guide, "Product Order state machine"). A carrier may also
 * repeat the current state (an attribute change with the same state is not a transition).
 */
const transitions: Record<OrderState, readonly OrderState[]> = {
  acknowledged: ['inProgress', 'rejected', 'pending', 'held', 'assessingCancellation', 'failed'],
  inProgress: ['pending', 'held', 'completed', 'failed', 'partial', 'assessingCancellation'],
  pending: ['inProgress', 'held', 'assessingCancellation', 'failed', 'rejected', 'cancelled'],
  held: ['inProgress', 'pending', 'assessingCancellation', 'failed', 'cancelled'],
  assessingCancellation: ['pendingCancellation', 'inProgress', 'pending', 'held', 'acknowledged'],
  pendingCancellation: ['cancelled'],
  cancelled: [],
  completed: [],
  failed: [],
  rejected: [],
  partial: [],
};

export function canMove(from: OrderState, to: OrderState): boolean {
  return from === to || transitions[from].includes(to);
}

/** Whether a polled snapshot may jump from `from` to `to`: reachable through moves we did not see (state-graph.ts). */
export const canReach = (from: OrderState, to: OrderState): boolean => reaches(transitions, from, to);

/** An order's state as of a version (its newest event's sequence number): news for its workflow, newest wins. */
export type OrderChange = { state: OrderState; version: number };
