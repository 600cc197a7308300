import { ApplicationFailure } from '@temporalio/activity';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { newId } from '../db/ids.js';
import { closeManualTasks, openManualTask } from '../db/repositories/manual-tasks.js';
import { recordPartnerUpdate } from '../db/repositories/order-events.js';
import { appendOrderEvent, getOrder, orderVersion, updateOrder, type OrderRow } from '../db/repositories/orders.js';
import { getPartner, getPartnerHubId, setPartnerHubId } from '../db/repositories/partners.js';
import type { Partner } from '../openapi/partners.js';
import { PartnerRejectedError } from '../partners/adapters/errors.js';
import type { OrderingAdapter, PartnerOrderSnapshot } from '../partners/adapters/types.js';
import { decidePartnerUpdate } from '../partners/orders/apply-update.js';
import { toPartnerOrder } from '../partners/orders/to-partner-order.js';
import type { OrderState } from '../sla-rules/order-states.js';
import { createReportActivities, type ReportActivities } from './report-activities.js';
import { createSlaActivities, type SlaActivities } from './sla-activities.js';
import { createTicketActivities, type TicketActivities, type TicketingDeps } from './ticket-activities.js';

export type ActivityDeps = {
  db: Db;
  log: Logger;
  now: () => Date;
  adapterFor: (partner: Partner) => OrderingAdapter;
  /** Our TMF622 listener base for a given API version, registered as the carrier's hub callback. */
  listenerUrl: (version: 'v4' | 'v5') => string;
  /** Carriers' TMF621 APIs; absent where no ticket is raised through a carrier API (e.g. time-skipping tests). */
  ticketing?: TicketingDeps | undefined;
  /** Carrier credentials by secret name (Env.partnerSecrets), for what goes to carriers outside the adapters (alerts). */
  partnerSecrets?: ReadonlyMap<string, string> | undefined;
  /** Finance months are cut in this zone (Env.financeTimeZone); default reports' DEFAULT_FINANCE_TIME_ZONE. */
  financeTimeZone?: string | undefined;
};

export type StateAndVersion = { state: OrderState; version: number };

