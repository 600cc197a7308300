import type { TmfTroubleTicket } from '../../openapi/tmf621.js';
import { externalIdOwner, ourNoteAuthor } from '../adapters/tmf622-shared.js';
import type { TicketUpdate } from './apply-update.js';

/** Our ticket id as the carrier echoes it: v4 externalId is a string, v5 an ExternalIdentifier list. */
export function ourTicketIdOf(tt: TmfTroubleTicket): string | undefined {
  if (tt.externalId) return tt.externalId;
  const ids = tt.externalIdentifier ?? [];
  // The entry we own, else any entry: carriers may drop `owner`.
  return (ids.find((e) => e.owner === externalIdOwner) ?? ids[0])?.id;
}

const utc = (iso: string | undefined) => (iso ? new Date(iso).toISOString() : undefined);

/** A carrier's TroubleTicket representation read as an update to our ticket. */
export function updateFromTroubleTicket(tt: Partial<TmfTroubleTicket>, occurredAt: string): TicketUpdate {
  // The carrier's explanation: its status change reason, else its latest note (never one of ours echoed back).
  const notes = (tt.note ?? [])
    .filter((n) => n.author !== ourNoteAuthor)
    .map((n) => n.text)
    .filter((t): t is string => !!t);
  return {
    status: tt.status,
    expectedResolutionDate: utc(tt.expectedResolutionDate),
    resolutionDate: utc(tt.resolutionDate),
    occurredAt,
    message: tt.statusChangeReason ?? notes.at(-1),
  };
}
