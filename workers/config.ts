/** Names shared by the API (client side) and the worker; workflow ids derive from our own ids. */
export const TASK_QUEUE = 'tailgate';

export const orderWorkflowId = (orderId: string) => `tail-order-${orderId}`;
export const ticketWorkflowId = (ticketId: string) => `trouble-ticket-${ticketId}`;

/** Defaults for the order and trouble ticket workflows; tests pass smaller ones through the workflow input. */
export const orderWorkflowDefaults = {
  /** How long submission keeps retrying an unreachable carrier before a desk task is opened. */
  unreachableAfterMs: 30 * 60_000,
  /** Overrides the partner's own poll interval (carriers without notifications); tests make it short. */
  pollIntervalMs: undefined as number | undefined,
};
