import { ticketListenerEvents } from './tmf621.js';
import { v5ListenerEvents } from './tmf622.js';

/**
 * The words of an order's or ticket's timeline. Every event says where it came from (`source`), what it was
 * (`type`: one of ours, or the TMF event or PATCH a carrier sent) and what it did (`outcome`).
 */

/** desk: our order desk; listener: a carrier's TMF event; partner-pull: a PATCH on our TMF server; adapter: an answer
 * of the carrier's API to our call; adapter-poll: a poll of it; workflow: the order's or ticket's own workflow. */
export const eventSources = ['desk', 'listener', 'partner-pull', 'adapter', 'adapter-poll', 'workflow'] as const;
export type EventSource = (typeof eventSources)[number];

/** applied: it changed the order or ticket; refused: an invalid transition; stale: older than the state applied;
 * recorded: kept, changing nothing. */
export const eventOutcomes = ['applied', 'refused', 'stale', 'recorded'] as const;
export type EventOutcome = (typeof eventOutcomes)[number];

/** What the desk, the workflow and the carrier's API answers do to an order or a ticket alike. */
const sharedEventTypes = [
  'submitted',
  'poll',
  'cancellationRequested',
  'submissionRejected',
  'manualTaskOpened',
  'cancelledBeforeSubmission',
  // Made available to a carrier that pulls its orders or tickets: from then on it is the carrier's to take.
  'availableToCarrier',
  // The desk's requests to the carrier (carrier_requests) and what became of them.
  'noteToCarrier',
  'answerToCarrier',
  'carrierRequestAnswered',
  'carrierRequestFailed',
] as const;

export const orderEventTypes = [
  'orderPlaced',
  ...sharedEventTypes,
  'cancellationSent',
  'amendmentRequested',
  // An accepted amendment changed the requested completion date: an OLA may restart on it (its `restart`).
  'requestedDateChanged',
  'productOrderPatch',
  ...v5ListenerEvents,
  // MEF LSO Sonata's own (sonataOrderListenerEvents; productOrderStateChangeEvent is TMF622's name too).
  'productOrderItemStateChangeEvent',
  'productOrderItemExpectedCompletionDateSet',
] as const;
export type OrderEventType = (typeof orderEventTypes)[number];

export const ticketEventTypes = [
  'ticketRaised',
  ...sharedEventTypes,
  'closeRequested',
  'reopenRequested',
  'closedByBuyer',
  'cancelledByBuyer',
  'closedByBuyerRefused',
  'cancelledByBuyerRefused',
  'troubleTicketPatch',
  ...ticketListenerEvents,
] as const;
export type TicketEventType = (typeof ticketEventTypes)[number];
