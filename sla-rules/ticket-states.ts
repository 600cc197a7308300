import { reaches } from './state-graph.js';

/** TMF621 TroubleTicket statuses, as Tailgate tracks them for a fault on a delivered tail. */
export const ticketStatuses = [
  'acknowledged',
  'inProgress',
  'pending',
  'held',
  'resolved',
  'closed',
  'cancelled',
  'rejected',
] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const isTicketStatus = (s: string | undefined): s is TicketStatus =>
  (ticketStatuses as readonly unknown[]).includes(s);

export const finalTicketStatuses: ReadonlySet<TicketStatus> = new Set(['closed', 'cancelled', 'rejected']);
export const isFinalTicketStatus = (s: TicketStatus) => finalTicketStatuses.has(s);

/** Allowed moves (TMF621 user guide state machine); `resolved` may be reopened to inProgress by the buyer. */
const transitions: Record<TicketStatus, readonly TicketStatus[]> = {
  acknowledged: ['inProgress', 'pending', 'held', 'resolved', 'rejected', 'cancelled'],
  inProgress: ['pending', 'held', 'resolved', 'cancelled'],
  pending: ['inProgress', 'held', 'resolved', 'cancelled'],
  held: ['inProgress', 'pending', 'resolved', 'cancelled'],
  resolved: ['closed', 'inProgress'],
  closed: [],
  cancelled: [],
  rejected: [],
};

export function canMoveTicket(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || transitions[from].includes(to);
}

/** Whether a polled snapshot may jump from `from` to `to`: reachable through moves we did not see (state-graph.ts). */
export const canReachTicket = (from: TicketStatus, to: TicketStatus): boolean => reaches(transitions, from, to);

/** A ticket's status as of a version (its newest event's sequence number): news for its workflow, newest wins. */
export type TicketChange = { status: TicketStatus; version: number };
