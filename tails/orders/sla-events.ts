import type { OrderEventRow } from '../../db/repositories/orders.js';
import type { SlaEvent } from '../../sla-rules/types.js';

/**
 * An order's timeline as the SLA engine reads it: its placement, every state change and committed date that was
 * applied (refused and stale carrier events changed nothing, so they move no clock), in receipt order.
 */
export function orderSlaEvents(rows: OrderEventRow[]): SlaEvent[] {
  const events: SlaEvent[] = [];
  // The desk places an order as acknowledged; the carrier's own acknowledgement (same state) is what stops the
  // acknowledgement OLA, so every state the carrier reports counts once, when it first differs from the last one.
  let lastReported: string | null = null;
  for (const row of rows) {
    const base = { seq: row.seq, occurredAt: row.occurredAt, receivedAt: row.receivedAt, source: row.source };
    if (row.type === 'orderPlaced') {
      events.push({ ...base, type: 'created' });
      continue;
    }
    if (row.outcome !== 'applied' && row.outcome !== 'recorded') continue;
    if (row.outcome === 'applied' && row.committedDate)
      events.push({ ...base, type: 'committedDate', committedDate: row.committedDate });
    if (row.toState && row.toState !== lastReported) {
      events.push({ ...base, type: 'state', state: row.toState });
      lastReported = row.toState;
    }
  }
  return events;
}
