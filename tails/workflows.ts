import type { DeliveryDestination } from '../db/repositories/notifications.js';
import type { OrderChange } from '../sla-rules/order-states.js';
import type { TicketChange } from '../sla-rules/ticket-states.js';

/**
 * What the use cases ask of the durable workflows that follow each order and ticket (Temporal; workers/client.ts
 * builds the real one). Each use case names the part it needs, e.g. `Pick<TailWorkflows, 'start'>`.
 */
export type TailWorkflows = {
  start(orderId: string): Promise<void>;
  /** A carrier update was stored and applied: here is the order's state now. */
  changed(orderId: string, change: OrderChange): Promise<void>;
  /** Starts the order's workflow with the request if it is not running yet (the request is its first news). */
  cancel(orderId: string, reason: string): Promise<void>;
  retrySubmission(orderId: string): Promise<void>;
  startTicket(ticketId: string): Promise<void>;
  ticketChanged(ticketId: string, change: TicketChange): Promise<void>;
  closeTicket(ticketId: string, reason: string): Promise<void>;
  /** Starts the ticket's workflow with the request if it is not running yet (the request is its first news). */
  cancelTicket(ticketId: string, reason: string): Promise<void>;
  retryTicketSubmission(ticketId: string): Promise<void>;
  /**
   * Hands a stored request for the carrier (an amendment, an answer, a note, a reopening) to the order's or ticket's
   * workflow, which sends its requests in order; starts the workflow if it is not running yet.
   */
  carrierRequest(entity: { type: 'order' | 'ticket'; id: string }, requestId: string): Promise<void>;
  /** Wakes (or starts) the delivery workflow of each destination: it has new notifications pending. */
  deliverTo(destinations: DeliveryDestination[]): Promise<void>;
  /** Starts the delivery workflow of each destination that has none running (the reconciler's sweep). */
  ensureDelivering(destinations: DeliveryDestination[]): Promise<void>;
};
