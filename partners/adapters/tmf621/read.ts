import { z } from 'zod';
import type { TicketStatus } from '../../../sla-rules/ticket-states.js';
import { mapTicketStatus, unmappedState } from '../state-maps.js';
import { carrierNoteSchema, latestCarrierNote } from '../carrier-notes.js';
import { PartnerUnavailableError } from '../errors.js';
import { readCarrierBody } from '../http.js';
import { carrierInstant, externalIdentifierSchema, ourIdAmong } from '../tmf-common.js';
import type { CarrierTicketUpdate, PartnerTicketSnapshot } from './types.js';

/**
 * A carrier's TroubleTicket read in our terms, whichever way it reached us: an answer of its TMF621 v4 or v5 API, a
 * notification at our listener, or a PATCH on our TMF621 server. Only what we read is checked; a field we read but
 * cannot make sense of counts as absent, so one odd attribute never loses the status change beside it.
 */

const optionalText = z.string().optional().catch(undefined);

export const carrierTroubleTicketSchema = z.object({
  id: z.string().min(1),
  status: z.string().optional(),
  /** v4: carries our ticket id. */
  externalId: optionalText,
  /** v5: ExternalIdentifier[]; one carries our ticket id. */
  externalIdentifier: z.array(externalIdentifierSchema).optional().catch(undefined),
  creationDate: optionalText,
  expectedResolutionDate: carrierInstant,
  resolutionDate: carrierInstant,
  statusChangeReason: optionalText,
  note: z.array(carrierNoteSchema).optional().catch(undefined),
});
export type CarrierTroubleTicket = z.infer<typeof carrierTroubleTicketSchema>;

/** The carrier's status in TMF621 terms (state-maps.ts); an unmapped one fails retryably, as toOrderState. */
export function toTicketStatus(raw: string, map?: Record<string, TicketStatus>): TicketStatus {
  const status = mapTicketStatus(raw, map);
  if (status === undefined) throw new PartnerUnavailableError(`carrier reported ${unmappedState('ticket', raw)}`);
  return status;
}

/** What the TroubleTicket says about our ticket: status, expected and actual resolution, explanation. */
export function ticketUpdateOf(tt: CarrierTroubleTicket, map?: Record<string, TicketStatus>): CarrierTicketUpdate {
  return {
    status: tt.status === undefined ? undefined : toTicketStatus(tt.status, map),
    expectedResolutionDate: tt.expectedResolutionDate,
    resolutionDate: tt.resolutionDate,
    message: tt.statusChangeReason || latestCarrierNote(tt.note),
  };
}

/** A carrier API's whole answer about one ticket; an answer without a status is one we cannot use. */
export function ticketSnapshotOf(tt: CarrierTroubleTicket, map?: Record<string, TicketStatus>): PartnerTicketSnapshot {
  if (tt.status === undefined)
    throw new PartnerUnavailableError(`carrier answered TroubleTicket ${tt.id} without a status`);
  return {
    ...ticketUpdateOf(tt, map),
    partnerTicketId: tt.id,
    externalId: tt.externalId ?? ourIdAmong(tt.externalIdentifier),
    status: toTicketStatus(tt.status, map),
  };
}

/** Reads a TroubleTicket from a carrier's answer; a shape we cannot read is a carrier fault (retryable). */
export const readTroubleTicket = (body: unknown, what: string) =>
  readCarrierBody(carrierTroubleTicketSchema, body, what);
export const readTroubleTickets = (body: unknown, what: string) =>
  readCarrierBody(z.array(carrierTroubleTicketSchema), body, what);

/** Our ticket id as the carrier echoes it: v4 externalId, or among v5 identifiers the one we own, else any. */
export const ourTicketIdOf = (tt: {
  externalId?: string | undefined;
  externalIdentifier?: readonly { id?: string | undefined; owner?: string | undefined }[] | undefined;
}) => tt.externalId ?? ourIdAmong(tt.externalIdentifier);

/** A TroubleTicket that reached our listener or our TMF621 server (already validated there), read as an update. */
export function readTicketUpdate(
  tt: { id: string } & Record<string, unknown>,
  map?: Record<string, TicketStatus>,
): CarrierTicketUpdate {
  return ticketUpdateOf(carrierTroubleTicketSchema.parse(tt), map);
}
