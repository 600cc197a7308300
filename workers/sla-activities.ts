import { Context } from '@temporalio/activity';
import { deliverNotification } from '../tails/notify/deliver.js';
import {
  attemptDelivery,
  giveUpDeliveries,
  pendingDeliveries,
  pendingDestinations,
  type DeliveryAttempt,
  type DeliveryDestination,
} from '../tails/notify/dispatch.js';
import { orderSlaEvents } from '../tails/orders/sla-events.js';
import { orderSlaContext, ticketSlaContext, type SlaContext } from '../tails/sla/context.js';
import { recordDueFacts, recordFinalOutcomes, type ClockOwner, type DueFact } from '../tails/sla/record.js';
import { ticketSlaEvents } from '../tails/tickets/sla-events.js';
import { orderTimeline } from '../db/repositories/orders.js';
import { ticketTimeline } from '../db/repositories/tickets.js';
import type { FinalOutcome } from '../sla-rules/final-outcomes.js';
import type { SlaEvent } from '../sla-rules/types.js';
import type { ActivityDeps } from './activity-deps.js';
import { wakeDeliveries } from './client.js';

export type { DueFact, SlaContext };

/** How long recording a clock's facts may spend waking their delivery queues (normally a few milliseconds). */
const WAKE_DEADLINE_MS = 2_000;

/** The clock watch's steps (workflows compute the clocks; these load their inputs and record what they found). */
export function createSlaActivities(deps: ActivityDeps) {
  const { db } = deps;
  const delivery = {
    db,
    now: deps.now,
    outbound: deps.outbound,
    timeoutMs: 10_000,
    partnerSecrets: deps.partnerSecrets,
    escalationSecret: deps.escalationWebhookSecret,
    mailer: deps.mailer,
    smsWebhookUrl: deps.smsWebhookUrl,
  };
  return {
    /** The order's SLA context under the policy version it was placed under; null when its partner has none. */
    async orderSla(orderId: string): Promise<SlaContext | null> {
      return await orderSlaContext(db, orderId);
    },

    async orderSlaEvents(orderId: string): Promise<SlaEvent[]> {
      return orderSlaEvents(await orderTimeline(db, orderId));
    },

    /** The ticket's SLA context under the policy version it was raised under; null when its partner had none. */
    async ticketSla(ticketId: string): Promise<SlaContext | null> {
      return await ticketSlaContext(db, ticketId);
    },

    async ticketSlaEvents(ticketId: string): Promise<SlaEvent[]> {
      return ticketSlaEvents(await ticketTimeline(db, ticketId));
    },

    /** Histories from before per-destination delivery: one notification, retried by its own workflow. */
    async deliverNotification(notificationId: string): Promise<void> {
      await deliverNotification(delivery, notificationId);
    },

    /** Histories from before per-destination delivery: the facts' notifications still to deliver, by id. */
    async recordSlaFacts(input: ClockOwner & { facts: DueFact[]; detectedAt: string }): Promise<string[]> {
      return (await recordDueFacts(db, input, deps.now())).filter((n) => n.status === 'pending').map((n) => n.id);
    },

    /** Histories from before the record step woke the queues: records and queues, and returns the queues to wake. */
    async recordSlaFactsToDeliver(
      input: ClockOwner & { facts: DueFact[]; detectedAt: string },
    ): Promise<DeliveryDestination[]> {
      return pendingDestinations(await recordDueFacts(db, input, deps.now()));
    },

    /**
     * Records jeopardy/breach facts once each, queues their notifications and wakes (or starts) each queue's delivery
     * workflow through the worker's client; returns the queues it woke or tried to. The wake is bounded
     * (WAKE_DEADLINE_MS) and never fails the step: a queue it missed is started by the reconciler's sweep once its
     * notification has been pending for a minute and no delivery workflow runs for it.
     */
    async recordSlaFactsAndWake(
      input: ClockOwner & { facts: DueFact[]; detectedAt: string },
    ): Promise<DeliveryDestination[]> {
      const destinations = pendingDestinations(await recordDueFacts(db, input, deps.now()));
      const { client, info, log } = Context.current();
      try {
        await client.withDeadline(Date.now() + WAKE_DEADLINE_MS, () =>
          wakeDeliveries(client, info.taskQueue, destinations),
        );
      } catch (err) {
        log.warn('could not wake delivery workflows; the reconciler will', { error: String(err) });
      }
      return destinations;
    },

    /** One attempt on one notification (the delivery workflow of its destination schedules them). */
    attemptDelivery: (notificationId: string): Promise<DeliveryAttempt> => attemptDelivery(delivery, notificationId),

    pendingDeliveries: async (destination: DeliveryDestination, limit: number): Promise<string[]> =>
      await pendingDeliveries(deps, destination, limit),

    giveUpDeliveries: async (destination: DeliveryDestination, reason: string): Promise<number> =>
      await giveUpDeliveries(deps, destination, reason),

    /** Records (or, when it changed, updates) each clock's final outcome with the references reports need. */
    async recordClockOutcomes(input: ClockOwner & { outcomes: FinalOutcome[] }): Promise<void> {
      await recordFinalOutcomes(db, input, deps.now());
    },
  };
}
export type SlaActivities = ReturnType<typeof createSlaActivities>;