export function createOrderActivities(deps: ActivityDeps) {
  const { db, now } = deps;
  const load = (orderId: string) => {
    const order = getOrder(db, orderId);
    if (!order) throw ApplicationFailure.nonRetryable(`order ${orderId} not found`, 'OrderMissing');
    const partner = getPartner(db, order.partnerId);
    if (!partner) throw ApplicationFailure.nonRetryable(`partner ${order.partnerId} not found`, 'PartnerMissing');
    return { order, partner };
  };
  const current = (order: OrderRow): StateAndVersion => ({
    state: order.state as OrderState,
    version: orderVersion(db, order.id),
  });
  const ownEvent = (
    order: OrderRow,
    type: string,
    detail: string,
    source = 'workflow',
    toState: OrderState | null = null,
  ) =>
    appendOrderEvent(db, {
      id: newId('evt'),
      orderId: order.id,
      partnerId: order.partnerId,
      source,
      externalEventId: null,
      type,
      fromState: order.state,
      toState,
      outcome: toState ? 'applied' : 'recorded',
      detail,
      payload: null,
      occurredAt: now().toISOString(),
      receivedAt: now().toISOString(),
    });
  const recordSnapshot = (order: OrderRow, snapshot: PartnerOrderSnapshot, source: string, type: string) =>
    recordPartnerUpdate(
      db,
      {
        orderId: order.id,
        source,
        type,
        externalEventId: null,
        payload: snapshot,
        receivedAt: now().toISOString(),
        update: {
          kind: 'snapshot',
          state: snapshot.state,
          committedDate: snapshot.committedDate,
          completionDate: snapshot.completionDate,
          message: snapshot.message,
          occurredAt: now().toISOString(),
        },
      },
      decidePartnerUpdate,
    ).order;

  return {
    async submissionPlan(
      orderId: string,
    ): Promise<{ mode: 'api' | 'pull'; polls: boolean; pollIntervalMs: number } & StateAndVersion> {
      const { order, partner } = load(orderId);
      const mode = partner.adapter.orderingApi === 'none' ? 'pull' : 'api';
      if (mode === 'pull' && order.submission === 'submitting')
        updateOrder(db, orderId, { submission: 'awaitingPartnerPull', updatedAt: now().toISOString() });
      return {
        mode,
        polls: mode === 'api' && partner.adapter.notifications === 'poll',
        pollIntervalMs: partner.adapter.pollIntervalSeconds * 1000,
        ...current(order),
      };
    },

    /** Idempotent: an order already known at the carrier (by our externalId) is never created twice. */
    async submitOrder(orderId: string): Promise<StateAndVersion> {
      const { order, partner } = load(orderId);
      if (order.partnerOrderId) return current(order);
      const adapter = deps.adapterFor(partner);
      try {
        if (partner.adapter.notifications === 'hub') await ensureHub(partner, adapter);
        // The adapter looks the order up by our externalId before creating it: a retry never orders twice.
        const snapshot = await adapter.submit(toPartnerOrder(order));
        updateOrder(db, orderId, {
          partnerOrderId: snapshot.partnerOrderId,
          submission: 'submitted',
          updatedAt: now().toISOString(),
        });
        closeManualTasks(db, orderId, now());
        const updated = recordSnapshot(
          { ...order, partnerOrderId: snapshot.partnerOrderId },
          snapshot,
          'adapter',
          'submitted',
        );
        return current(updated);
      } catch (err) {
        if (err instanceof PartnerRejectedError) throw ApplicationFailure.nonRetryable(err.message, 'PartnerRejected');
        throw err;
      }
    },

    async markSubmissionFailed(orderId: string, message: string): Promise<StateAndVersion> {
      const { order } = load(orderId);
      const failed = updateOrder(db, orderId, {
        state: 'failed',
        submission: 'failed',
        failureReason: message,
        updatedAt: now().toISOString(),
      })!;
      ownEvent(order, 'submissionRejected', message, 'adapter', 'failed');
      return current(failed);
    },

    async openManualTask(orderId: string, kind: string, reason: string): Promise<void> {
      const { order } = load(orderId);
      updateOrder(db, orderId, { submission: 'manual', updatedAt: now().toISOString() });
      openManualTask(db, { orderId, kind, reason, now: now() });
      ownEvent(order, 'manualTaskOpened', `${kind}: ${reason}`);
    },

    async markCancelledBeforeSubmission(orderId: string, reason: string): Promise<StateAndVersion> {
      const { order } = load(orderId);
      const cancelled = updateOrder(db, orderId, { state: 'cancelled', updatedAt: now().toISOString() })!;
      closeManualTasks(db, orderId, now());
      ownEvent(order, 'cancelledBeforeSubmission', reason, 'workflow', 'cancelled');
      return current(cancelled);
    },

    async requestCancellation(orderId: string, reason: string): Promise<void> {
      const { order, partner } = load(orderId);
      if (!order.partnerOrderId) return;
      await deps.adapterFor(partner).cancel(order.partnerOrderId, reason);
      ownEvent(order, 'cancellationSent', reason, 'adapter');
    },

    async pollPartnerOrder(orderId: string): Promise<StateAndVersion> {
      const { order, partner } = load(orderId);
      if (!order.partnerOrderId) return current(order);
      const snapshot = await deps.adapterFor(partner).get(order.partnerOrderId);
      const unchanged = snapshot.state === order.state && (snapshot.committedDate ?? null) === order.committedDate;
      return current(unchanged ? order : recordSnapshot(order, snapshot, 'adapter-poll', 'poll'));
    },
  };

  async function ensureHub(partner: Partner, adapter: OrderingAdapter): Promise<void> {
    if (getPartnerHubId(db, partner.id)) return;
    const version = partner.adapter.orderingApi === 'tmf622-v5' ? 'v5' : 'v4';
    const { hubId } = await adapter.registerHub(deps.listenerUrl(version));
    setPartnerHubId(db, partner.id, hubId);
  }
}

export type Activities = ReturnType<typeof createOrderActivities> & SlaActivities & TicketActivities & ReportActivities;

export function createActivities(deps: ActivityDeps) {
  return {
    ...createOrderActivities(deps),
    ...createSlaActivities(deps),
    ...createTicketActivities(deps),
    ...createReportActivities(deps),
  };
}
