import type { SlaEvent } from '../../sla-rules/types.js';
import { slaEventsOf, type TimelineRow } from '../sla/timeline-events.js';

/** The carrier's completionDate, when its API's answer reports the order completed. */
const completionDateOf = (row: TimelineRow): string | undefined =>
  row.toState === 'completed' ? (row.payload as { completionDate?: string } | null)?.completionDate : undefined;

/** An order's timeline as the SLA engine reads it (tails/sla/timeline-events.ts). */
export const orderSlaEvents = (rows: readonly TimelineRow[]): SlaEvent[] =>
  slaEventsOf(rows, { placedType: 'orderPlaced', snapshotDateOf: completionDateOf });
