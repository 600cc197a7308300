import { outcomeSubject, recordClockOutcomes } from '../db/repositories/clock-outcomes.js';
import { createNotificationsForFact } from '../db/repositories/notifications.js';
import { deliverNotification } from '../partners/notify/deliver.js';
import { orderTimeline } from '../db/repositories/orders.js';
import { recordSlaFacts } from '../db/repositories/sla-facts.js';
import { orderSlaEvents } from '../partners/orders/sla-events.js';
import { orderSlaContext, type SlaContext } from '../partners/sla/context.js';
import type { Clock, SlaEvent } from '../sla-rules/types.js';
import type { ActivityDeps } from './activities.js';
import type { FinalOutcome } from '../sla-rules/final-outcomes.js';

export type { SlaContext };

export type DueFact = {
  clock: Pick<Clock, 'olaId' | 'metric' | 'policyVersion' | 'dueAt'>;
  kind: 'jeopardy' | 'breach';
  threshold: number;
  at: string;
};

export function createSlaActivities(deps: ActivityDeps) {
  const { db } = deps;
  return {
    /** The order's SLA context under the policy version it was placed under; null when its partner has none. */
    async orderSla(orderId: string): Promise<SlaContext | null> {
      return orderSlaContext(db, orderId);
    },

    async deliverNotification(notificationId: string): Promise<void> {
      await deliverNotification(
        { db, now: deps.now, timeoutMs: 10_000, partnerSecrets: deps.partnerSecrets },
        notificationId,
      );
    },

    async orderSlaEvents(orderId: string): Promise<SlaEvent[]> {
      return orderSlaEvents(orderTimeline(db, orderId));
    },

    /** Records jeopardy/breach facts once each and queues their notifications; returns those still to deliver. */
    async recordSlaFacts(input: {
      entityType: 'order' | 'ticket';
      entityId: string;
      partnerId: string;
      facts: DueFact[];
      detectedAt: string;
    }): Promise<string[]> {
      const stored = recordSlaFacts(
        db,
        input.facts.map((f) => ({
          entityType: input.entityType,
          entityId: input.entityId,
          partnerId: input.partnerId,
          olaId: f.clock.olaId,
          metric: f.clock.metric,
          policyVersion: f.clock.policyVersion,
          kind: f.kind,
          threshold: f.threshold,
          at: f.at,
          dueAt: f.clock.dueAt,
          detectedAt: input.detectedAt,
          detail: null,
        })),
      );
      const now = deps.now();
      return stored.flatMap((fact) =>
        createNotificationsForFact(db, fact, now)
          .filter((n) => n.status === 'pending')
          .map((n) => n.id),
      );
    },

    /** Records (or, when it changed, updates) each clock's final outcome with the references reports need. */
    async recordClockOutcomes(input: {
      entityType: 'order' | 'ticket';
      entityId: string;
      partnerId: string;
      outcomes: FinalOutcome[];
    }): Promise<void> {
      const subject = outcomeSubject(db, input.entityType, input.entityId);
      if (!subject) return;
      recordClockOutcomes(
        db,
        input.outcomes.map((o) => ({ ...o, ...subject, entityType: input.entityType, entityId: input.entityId })),
        deps.now().toISOString(),
      );
    },
  };
}
export type SlaActivities = ReturnType<typeof createSlaActivities>;
