// Workflow code (runs in the Temporal sandbox): imports only @temporalio/workflow, sla-rules and activity types.
import { condition, defineQuery, defineSignal, patched, setHandler } from '@temporalio/workflow';
import { isFinalTicketStatus, type TicketChange, type TicketStatus } from '../sla-rules/ticket-states.js';
import { carrierRequestQueue } from './carrier-requests.workflow.js';
import { watchClocks } from './clock-watch.workflow.js';
import {
  carrierCheck,
  ownSteps,
  PROMPT_CANCEL_PATCH,
  quick,
  submitter,
  submitToCarrier,
  type DeskAnswers,
} from './submission.workflow.js';

export type TroubleTicketInput = {
  ticketId: string;
  unreachableAfterMs: number;
  attemptTimeoutMs?: number | undefined;
  pollIntervalMs?: number | undefined;
};
export type TicketWorkflowStatus = {
  status: TicketStatus;
  submission: string;
  closeRequested: boolean;
  cancelRequested: boolean;
};

/** An update was stored and applied (listener, partner pull, or poll): here is the ticket's status now. */
export const ticketChangedSignal = defineSignal<[TicketChange]>('ticketChanged');
export const ticketCloseRequestedSignal = defineSignal<[{ reason: string }]>('ticketCloseRequested');
export const ticketCancelRequestedSignal = defineSignal<[{ reason: string }]>('ticketCancelRequested');
export const ticketRetrySubmissionSignal = defineSignal('ticketRetrySubmission');
export const ticketStatusQuery = defineQuery<TicketWorkflowStatus>('ticketStatus');

/**
 * One per trouble ticket: raises it with the carrier once (or leaves it for the carrier to pull), follows it to
 * closed, cancelled or rejected, passes on the buyer's close and cancel, and owns its restoration clocks.
 */
export async function troubleTicketWorkflow(input: TroubleTicketInput): Promise<TicketStatus> {
  const state: TicketWorkflowStatus = {
    status: 'acknowledged',
    submission: 'submitting',
    closeRequested: false,
    cancelRequested: false,
  };
  // Counted, so a close asked again (say, after the carrier refused the first) is sent again.
  const asked = { close: 0, cancel: 0 };
  const sent = { close: 0, cancel: 0 };
  const reasons = { close: '', cancel: '' };
  const desk: DeskAnswers = { retryAsked: false, cancelAsked: () => asked.cancel > 0 };
  let version = 0;
  const observe = (change: TicketChange) => {
    if (change.version < version) return;
    version = change.version;
    state.status = change.status;
  };
  setHandler(ticketChangedSignal, observe);
  setHandler(ticketCloseRequestedSignal, ({ reason }) => {
    state.closeRequested = true;
    asked.close += 1;
    reasons.close = reason;
  });
  setHandler(ticketCancelRequestedSignal, ({ reason }) => {
    state.cancelRequested = true;
    asked.cancel += 1;
    reasons.cancel = reason;
  });
  setHandler(ticketRetrySubmissionSignal, () => void (desk.retryAsked = true));
  setHandler(ticketStatusQuery, () => state);
  const own = ownSteps();
  const requests = carrierRequestQueue<TicketChange>('ticket', input, own);

  const plan = await own.ticketSubmissionPlan(input.ticketId);
  observe(plan);
  const context = await own.ticketSla(input.ticketId);
  const clocks = context
    ? watchClocks(context, own, {
        version: () => version,
        finished: () => isFinalTicketStatus(state.status),
        reloadEvents: () => own.ticketSlaEvents(input.ticketId),
      })
    : Promise.resolve();
  const outcome = await follow();
  await requests.failRest();
  await clocks;
  return outcome;

  async function follow(): Promise<TicketStatus> {
    // Already final (a run started again for a ticket that ended): nothing to send.
    if (patched(PROMPT_CANCEL_PATCH) && isFinalTicketStatus(state.status)) return state.status;
    if (plan.mode === 'api') {
      const submitted = await submitToCarrier(
        {
          submit: () => submitter(input).submitTicket(input.ticketId),
          markRejected: (message) => own.markTicketSubmissionFailed(input.ticketId, message),
          openDeskTask: () =>
            own.openTicketManualTask(
              input.ticketId,
              `Raising the ticket with the carrier kept failing for ${input.unreachableAfterMs} ms`,
            ),
          markCancelled: (unconfirmed) =>
            own.markTicketCancelledBeforeSubmission(input.ticketId, reasons.cancel, unconfirmed),
          findHeld: () => carrierCheck.findHeldTicket(input.ticketId),
        },
        observe,
        state,
        desk,
      );
      if (submitted !== 'submitted') return state.status;
    } else {
      state.submission = 'awaitingPartnerPull';
    }

    const pending = () => (sent.cancel < asked.cancel ? 'cancel' : sent.close < asked.close ? 'close' : null);
    while (!isFinalTicketStatus(state.status)) {
      const request = pending();
      if (request) {
        sent[request] = asked[request];
        const status = request === 'close' ? 'closed' : 'cancelled';
        observe(await quick.sendTicketStatus(input.ticketId, status, reasons[request]));
        continue;
      }
      if (requests.pending()) {
        observe(await requests.sendNext());
        continue;
      }
      const wake = () => isFinalTicketStatus(state.status) || pending() !== null || requests.pending();
      if (!plan.polls) await condition(wake);
      else if (!(await condition(wake, input.pollIntervalMs ?? plan.pollIntervalMs))) {
        observe(await quick.pollPartnerTicket(input.ticketId));
      }
    }
    return state.status;
  }
}
