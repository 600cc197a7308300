// Workflow code (runs in the Temporal sandbox): imports only @temporalio/workflow, config and activity types.
import {
  condition,
  continueAsNew,
  defineSignal,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from './activities.js';

/** New notifications are pending for this destination. */
export const moreToDeliverSignal = defineSignal('moreToDeliver');

export type DeliveryDestinationInput = { channel: string; destination: string };

/** Reading the queue and recording outcomes: our own steps, retried until they succeed. */
const queue = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
/** One attempt on one notification: the destination's own retry schedule is this workflow's, not the activity's. */
const attempt = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 1 } });

/**
 * A destination's one retry schedule: after a round that delivered nothing, wait 5 s, doubling up to 10 minutes;
 * after 12 such rounds in a row (about 50 minutes), give up on everything it still has pending.
 */
export const deliverySchedule = { firstWaitMs: 5_000, maxWaitMs: 10 * 60_000, rounds: 12 };
const BATCH = 20;
/** A workflow idle this long ends; the next notification starts a new one. */
const IDLE_MS = 60_000;

const waitAfter = (failedRounds: number) =>
  Math.min(deliverySchedule.firstWaitMs * 2 ** (failedRounds - 1), deliverySchedule.maxWaitMs);

/**
 * Delivers one destination's notifications, oldest first (tails/notify/dispatch.ts). A destination that does not take
 * them backs off on one bounded schedule for all of them, however many pile up, then gives them up: one workflow per
 * unreachable destination, never one per notification. Clocks never wait on it: they record their facts and start
 * or wake this workflow without awaiting it (clock-watch.workflow.ts).
 */
export async function deliveryWorkflow(input: DeliveryDestinationInput): Promise<void> {
  let more = false;
  setHandler(moreToDeliverSignal, () => void (more = true));
  let failedRounds = 0;
  for (;;) {
    more = false;
    const ids = await queue.pendingDeliveries(input, BATCH);
    if (ids.length === 0) {
      if (await condition(() => more, IDLE_MS)) continue;
      return;
    }
    let progressed = false;
    for (const id of ids) {
      const outcome = await attempt.attemptDelivery(id);
      if (outcome === 'failed') {
        progressed = false;
        break;
      }
      if (outcome !== 'waiting') progressed = true;
    }
    if (progressed) failedRounds = 0;
    else if (++failedRounds >= deliverySchedule.rounds) {
      await queue.giveUpDeliveries(input, `${input.destination} took nothing in ${deliverySchedule.rounds} rounds`);
      failedRounds = 0;
    } else {
      await sleep(waitAfter(failedRounds));
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 5_000) await continueAsNew(input);
  }
}
