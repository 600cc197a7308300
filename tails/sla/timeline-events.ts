import type { EventSource } from '../../openapi/events.js';
import type { SlaEvent } from '../../sla-rules/types.js';

/** What an order's or ticket's event row says that the SLA engine reads (both tables have these columns). */
export type TimelineRow = {
  seq: number;
  type: string;
  source: EventSource;
  outcome: string;
  toState: string | null;
  committedDate?: string | null;
  payload: unknown;
  occurredAt: string;
  receivedAt: string;
  claimNote: string | null;
  ownDelayMs: number | null;
};

/** Sources through which the carrier itself speaks: any of them shows it holds the order or ticket. */
const carrierSources: ReadonlySet<EventSource> = new Set(['listener', 'partner-pull', 'adapter', 'adapter-poll']);

type Reading = {
  /** Our own first event (orderPlaced, ticketRaised): the SLA event `created`. */
  placedType: string;
  /**
   * For an answer of the carrier's API (a snapshot, dated when we asked), the carrier's own date for the state it
   * reports, if it gives one (an order's completionDate, a ticket's resolutionDate).
   */
  snapshotDateOf(row: TimelineRow): string | undefined;
};

/**
 * An order's or ticket's timeline as the SLA engine reads it, in receipt order: `created` at our own first event;
 * `submitted` when the carrier had it (its API accepted our create request, it was made available to a carrier that
 * pulls, or the carrier spoke of it first); then every state the carrier reported (once, when it first differs from
 * the last one), every committed date applied, and every requested date an accepted amendment changed. Refused and
 * stale events changed nothing, so they move no clock.
 * A claimed time Tailgate could not believe (claimNote) and its own share of a delay (ownDelayMs) go with each event.
 */
export function slaEventsOf(rows: readonly TimelineRow[], reading: Reading): SlaEvent[] {
  const events: SlaEvent[] = [];
  let submitted = false;
  // The desk places an order (raises a ticket) as acknowledged; the carrier's own acknowledgement (same state) is
  // what stops the acknowledgement OLA.
  let lastReported: string | null = null;
  for (const row of rows) {
    const base: SlaEvent = {
      seq: row.seq,
      type: 'created',
      occurredAt: row.occurredAt,
      receivedAt: row.receivedAt,
      source: row.source,
    };
    if (row.claimNote !== null) base.claimNote = row.claimNote;
    if (row.ownDelayMs !== null) base.ownDelayMs = row.ownDelayMs;
    if (row.type === reading.placedType) {
      events.push(base);
      continue;
    }
    if (!submitted && (row.type === 'availableToCarrier' || carrierSources.has(row.source))) {
      submitted = true;
      // Our own doing, at receipt: the carrier's time for accepting it is not what starts its clocks.
      events.push({ seq: row.seq, type: 'submitted', occurredAt: row.receivedAt, receivedAt: row.receivedAt });
    }
    if (row.outcome !== 'applied' && row.outcome !== 'recorded') continue;
    // An accepted amendment changed what we asked for: an OLA may restart on it (its `restart` condition).
    if (row.type === 'requestedDateChanged' && row.outcome === 'applied') {
      events.push({ ...base, type: 'requestedDateChanged' });
      continue;
    }
    if (row.outcome === 'applied' && row.committedDate)
      events.push({ ...base, type: 'committedDate', committedDate: row.committedDate });
    if (row.toState && row.toState !== lastReported) {
      const snapshotDate = row.source === 'adapter' || row.source === 'adapter-poll' ? reading.snapshotDateOf(row) : '';
      const claimed = snapshotDate && snapshotDate < row.receivedAt ? snapshotDate : row.occurredAt;
      events.push({ ...base, type: 'state', state: row.toState, occurredAt: claimed });
      lastReported = row.toState;
    }
  }
  return events;
}
