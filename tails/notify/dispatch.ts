import {
  destinationsWaitingSince,
  failPendingForDestination,
  pendingForDestination,
  type DeliveryDestination,
  type NotificationRow,
} from '../../db/repositories/notifications.js';
import { deliverNotification, NotificationMissingError, WebhookDeliveryError, type DeliveryDeps } from './deliver.js';

/**
 * Notifications are delivered per destination, one queue each (a subscription, an escalation contact, a carrier's
 * listener), oldest first, by one delivery workflow per destination (workers/delivery.workflow.ts): a destination that
 * fails holds up only its own queue, for one bounded retry schedule, after which what it still has pending is given
 * up. Nothing here is awaited by a clock.
 */

export type { DeliveryDestination };

/**
 * One attempt on one notification. `delivered`, or `notSent` (nothing to send, ever: recorded, disabled, refused,
 * given up); `waiting`: nothing to send yet, others to the same destination may go; `failed`: the destination did
 * not take it (the queue backs off).
 */
export type DeliveryAttempt = 'delivered' | 'notSent' | 'waiting' | 'failed';

export async function attemptDelivery(deps: DeliveryDeps, notificationId: string): Promise<DeliveryAttempt> {
  try {
    const outcome = await deliverNotification(deps, notificationId);
    return outcome === 'notSent' ? 'notSent' : 'delivered';
  } catch (err) {
    if (err instanceof NotificationMissingError) return 'notSent';
    if (err instanceof WebhookDeliveryError) return err.waiting ? 'waiting' : 'failed';
    throw err;
  }
}

/** The ids of a destination's pending notifications, oldest first. */
export const pendingDeliveries = async (
  deps: Pick<DeliveryDeps, 'db'>,
  d: DeliveryDestination,
  limit: number,
): Promise<string[]> => (await pendingForDestination(deps.db, d, limit)).map((n) => n.id);

/** Gives up on a destination's pending notifications after a whole retry schedule failed; how many. */
export const giveUpDeliveries = async (
  deps: Pick<DeliveryDeps, 'db'>,
  d: DeliveryDestination,
  reason: string,
): Promise<number> => await failPendingForDestination(deps.db, d, reason);

/** The distinct destinations of the pending ones among `rows`: the queues to wake. */
export function pendingDestinations(rows: readonly NotificationRow[]): DeliveryDestination[] {
  const seen = new Map<string, DeliveryDestination>();
  for (const n of rows) {
    if (n.status === 'pending')
      seen.set(`${n.channel}\n${n.destination}`, { channel: n.channel, destination: n.destination });
  }
  return [...seen.values()];
}

/** Destinations whose delivery may have been lost (pending for a minute and more): the reconciler wakes them. */
export const destinationsToWake = async (
  deps: Pick<DeliveryDeps, 'db'>,
  now: Date,
  limit: number,
): Promise<DeliveryDestination[]> =>
  await destinationsWaitingSince(deps.db, new Date(now.getTime() - 60_000).toISOString(), limit);
