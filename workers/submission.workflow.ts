// Workflow code (runs in the Temporal sandbox): imports only @temporalio/workflow and activity types.
import { ActivityFailure, ApplicationFailure, condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from './activities.js';

/** Quick steps of our own (read the plan, record a decision): retried until they succeed. */
export const quick = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Calls to the carrier to hand over an order or ticket: retried with backoff for `unreachableAfterMs`. */
export function submitter(unreachableAfterMs: number) {
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
  markCancelled(): Promise<C>;
};

/**
 * Hands an order or ticket to its carrier once. A refusal ends it (`rejected`); a carrier that stays unreachable
 * opens a desk task and waits for the desk to retry (round again) or cancel (`cancelled`).
 */
export async function submitToCarrier<C>(
  steps: SubmissionSteps<C>,
  observe: (change: C) => void,
  progress: { submission: string },
  desk: DeskAnswers,
): Promise<'submitted' | 'rejected' | 'cancelled'> {
  for (;;) {
    try {
      observe(await steps.submit());
      progress.submission = 'submitted';
      return 'submitted';
    } catch (err) {
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
        observe(await steps.markCancelled());
        return 'cancelled';
      }
    }
  }
}
