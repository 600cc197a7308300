import * as followUp from '../tails/orders/follow-up.js';
import * as submission from '../tails/orders/submission.js';
import type { SubmissionDeps } from '../tails/orders/workflow-steps.js';
import type { OrderChange } from '../sla-rules/order-states.js';
import type { ActivityDeps } from './activity-deps.js';
import { asActivity, partnerRejected } from './temporal-failures.js';

/** The order workflow's steps (tails/orders/submission.ts); names and results are part of recorded histories. */
export function createOrderActivities(deps: ActivityDeps) {
  const steps: SubmissionDeps = {
    db: deps.db,
    now: deps.now,
    ordering: deps.ordering,
    listenerUrl: (version) => deps.listenerUrl('tmf622', version),
  };
  return {
    submissionPlan: (orderId: string) => asActivity(async () => await submission.submissionPlan(steps, orderId)),

    /** Idempotent: an order already known at the carrier (by our externalId) is never created twice. */
    submitOrder: (orderId: string): Promise<OrderChange> =>
      asActivity(async () => {
        const submitted = await submission.submitOrder(steps, orderId);
        if (submitted.outcome === 'rejected') throw partnerRejected(submitted.message);
        return { state: submitted.state, version: submitted.version };
      }),

    markSubmissionFailed: (orderId: string, message: string) =>
      asActivity(async () => await submission.markSubmissionFailed(steps, orderId, message)),

    openManualTask: (orderId: string, kind: 'partner_unreachable', reason: string) =>
      asActivity(async () => await submission.openOrderManualTask(steps, orderId, kind, reason)),

    /** After a cancellation cut the submission short: the carrier's copy if an attempt reached it after all. */
    findHeldOrder: (orderId: string) => asActivity(() => submission.findHeldOrder(steps, orderId)),

    markCancelledBeforeSubmission: (orderId: string, reason: string, unconfirmed?: boolean) =>
      asActivity(async () => await submission.markCancelledBeforeSubmission(steps, orderId, reason, unconfirmed)),

    requestCancellation: (orderId: string, reason: string) =>
      asActivity(() => followUp.requestCancellation(steps, orderId, reason)),

    pollPartnerOrder: (orderId: string) => asActivity(() => followUp.pollCarrierOrder(steps, orderId)),
  };
}
export type OrderActivities = ReturnType<typeof createOrderActivities>;
