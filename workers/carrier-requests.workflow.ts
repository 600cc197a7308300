// Workflow code (runs in the Temporal sandbox): imports only @temporalio/workflow and activity types.
import { ActivityFailure, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from './activities.js';
import type { OwnSteps } from './submission.workflow.js';

/** A request for the carrier was stored (tails/carrier-requests.ts): the workflow sends it in its turn. */
export const carrierRequestSignal = defineSignal<[{ requestId: string }]>('carrierRequest');

/**
 * The desk's requests to a carrier, sent one at a time in the order asked, between the workflow's other steps. A
 * carrier that stays unreachable for `unreachableAfterMs` fails the request (the desk sees it and may ask again);
 * a refusal is the carrier's answer, recorded by the activity.
 */
export function carrierRequestQueue<Change>(
  kind: 'order' | 'ticket',
  timings: { unreachableAfterMs: number; attemptTimeoutMs?: number | undefined },
  own: OwnSteps,
) {
  const asking = proxyActivities<Activities>({
    startToCloseTimeout: timings.attemptTimeoutMs ?? 30_000,
    scheduleToCloseTimeout: timings.unreachableAfterMs,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '2 minutes' },
  });
  const waiting: string[] = [];
  setHandler(carrierRequestSignal, ({ requestId }) => void waiting.push(requestId));
  const send = (id: string) =>
    (kind === 'order' ? asking.sendOrderRequest(id) : asking.sendTicketRequest(id)) as Promise<Change>;
  return {
    pending: () => waiting.length > 0,
    /** Sends the oldest waiting request; the entity as it is afterwards. */
    async sendNext(): Promise<Change> {
      const id = waiting.shift()!;
      try {
        return await send(id);
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        const why = `the carrier could not be reached for ${timings.unreachableAfterMs} ms`;
        return (await own.failCarrierRequest(id, why)) as Change;
      }
    },
    /** The entity ended with requests still waiting: none can be sent any more. */
    async failRest(): Promise<void> {
      while (waiting.length > 0) await own.failCarrierRequest(waiting.shift()!, `the ${kind} ended before it was sent`);
    },
  };
}
