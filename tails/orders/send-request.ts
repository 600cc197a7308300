import { writeTransaction } from '../../db/access.js';
import { lockRow } from '../../db/row-locks.js';
import {
  answerCarrierRequest,
  getCarrierRequest,
  type CarrierRequestRow,
} from '../../db/repositories/carrier-requests.js';
import { appendOrderEvent, updateOrder, type OrderRow } from '../../db/repositories/orders.js';
import type { Partner } from '../../openapi/partners.js';
import { PartnerRejectedError } from '../../partners/adapters/index.js';
import type { OrderAmendmentForPartner } from '../../partners/adapters/tmf622/amend.js';
import type { AmendmentMethod } from '../../partners/adapters/tmf622/types.js';
import { isFinalOrderState, type OrderChange } from '../../sla-rules/order-states.js';
import { requestText } from '../carrier-requests.js';
import { MissingRecordError } from '../missing-record.js';
import type { OrderChanges } from './carrier-requests.js';
import { ownOrderEvent } from './events.js';
import { tailOrderFor } from './for-carrier.js';
import { current, load, type SubmissionDeps } from './workflow-steps.js';

/*
 * The order workflow's step that sends one desk request to the carrier and records its answer. An amendment the
 * carrier accepted changes the order, and a changed requested date is recorded as `requestedDateChanged`, which an
 * OLA's `restart` may name; a refusal is the carrier's answer, recorded and applied to nothing.
 */

const changesOf = (request: CarrierRequestRow) => request.body.changes as OrderChanges;

/**
 * How the partner takes an amendment: its setting, else a patch on TMF622 v5 and a modification order on v4; a Sonata
 * carrier takes a new requested date through its delivery date modification task, anything else by patch.
 */
export function amendmentMethodOf(partner: Partner, request: CarrierRequestRow): AmendmentMethod {
  if (partner.adapter.orderingApi === 'sonata-v10')
    return changesOf(request).requestedCompletionDate !== undefined ? 'modifyDeliveryDate' : 'patch';
  return partner.adapter.amendments ?? (partner.adapter.orderingApi === 'tmf622-v5' ? 'patch' : 'modificationOrder');
}

function amendmentFor(order: OrderRow, request: CarrierRequestRow): OrderAmendmentForPartner {
  const changes = changesOf(request);
  return {
    order: tailOrderFor({ ...order, ...changes }),
    changed: {
      requestedCompletionDate: changes.requestedCompletionDate !== undefined,
      bandwidthMbps: changes.bandwidthMbps !== undefined,
      contact: changes.contact !== undefined,
    },
    requestId: request.id,
    summary: String(request.body.summary ?? ''),
  };
}

type Answer = Pick<CarrierRequestRow, 'status' | 'method' | 'carrierReference' | 'answer'>;

/** Records the answer with its event (and, for an accepted amendment, the order's new values) in one transaction. */
async function recordAnswer(
  deps: SubmissionDeps,
  order: OrderRow,
  request: CarrierRequestRow,
  answer: Answer,
): Promise<OrderChange> {
  const at = deps.now();
  const applied = request.kind === 'amend' && (answer.status === 'accepted' || answer.status === 'published');
  await writeTransaction(deps.db, async () => {
    // The carrier's own updates of the order take the same lock (receive-update.ts): the two never interleave.
    await lockRow(deps.db, 'orders', order.id);
    const answered = await answerCarrierRequest(deps.db, request.id, { ...answer, answeredAt: at.toISOString() });
    if (!answered) return;
    const failed = answer.status === 'failed';
    const detail = `${request.kind} ${request.id}: ${answer.status}${answer.answer ? ` (${answer.answer})` : ''}`;
    const type = failed ? 'carrierRequestFailed' : 'carrierRequestAnswered';
    // The carrier's API answered; or the workflow decided (a failure, a carrier that pulls from our server).
    await appendOrderEvent(
      deps.db,
      ownOrderEvent(order, {
        source: failed || answer.method === 'partnerPull' ? 'workflow' : 'adapter',
        type,
        detail,
        at,
      }),
    );
    if (!applied) return;
    const changes = changesOf(request);
    await updateOrder(deps.db, order.id, { ...changes, updatedAt: at.toISOString() });
    if (changes.requestedCompletionDate !== undefined)
      await appendOrderEvent(deps.db, {
        ...ownOrderEvent(order, {
          source: 'desk',
          type: 'requestedDateChanged',
          detail: `${order.requestedCompletionDate} -> ${changes.requestedCompletionDate}`,
          at,
        }),
        // It changed the order: the SLA reads applied events only.
        outcome: 'applied',
      });
  });
  return await current(deps.db, (await load(deps.db, order.id)).order);
}

/** Fails a request that cannot be sent (the carrier unreachable too long, the order ended first). */
export async function failOrderRequest(deps: SubmissionDeps, request: CarrierRequestRow, why: string) {
  const { order } = await load(deps.db, request.entityId);
  return await recordAnswer(deps, order, request, {
    status: 'failed',
    method: null,
    carrierReference: null,
    answer: why,
  });
}

/**
 * Sends one request to the carrier's API (a carrier that pulls its orders reads an amendment from our TMF622 server)
 * and records the answer. A carrier that cannot be reached throws, for the workflow to retry.
 */
export async function sendOrderRequest(deps: SubmissionDeps, requestId: string): Promise<OrderChange> {
  const request = await getCarrierRequest(deps.db, requestId);
  if (!request) throw new MissingRecordError('CarrierRequestMissing', `carrier request ${requestId} not found`);
  const { order, partner } = await load(deps.db, request.entityId);
  if (request.status !== 'pending') return await current(deps.db, order);
  if (isFinalOrderState(order.state)) return await failOrderRequest(deps, request, `the order is ${order.state}`);
  if (partner.adapter.orderingApi === 'none') {
    const answer = 'on our TMF622 server for the carrier to pull';
    return await recordAnswer(deps, order, request, {
      status: 'published',
      method: 'partnerPull',
      carrierReference: null,
      answer,
    });
  }
  if (!order.partnerOrderId)
    return await failOrderRequest(deps, request, 'the carrier has not given its order reference yet');
  const adapter = deps.ordering(partner);
  try {
    if (request.kind === 'amend') {
      const method = amendmentMethodOf(partner, request);
      const { carrierReference } = await adapter.amend(order.partnerOrderId, amendmentFor(order, request), method);
      return await recordAnswer(deps, order, request, {
        status: 'accepted',
        method,
        carrierReference: carrierReference ?? null,
        answer: null,
      });
    }
    await adapter.addNote(order.partnerOrderId, requestText(request));
    return await recordAnswer(deps, order, request, {
      status: 'accepted',
      method: 'patch',
      carrierReference: null,
      answer: null,
    });
  } catch (err) {
    if (!(err instanceof PartnerRejectedError)) throw err;
    return await recordAnswer(deps, order, request, {
      status: 'rejected',
      method: request.kind === 'amend' ? amendmentMethodOf(partner, request) : 'patch',
      carrierReference: null,
      answer: err.message,
    });
  }
}
