import type { Logger } from 'pino';
import { writeTransaction } from '../db/access.js';
import type { Db } from '../db/client.js';
import {
  answerCarrierRequest,
  insertCarrierRequest,
  type CarrierRequestRow,
  type NewCarrierRequest,
} from '../db/repositories/carrier-requests.js';
import type { TailWorkflows } from './workflows.js';

/*
 * The desk's requests to a carrier about an order or ticket in flight (tails/orders/carrier-requests.ts and its
 * ticket twin say which): each stored with its event, then handed to the entity's workflow, which sends it in turn
 * (send-request.ts) and records the carrier's answer.
 */

export type AskDeps = { db: Db; log: Logger; now: () => Date; workflows: Pick<TailWorkflows, 'carrierRequest'> };

export type RequestOutcome =
  | { ok: true; request: CarrierRequestRow }
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: 'conflict'; message: string }
  | { ok: false; reason: 'unprocessable'; message: string; field: string }
  | { ok: false; reason: 'unavailable' };

/**
 * Stores the request and its event in one transaction, then hands it to the workflow. When Temporal cannot be
 * reached the request is failed at once (nothing was sent) and the desk may ask again.
 */
export async function askCarrier(
  deps: AskDeps,
  request: Omit<NewCarrierRequest, 'requestedAt'>,
  recordEvent: (at: Date) => Promise<void>,
): Promise<RequestOutcome> {
  const at = deps.now();
  const stored = await writeTransaction(deps.db, async () => {
    const row = await insertCarrierRequest(deps.db, { ...request, requestedAt: at.toISOString() });
    await recordEvent(at);
    return row;
  });
  try {
    await deps.workflows.carrierRequest({ type: stored.entityType, id: stored.entityId }, stored.id);
  } catch (err) {
    deps.log.warn({ err, requestId: stored.id }, 'could not hand the carrier request to its workflow');
    await answerCarrierRequest(deps.db, stored.id, {
      status: 'failed',
      method: null,
      carrierReference: null,
      answer: 'the workflow engine could not be reached; nothing was sent',
      answeredAt: deps.now().toISOString(),
    });
    return { ok: false, reason: 'unavailable' };
  }
  return { ok: true, request: stored };
}

/** The text a note or an answer carries. */
export const requestText = (request: Pick<CarrierRequestRow, 'body'>) => String(request.body.text ?? '');
