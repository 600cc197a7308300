import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  defineQuery,
  defineSignal,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import { isFinalOrderState, type OrderState } from '../sla-rules/order-states.js';
import type { Activities } from './activities.js';
import { watchClocks } from './clock-watch.js';

export { notificationWorkflow } from './clock-watch.js';
export { troubleTicketWorkflow } from './ticket-workflow.js';
export { monthlyPenaltyReportWorkflow } from './report-workflow.js';

export type TailOrderInput = { orderId: string; unreachableAfterMs: number; pollIntervalMs?: number | undefined };
/** The order's state as of a version (its newest event's sequence number); older news never overwrites newer. */
export type OrderChange = { state: OrderState; version: number };
export type OrderStatus = { state: OrderState; submission: string; cancelRequested: boolean };

/** A partner update was stored and applied (listener, partner pull, or poll): here is the order's state now. */
export const orderChangedSignal = defineSignal<[OrderChange]>('orderChanged');
export const cancelRequestedSignal = defineSignal<[{ reason: string }]>('cancelRequested');
export const retrySubmissionSignal = defineSignal('retrySubmission');
export const orderStatusQuery = defineQuery<OrderStatus>('orderStatus');

const quick = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

function submitter(unreachableAfterMs: number) {
  return proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    scheduleToCloseTimeout: unreachableAfterMs,
    retry: {
      initialInterval: '1 second',
      backoffCoefficient: 2,
      maximumInterval: '2 minutes',
      nonRetryableErrorTypes: ['PartnerRejected'],
    },
  });
}

const rejectionOf = (err: unknown): string | undefined =>
  err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === 'PartnerRejected'
    ? err.cause.message
    : undefined;

/** One per tail order: submits it to the carrier once, then follows it to a final TMF622 state. */
export async function tailOrderWorkflow(input: TailOrderInput): Promise<OrderState> {
  const status: OrderStatus = { state: 'acknowledged', submission: 'submitting', cancelRequested: false };
  let cancelReason = '';
  let cancelSent = false;
  let retryAsked = false;
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
  setHandler(retrySubmissionSignal, () => void (retryAsked = true));
  setHandler(orderStatusQuery, () => status);

  const plan = await quick.submissionPlan(input.orderId);
  observe(plan);
  // Orders placed before OLA clocks existed replay without them.
  const context = patched('ola-clocks') ? await quick.orderSla(input.orderId) : null;
  const clocks = context
    ? watchClocks(context, {
        version: () => version,
        finished: () => isFinalOrderState(status.state),
        reloadEvents: () => quick.orderSlaEvents(input.orderId),
      })
    : Promise.resolve();
  const outcome = await follow();
  await clocks;
  return outcome;

  async function follow(): Promise<OrderState> {
    if (plan.mode === 'api') {
      for (;;) {
        try {
          observe(await submitter(input.unreachableAfterMs).submitOrder(input.orderId));
          status.submission = 'submitted';
          break;
        } catch (err) {
          const rejection = rejectionOf(err);
          if (rejection !== undefined) {
            observe(await quick.markSubmissionFailed(input.orderId, rejection));
            return 'failed';
          }
          status.submission = 'manual';
          // Reset before the desk can see the task: a retry asked while the task is being opened must count.
          retryAsked = false;
          await quick.openManualTask(
            input.orderId,
            'partner_unreachable',
            `Submission kept failing for ${input.unreachableAfterMs} ms`,
          );
          await condition(() => retryAsked || status.cancelRequested);
          if (status.cancelRequested) {
            observe(await quick.markCancelledBeforeSubmission(input.orderId, cancelReason));
            return 'cancelled';
          }
        }
      }
    } else {
      status.submission = 'awaitingPartnerPull';
    }

    while (!isFinalOrderState(status.state)) {
      if (status.cancelRequested && !cancelSent) {
        if (plan.mode === 'api') await quick.requestCancellation(input.orderId, cancelReason);
        cancelSent = true;
        continue;
      }
      const wake = () => isFinalOrderState(status.state) || (status.cancelRequested && !cancelSent);
      if (!plan.polls) await condition(wake);
      else if (!(await condition(wake, input.pollIntervalMs ?? plan.pollIntervalMs)))
        observe(await quick.pollPartnerOrder(input.orderId));
    }
    return status.state;
  }
}
