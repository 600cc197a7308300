// Workflow code (runs in the Temporal sandbox): imports only @temporalio/workflow and activity types.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from './activities.js';

const delivery = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 12 },
});

/** Delivers one notification, retried with backoff; its id is the delivery id receivers de-duplicate on. */
export async function notificationWorkflow(notificationId: string): Promise<void> {
  await delivery.deliverNotification(notificationId);
}
