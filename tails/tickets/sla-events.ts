import type { TicketEventRow } from '../../db/repositories/tickets.js';
import type { SlaEvent } from '../../sla-rules/types.js';

/**
 * A ticket's timeline as the SLA engine reads it: its raising, then every status that was applied or reported
 * (refused and stale carrier events changed nothing, so they move no clock), in receipt order.
 */
export function ticketSlaEvents(rows: TicketEventRow[]): SlaEvent[] {
  const events: SlaEvent[] = [];
  // The desk raises a ticket as acknowledged; the carrier's own acknowledgement (same status) is what stops the
  // response OLA, so every status the carrier reports counts once, when it first differs from the last one.
  let lastReported: string | null = null;
  for (const row of rows) {
    const base = { seq: row.seq, occurredAt: row.occurredAt, receivedAt: row.receivedAt, source: row.source };
    if (row.type === 'ticketRaised') {
      events.push({ ...base, type: 'created' });
      continue;
    }
    if (row.outcome !== 'applied' && row.outcome !== 'recorded') continue;
    if (row.toState && row.toState !== lastReported) {
      events.push({ ...base, type: 'state', state: row.toState });
      lastReported = row.toState;
    }
  }
  return events;
}
