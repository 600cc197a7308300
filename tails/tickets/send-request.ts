import { writeTransaction } from '../../db/access.js';
import {
  answerCarrierRequest,
  getCarrierRequest,
  type CarrierRequestRow,
} from '../../db/repositories/carrier-requests.js';
import { appendTicketEvent, type TicketRow } from '../../db/repositories/tickets.js';
import { PartnerRejectedError } from '../../partners/adapters/index.js';
import { isFinalTicketStatus, type TicketChange } from '../../sla-rules/ticket-states.js';
import { requestText } from '../carrier-requests.js';
import { MissingRecordError } from '../missing-record.js';
import { ownTicketEvent } from './events.js';
import { recordTicketUpdate } from './receive-update.js';
import { current, load, snapshotReport, type TicketSubmissionDeps } from './workflow-steps.js';

/*
 * The ticket workflow's step that sends one desk request to the carrier and records its answer (the order's twin:
 * tails/orders/send-request.ts). An answer or a reopening moves the carrier's ticket back to inProgress, and the
 * ticket follows the carrier's copy as it answers.
 */

type Answer = Pick<CarrierRequestRow, 'status' | 'method' | 'answer'>;

async function recordAnswer(
  deps: TicketSubmissionDeps,
  ticket: TicketRow,
  request: CarrierRequestRow,
  answer: Answer,
): Promise<TicketChange> {
  const at = deps.now();
  await writeTransaction(deps.db, async () => {
    const answered = await answerCarrierRequest(deps.db, request.id, {
      ...answer,
      carrierReference: null,
      answeredAt: at.toISOString(),
    });
    if (!answered) return;
    const failed = answer.status === 'failed';
    const detail = `${request.kind} ${request.id}: ${answer.status}${answer.answer ? ` (${answer.answer})` : ''}`;
    const type = failed ? 'carrierRequestFailed' : 'carrierRequestAnswered';
    // The carrier's API answered; or the workflow decided (a failure, a carrier that pulls from our server).
    await appendTicketEvent(
      deps.db,
      ownTicketEvent(ticket, {
        source: failed || answer.method === 'partnerPull' ? 'workflow' : 'adapter',
        type,
        detail,
        at,
      }),
    );
  });
  return await current(deps.db, (await load(deps.db, ticket.id)).ticket);
}

export async function failTicketRequest(deps: TicketSubmissionDeps, request: CarrierRequestRow, why: string) {
  const { ticket } = await load(deps.db, request.entityId);
  return await recordAnswer(deps, ticket, request, { status: 'failed', method: null, answer: why });
}

/**
 * Sends one request to the carrier's TMF621 API and records the answer; for a carrier that pulls its tickets a
 * reopening is made on our TMF621 server. A carrier that cannot be reached throws, for the workflow to retry.
 */
export async function sendTicketRequest(deps: TicketSubmissionDeps, requestId: string): Promise<TicketChange> {
  const request = await getCarrierRequest(deps.db, requestId);
  if (!request) throw new MissingRecordError('CarrierRequestMissing', `carrier request ${requestId} not found`);
  const { ticket, partner } = await load(deps.db, request.entityId);
  if (request.status !== 'pending') return await current(deps.db, ticket);
  if (isFinalTicketStatus(ticket.status))
    return await failTicketRequest(deps, request, `the ticket is ${ticket.status}`);
  const reason = String(request.body.reason ?? 'Information supplied by the customer');
  if (partner.adapter.troubleTicketApi === 'none') {
    // Only reopenings are asked of such a carrier (tails/tickets/carrier-requests.ts): our TMF621 server shows them.
    await recordTicketUpdate(deps, {
      ticketId: ticket.id,
      source: 'desk',
      type: 'reopenRequested',
      externalEventId: null,
      update: { kind: 'event', status: 'inProgress', occurredAt: deps.now().toISOString(), message: reason },
      payload: null,
    });
    return await recordAnswer(deps, ticket, request, { status: 'published', method: 'partnerPull', answer: null });
  }
  if (!ticket.partnerTicketId)
    return await failTicketRequest(deps, request, 'the carrier has not given its ticket reference yet');
  const adapter = deps.ticketing(partner);
  try {
    if (request.kind === 'note') await adapter.addNote(ticket.partnerTicketId, requestText(request));
    else {
      const askedAt = deps.now();
      const note = request.kind === 'answer' ? requestText(request) : undefined;
      const snapshot = await adapter.updateStatus(ticket.partnerTicketId, 'inProgress', reason, note);
      await recordTicketUpdate(deps, snapshotReport(ticket.id, snapshot, 'adapter', 'carrierRequestAnswered', askedAt));
    }
    return await recordAnswer(deps, ticket, request, { status: 'accepted', method: 'patch', answer: null });
  } catch (err) {
    if (!(err instanceof PartnerRejectedError)) throw err;
    return await recordAnswer(deps, ticket, request, { status: 'rejected', method: 'patch', answer: err.message });
  }
}
