import type { SlaEntity, SlaEvent } from '../../sla-rules/types.js';
import { orderSlaEvents } from '../../tails/orders/sla-events.js';
import type { TimelineRow } from '../../tails/sla/timeline-events.js';
import { ticketSlaEvents } from '../../tails/tickets/sla-events.js';

/**
 * One step of a what-if timeline: `placed` (the desk placed the order or raised the ticket), `submitted` (the carrier
 * can take it: its API accepted our request, or it was made available to pull; without it, the carrier's first event
 * is), `state` (the carrier reported the order state or ticket status `state`; `claimedAt` is the carrier's own time
 * for it, a stop may count at it as production's do), `committedDate` (the carrier committed to `committedDate`).
 */
export type WhatIfEvent = {
  at: string;
  event: 'placed' | 'submitted' | 'state' | 'committedDate';
  state?: string | undefined;
  committedDate?: string | undefined;
  claimedAt?: string | undefined;
};

/** An order or ticket that never existed, as a what-if measures it; validated by openapi/what-if.ts. */
export type WhatIfTimeline = {
  entity: 'order' | 'ticket';
  product?: string | undefined;
  /** A ticket's priority, P1..P4. */
  priority?: string | undefined;
  leadTimeDays?: number | undefined;
  /** The circuit's charges, for clauses priced on them. */
  charges?: { monthlyMinor: number; installMinor: number; currency: string } | undefined;
  /** The instant to measure at while it is still open (default: now). */
  asOf?: string | undefined;
  events: WhatIfEvent[];
};

/** Instants as production stores them: UTC ISO-8601 (a bare committed date stays a date). */
const utc = (instant: string) => new Date(instant).toISOString();
const committed = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? date : utc(date));

/** The rows production would have stored for these steps, in the shape the SLA engine's reader takes. */
function timelineRows(timeline: WhatIfTimeline): TimelineRow[] {
  const placedType = timeline.entity === 'order' ? 'orderPlaced' : 'ticketRaised';
  return timeline.events.map((e, i): TimelineRow => {
    const at = utc(e.at);
    const row: TimelineRow = {
      seq: i + 1,
      type: placedType,
      source: 'desk',
      outcome: 'applied',
      toState: null,
      payload: null,
      occurredAt: at,
      receivedAt: at,
      claimNote: null,
      ownDelayMs: null,
    };
    if (e.event === 'placed') return row;
    if (e.event === 'submitted') return { ...row, type: 'availableToCarrier', source: 'workflow', outcome: 'recorded' };
    return {
      ...row,
      type: 'stateChange',
      source: 'listener',
      toState: e.event === 'state' ? e.state! : null,
      committedDate: e.event === 'committedDate' ? committed(e.committedDate!) : null,
      occurredAt: e.claimedAt ? utc(e.claimedAt) : at,
    };
  });
}

/** The timeline's events as the clocks read them: through the same reader as a stored order's or ticket's. */
export const timelineSlaEvents = (timeline: WhatIfTimeline): SlaEvent[] =>
  timeline.entity === 'order' ? orderSlaEvents(timelineRows(timeline)) : ticketSlaEvents(timelineRows(timeline));

export const timelineEntity = (timeline: WhatIfTimeline): SlaEntity => ({
  kind: timeline.entity,
  product: timeline.product,
  priority: timeline.priority,
  leadTimeDays: timeline.leadTimeDays,
});
