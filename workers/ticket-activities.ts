import type { TicketChange } from '../sla-rules/ticket-states.js';
import * as followUp from '../tails/tickets/follow-up.js';
import * as submission from '../tails/tickets/submission.js';
import type { TicketSubmissionDeps } from '../tails/tickets/workflow-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { asActivity, partnerRejected } from './temporal-failures.js';

/** The ticket workflow's steps (tails/tickets/submission.ts); names and results are part of recorded histories. */
export function createTicketActivities(deps: ActivityDeps) {
  const steps: TicketSubmissionDeps = {
    db: deps.db,
    now: deps.now,
    ticketing: deps.ticketing,
    listenerUrl: (version) => deps.listenerUrl('tmf621', version),
  };
  return {
    ticketSubmissionPlan: (ticketId: string) =>
      asActivity(async () => await submission.ticketSubmissionPlan(steps, ticketId)),

    /** Idempotent: the adapter looks the ticket up by our externalId before creating it, so it is raised once. */
    submitTicket: (ticketId: string): Promise<TicketChange> =>
      asActivity(async () => {
        const submitted = await submission.submitTicket(steps, ticketId);
        if (submitted.outcome === 'rejected') throw partnerRejected(submitted.message);
        return { status: submitted.status, version: submitted.version };
      }),

    markTicketSubmissionFailed: (ticketId: string, message: string) =>
      asActivity(async () => await submission.markTicketSubmissionFailed(steps, ticketId, message)),

    openTicketManualTask: (ticketId: string, reason: string) =>
      asActivity(async () => await submission.openTicketManualTask(steps, ticketId, reason)),

    /** After a cancellation cut raising the ticket short: the carrier's copy if an attempt reached it after all. */
    findHeldTicket: (ticketId: string) => asActivity(() => submission.findHeldTicket(steps, ticketId)),

    markTicketCancelledBeforeSubmission: (ticketId: string, reason: string, unconfirmed?: boolean) =>
      asActivity(
        async () => await submission.markTicketCancelledBeforeSubmission(steps, ticketId, reason, unconfirmed),
      ),

    sendTicketStatus: (ticketId: string, status: 'closed' | 'cancelled', reason: string) =>
      asActivity(() => followUp.sendTicketStatus(steps, ticketId, status, reason)),

    pollPartnerTicket: (ticketId: string) => asActivity(() => followUp.pollCarrierTicket(steps, ticketId)),
  };
}
export type TicketActivities = ReturnType<typeof createTicketActivities>;
