// The order state machine lives in sla-rules (workflows may import it); this path is kept for the adapters.
export * from '../../sla-rules/order-states.js';
