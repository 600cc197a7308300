// Workflow code (runs in the Temporal sandbox): imports only @temporalio/workflow and activity types.
import {
  ActivityCancellationType,
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
} from '@temporalio/workflow';
import type { Activities } from './activities.js';

const quickSteps = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
} as const;

/** Quick steps (read the plan, record a decision, ask the carrier one thing): retried until they succeed. */
export const quick = proxyActivities<Activities>(quickSteps);
export type OwnSteps = typeof quick;

/**
 * Runs started before their own steps ran inside the workflow task replay them as activities; the patch is asked once,
 * before a run's first step, so each run keeps one answer.
 */
export const OWN_STEPS_IN_TASK_PATCH = 'own-steps-in-workflow-task';

/**
 * The steps that only read or write our own database, run by the worker inside the workflow task (local activities):
 * each is one marker in the history instead of six events, and the workflow goes on in the same task instead of after
 * two trips through the server (a recorded order: 40 events and 4 workflow tasks, against 63 and 10). Calls to a
 * carrier stay activities (`quick`, `submitter`, `carrierCheck`), so they never hold a workflow task open.
 */
export const ownSteps = (): OwnSteps =>
  patched(OWN_STEPS_IN_TASK_PATCH) ? proxyLocalActivities<Activities>(quickSteps) : quick;

/**
 * Whether the carrier holds what a cut-short submission sent: a few tries over two minutes, no longer (an unanswered
 * check leaves a desk task instead of holding up the cancellation).
 */
export const carrierCheck = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * Calls to the carrier to hand over an order or ticket: retried with backoff for `unreachableAfterMs`. A cancellation
 * waits for an attempt under way to end (its outcome decides whether the carrier got it), not for the retries.
 */
export function submitter(timings: { unreachableAfterMs: number; attemptTimeoutMs?: number | undefined }) {
  const { unreachableAfterMs, attemptTimeoutMs = 30_000 } = timings;
  return proxyActivities<Activities>({
    startToCloseTimeout: attemptTimeoutMs,
    scheduleToCloseTimeout: unreachableAfterMs,
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      initialInterval: '1 second',
      backoffCoefficient: 2,
      maximumInterval: '2 minutes',
      nonRetryableErrorTypes: ['PartnerRejected'],
    },
  });
}

/** The carrier's refusal (a 4xx), as the submit activity reports it; undefined for any other failure. */
const rejectionOf = (err: unknown): string | undefined =>
  err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === 'PartnerRejected'
    ? err.cause.message
    : undefined;

/** What the desk says about a submission the carrier keeps failing: try again, or cancel. */
export type DeskAnswers = { retryAsked: boolean; cancelAsked(): boolean };

export type SubmissionSteps<C> = {
  submit(): Promise<C>;
  markRejected(message: string): Promise<C>;
  openDeskTask(): Promise<void>;
  /** `unconfirmed`: the carrier could not be asked whether an attempt reached it (the desk gets a task to check). */
  markCancelled(unconfirmed?: boolean): Promise<C>;
  /** After a cancellation cut the submission short: the carrier's copy, recorded, if an attempt reached it. */
  findHeld(): Promise<C | undefined>;
};

/**
 * Histories recorded before a cancellation could cut a submission short replay without it (and without the checks
 * that an order or ticket already cancelled is not sent).
 */
export const PROMPT_CANCEL_PATCH = 'cancel-cuts-submission-short';

/**
 * Hands an order or ticket to its carrier once. A refusal ends it (`rejected`); a carrier that stays unreachable
 * opens a desk task and waits for the desk to retry (round again) or cancel. A cancellation asked before the first
 * attempt sends nothing; one asked while attempts are being retried stops them at once: the carrier is then asked
 * whether it got one after all (`submitted`, so the cancellation is passed on to it) or not (`cancelled`).
 */
export async function submitToCarrier<C>(
  steps: SubmissionSteps<C>,
  observe: (change: C) => void,
  progress: { submission: string },
  desk: DeskAnswers,
): Promise<'submitted' | 'rejected' | 'cancelled'> {
  const prompt = patched(PROMPT_CANCEL_PATCH);
  if (prompt && desk.cancelAsked()) {
    observe(await steps.markCancelled());
    return 'cancelled';
  }
  const submitted = (change: C) => {
    observe(change);
    progress.submission = 'submitted';
    return 'submitted' as const;
  };
  for (;;) {
    try {
      return submitted(await (prompt ? untilCancelAsked(steps.submit, desk) : steps.submit()));
    } catch (err) {
      if (prompt && isCancellation(err)) return withdraw(steps, observe, submitted);
      const rejection = rejectionOf(err);
      if (rejection !== undefined) {
        observe(await steps.markRejected(rejection));
        return 'rejected';
      }
      progress.submission = 'manual';
      // Reset before the desk can see the task: a retry asked while the task is being opened must count.
      desk.retryAsked = false;
      await steps.openDeskTask();
      await condition(() => desk.retryAsked || desk.cancelAsked());
      if (desk.cancelAsked()) {
        if (prompt) return withdraw(steps, observe, submitted);
        observe(await steps.markCancelled());
        return 'cancelled';
      }
    }
  }
}

/** Runs the submission in a scope the desk's cancellation cancels (the attempt under way is waited for). */
function untilCancelAsked<C>(submit: () => Promise<C>, desk: DeskAnswers): Promise<C> {
  const scope = new CancellationScope();
  void condition(desk.cancelAsked).then(() => scope.cancel());
  return scope.run(submit);
}

/** Cancelled before the carrier confirmed it: asks the carrier whether an attempt reached it after all. */
async function withdraw<C>(
  steps: SubmissionSteps<C>,
  observe: (change: C) => void,
  submitted: (change: C) => 'submitted',
): Promise<'submitted' | 'cancelled'> {
  let held: C | undefined;
  try {
    held = await steps.findHeld();
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    observe(await steps.markCancelled(true));
    return 'cancelled';
  }
  if (held !== undefined) return submitted(held);
  observe(await steps.markCancelled());
  return 'cancelled';
}
