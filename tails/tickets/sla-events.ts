import type { SlaEvent } from '../../sla-rules/types.js';
import { slaEventsOf, type TimelineRow } from '../sla/timeline-events.js';

/** The carrier's resolutionDate, when its API's answer reports the ticket resolved. */
const resolutionDateOf = (row: TimelineRow): string | undefined =>
  row.toState === 'resolved' ? (row.payload as { resolutionDate?: string } | null)?.resolutionDate : undefined;

/** A ticket's timeline as the SLA engine reads it (tails/sla/timeline-events.ts). */
export const ticketSlaEvents = (rows: readonly TimelineRow[]): SlaEvent[] =>
  slaEventsOf(rows, { placedType: 'ticketRaised', snapshotDateOf: resolutionDateOf });
