import { getCarrierRequest } from '../db/repositories/carrier-requests.js';
import type { OrderChange } from '../sla-rules/order-states.js';
import type { TicketChange } from '../sla-rules/ticket-states.js';
import { MissingRecordError } from '../tails/missing-record.js';
import { failOrderRequest, sendOrderRequest } from '../tails/orders/send-request.js';
import { failTicketRequest, sendTicketRequest } from '../tails/tickets/send-request.js';
import type { ActivityDeps } from './activity-deps.js';
import { asActivity } from './temporal-failures.js';

/** The desk's requests to carriers, sent by the order and ticket workflows (workers/carrier-requests.workflow.ts). */
export function createRequestActivities(deps: ActivityDeps) {
  const orderSteps = { db: deps.db, now: deps.now, ordering: deps.ordering, listenerUrl: () => '' };
  const ticketSteps = { db: deps.db, now: deps.now, ticketing: deps.ticketing, listenerUrl: () => '' };
  return {
    sendOrderRequest: (requestId: string): Promise<OrderChange> =>
      asActivity(() => sendOrderRequest(orderSteps, requestId)),

    sendTicketRequest: (requestId: string): Promise<TicketChange> =>
      asActivity(() => sendTicketRequest(ticketSteps, requestId)),

    /** The request could not be sent: failed with why, on its order or ticket (whose state it answers). */
    failCarrierRequest: (requestId: string, why: string): Promise<OrderChange | TicketChange> =>
      asActivity(async () => {
        const request = await getCarrierRequest(deps.db, requestId);
        if (!request) throw new MissingRecordError('CarrierRequestMissing', `carrier request ${requestId} not found`);
        return request.entityType === 'order'
          ? await failOrderRequest(orderSteps, request, why)
          : await failTicketRequest(ticketSteps, request, why);
      }),
  };
}
export type RequestActivities = ReturnType<typeof createRequestActivities>;
