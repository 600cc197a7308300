import { z } from 'zod';
import type { Partner } from '../../../openapi/partners.js';
import type { TicketStatus } from '../../../sla-rules/ticket-states.js';
import { PartnerRejectedError } from '../errors.js';
import { carrierTroubleTicketSchema, ticketSnapshotOf } from '../tmf621/read.js';
import type { PartnerTicketSnapshot, TicketForPartner } from '../tmf621/types.js';

type Adapter = Partner['adapter'];

/**
 * MEF 113 trouble tickets as MEF LSO Sonata's Trouble Ticket API (v4) carries them, in our terms: what we send
 * (TroubleTicket_Create, a buyer's note), and how we read the seller's TroubleTicket.
 */

/** MEF's severities and priorities for ours, unless the partner's valueMaps name the carrier's own. */
const severities = { critical: 'extensive', major: 'significant', minor: 'minor' } as const;
const priorities = { 1: 'critical', 2: 'high', 3: 'medium', 4: 'low' } as const;
/** MEF's observed impact: a critical fault is the tail down; a major one degraded; a minor one intermittent. */
const observedImpacts = { critical: 'down', major: 'degraded', minor: 'intermittent' } as const;

/**
 * MEF's TroubleTicket statuses that TMF621 does not have, in TMF621's terms: `reopened` is the seller working on it
 * again; `assessingCancellation` is the seller still holding it while it weighs our cancel (it ends `cancelled`). Read
 * after the partner's own adapter.stateMap.ticket.
 */
export const sonataTicketStatuses: Readonly<Record<string, TicketStatus>> = {
  reopened: 'inProgress',
  assessingCancellation: 'inProgress',
};

/**
 * Our ticket as a MEF TroubleTicket_Create: the fault on the carrier's product (the delivered circuit, else its order
 * when it never named one), MEF's severity, priority and observed impact for ours, our id as externalId, and the
 * site contact as the reporter (MEF requires a number: our buyer contact's when the site contact has none).
 */
export function sonataTroubleTicketCreate(ticket: TicketForPartner, adapter: Adapter) {
  const maps = adapter.valueMaps;
  const fallbackNumber = adapter.buyerContact?.number;
  const number = ticket.contact.phone ?? fallbackNumber;
  if (!number) {
    throw new PartnerRejectedError(
      422,
      'MEF requires the reporter contact to have a phone number: give the ticket contact one, or set adapter.buyerContact',
    );
  }
  const entity = ticket.circuitReference
    ? { '@referredType': 'Product', id: ticket.circuitReference, role: 'impactedProduct' }
    : { '@referredType': 'ProductOrder', id: ticket.partnerOrderId, role: 'impactedProductOrder' };
  return {
    externalId: ticket.externalId,
    description: `${ticket.description}\nImpact: ${ticket.impact}\nTailgate order reference: ${ticket.orderId}`,
    severity: maps?.ticketSeverity?.[ticket.severity] ?? severities[ticket.severity],
    priority: maps?.ticketPriority?.[`${ticket.priority}`] ?? priorities[ticket.priority],
    observedImpact: observedImpacts[ticket.severity],
    ticketType: 'assistance',
    relatedEntity: [entity],
    relatedContactInformation: [
      { name: ticket.contact.name, emailAddress: ticket.contact.email, number, role: 'reporterContact' },
      ...(adapter.buyerContact ? [{ ...adapter.buyerContact, role: 'buyerTechnicalContact' }] : []),
    ],
  };
}

/** What Tailgate reads of a MEF TroubleTicket: TMF621's fields, with the reason in the latest statusChange. */
export const sonataTroubleTicketSchema = carrierTroubleTicketSchema.extend({
  statusChange: z
    .array(z.looseObject({ changeReason: z.string().optional() }))
    .optional()
    .catch(undefined),
});

/** The seller's TroubleTicket in our terms; a status neither MEF nor the partner's stateMap names fails the call. */
export function sonataTicketSnapshotOf(
  tt: z.infer<typeof sonataTroubleTicketSchema>,
  statusMap: Record<string, TicketStatus> | undefined,
): PartnerTicketSnapshot {
  const reason = tt.statusChange?.at(-1)?.changeReason;
  return ticketSnapshotOf(
    { ...tt, statusChangeReason: tt.statusChangeReason ?? reason },
    { ...sonataTicketStatuses, ...statusMap },
  );
}
