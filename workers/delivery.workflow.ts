// Workflow code (runs in the Temporal sandbox): imports only @temporalio/workflow, config and activity types.
import {
  condition,
  continueAsNew,
  defineSignal,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from './activities.js';

/** New notifications are pending for this destination. */
export const moreToDeliverSignal = defineSignal('moreToDeliver');

export type DeliveryDestinationInput = {
  channel: string;
  destination: string;
  /**
   * Where the run that continued as new left off: the rounds that failed in a row so far, and when the wait it was in
   * ends (epoch ms; already past when it was between rounds).
   */
  resume?: { failedRounds: number; waitUntil: number };
};

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
/**
 * Events a run may hold before it continues as new. Every notification queued for the destination signals it, so an
 * unreachable one backing off for minutes gathers thousands (a signal and its workflow task are four events), and a
 * worker that restarts or evicts it must replay them all, about 0.2 ms each, on the one thread every workflow's task
 * waits for: 8,000 events took its task past the server's 10 s timeout in the chaos benchmark, over and over.
 */
export const DELIVERY_HISTORY_LIMIT = 1_000;
/** Runs from before the limit held while backing off: they replay with the old check (5,000, between rounds only). */
const BOUNDED_HISTORY_PATCH = 'delivery-bounded-history';

const waitAfter = (failedRounds: number) =>
  Math.min(deliverySchedule.firstWaitMs * 2 ** (failedRounds - 1), deliverySchedule.maxWaitMs);

/**
 * Delivers one destination's notifications, oldest first (tails/notify/dispatch.ts). A destination that does not take
 * them backs off on one bounded schedule for all of them, however many pile up, then gives them up: one workflow per
 * unreachable destination, never one per notification, and one history of at most DELIVERY_HISTORY_LIMIT events (it
 * continues as new, keeping its place in the schedule, even in the middle of a wait). Clocks never wait on it: they
 * record their facts and start or wake this workflow without awaiting it (clock-watch.workflow.ts).
 */
export async function deliveryWorkflow(input: DeliveryDestinationInput): Promise<void> {
  const destination = { channel: input.channel, destination: input.destination };
  let more = false;
  setHandler(moreToDeliverSignal, () => void (more = true));
  const bounded = patched(BOUNDED_HISTORY_PATCH);
  const tooLong = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (bounded ? DELIVERY_HISTORY_LIMIT : 5_000);
  let failedRounds = input.resume?.failedRounds ?? 0;
  /** Continues as new, from where this run is: in the schedule, and in a wait that ends at `waitUntil`. */
  const continueFrom = (waitUntil: number) =>
    continueAsNew<typeof deliveryWorkflow>({ ...destination, resume: { failedRounds, waitUntil } });
  /** Waits until `until`, continuing as new whenever signals have made the history too long. */
  const backOff = async (until: number) => {
    if (!bounded) return await sleep(until - Date.now());
    while (Date.now() < until) {
      if (tooLong()) await continueFrom(until);
      await condition(tooLong, until - Date.now());
    }
  };
  if (input.resume) await backOff(input.resume.waitUntil);
  for (;;) {
    more = false;
    const ids = await queue.pendingDeliveries(destination, BATCH);
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
      await queue.giveUpDeliveries(
        destination,
        `${input.destination} took nothing in ${deliverySchedule.rounds} rounds`,
      );
      failedRounds = 0;
    } else {
      await backOff(Date.now() + waitAfter(failedRounds));
    }
    if (tooLong()) await (bounded ? continueFrom(Date.now()) : continueAsNew(input));
  }
}
