// Workflow code (runs in the Temporal sandbox): imports only @temporalio/workflow, sla-rules and activity types.
import { condition, defineQuery, defineSignal, patched, setHandler } from '@temporalio/workflow';
import { isFinalOrderState, type OrderChange, type OrderState } from '../sla-rules/order-states.js';
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

export type TailOrderInput = {
  orderId: string;
  unreachableAfterMs: number;
  attemptTimeoutMs?: number | undefined;
  pollIntervalMs?: number | undefined;
};
export type OrderStatus = { state: OrderState; submission: string; cancelRequested: boolean };

/** A carrier update was stored and applied (listener, partner pull, or poll): here is the order's state now. */
export const orderChangedSignal = defineSignal<[OrderChange]>('orderChanged');
export const cancelRequestedSignal = defineSignal<[{ reason: string }]>('cancelRequested');
export const retrySubmissionSignal = defineSignal('retrySubmission');
export const orderStatusQuery = defineQuery<OrderStatus>('orderStatus');

/** One per tail order: submits it to the carrier once, then follows it to a final TMF622 state. */
export async function tailOrderWorkflow(input: TailOrderInput): Promise<OrderState> {
  const status: OrderStatus = { state: 'acknowledged', submission: 'submitting', cancelRequested: false };
  const desk: DeskAnswers = { retryAsked: false, cancelAsked: () => status.cancelRequested };
  let cancelReason = '';
  let cancelSent = false;
  let version = 0;
  const observe = (change: OrderChange) => {
    if (change.version < version) return;
    version = change.version;
    status.state = change.state;
  };
  setHandler(orderChangedSignal, observe);
  setHandler(cancelRequestedSignal, ({ reason }) => {
    status.cancelRequested = true;
    cancelReason = reason;
  });
  setHandler(retrySubmissionSignal, () => void (desk.retryAsked = true));
  setHandler(orderStatusQuery, () => status);
  const own = ownSteps();
  const requests = carrierRequestQueue<OrderChange>('order', input, own);

  const plan = await own.submissionPlan(input.orderId);
  observe(plan);
  // Orders placed before OLA clocks existed replay without them.
  const context = patched('ola-clocks') ? await own.orderSla(input.orderId) : null;
  const clocks = context
    ? watchClocks(context, own, {
        version: () => version,
        finished: () => isFinalOrderState(status.state),
        reloadEvents: () => own.orderSlaEvents(input.orderId),
      })
    : Promise.resolve();
  const outcome = await follow();
  await requests.failRest();
  await clocks;
  return outcome;

  async function follow(): Promise<OrderState> {
    // Already final (a run started again for an order that ended): nothing to send.
    if (patched(PROMPT_CANCEL_PATCH) && isFinalOrderState(status.state)) return status.state;
    if (plan.mode === 'api') {
      const submitted = await submitToCarrier(
        {
          submit: () => submitter(input).submitOrder(input.orderId),
          markRejected: (message) => own.markSubmissionFailed(input.orderId, message),
          openDeskTask: () =>
            own.openManualTask(
              input.orderId,
              'partner_unreachable',
              `Submission kept failing for ${input.unreachableAfterMs} ms`,
            ),
          markCancelled: (unconfirmed) => own.markCancelledBeforeSubmission(input.orderId, cancelReason, unconfirmed),
          findHeld: () => carrierCheck.findHeldOrder(input.orderId),
        },
        observe,
        status,
        desk,
      );
      if (submitted === 'rejected') return 'failed';
      if (submitted === 'cancelled') return 'cancelled';
    } else {
      status.submission = 'awaitingPartnerPull';
    }

    while (!isFinalOrderState(status.state)) {
      if (status.cancelRequested && !cancelSent) {
        if (plan.mode === 'api') await quick.requestCancellation(input.orderId, cancelReason);
        cancelSent = true;
        continue;
      }
      if (requests.pending()) {
        observe(await requests.sendNext());
        continue;
      }
      const wake = () =>
        isFinalOrderState(status.state) || (status.cancelRequested && !cancelSent) || requests.pending();
      if (!plan.polls) await condition(wake);
      else if (!(await condition(wake, input.pollIntervalMs ?? plan.pollIntervalMs))) {
        observe(await quick.pollPartnerOrder(input.orderId));
      }
    }
    return status.state;
  }
}
