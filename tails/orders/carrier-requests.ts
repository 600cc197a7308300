import { appendOrderEvent, type OrderRow } from '../../db/repositories/orders.js';
import { getPartner } from '../../db/repositories/partners.js';
import type { SiteContact } from '../../openapi/orders.js';
import { isFinalOrderState } from '../../sla-rules/order-states.js';
import { askCarrier, type AskDeps, type RequestOutcome } from '../carrier-requests.js';
import type { Viewer } from '../viewer.js';
import { ownOrderEvent } from './events.js';
import { visibleOrder } from './desk-actions.js';

/** What the desk may change on an order in flight (TMF622 supplements and amendments). */
export type OrderChanges = { requestedCompletionDate?: string; bandwidthMbps?: number; contact?: SiteContact };

const sameContact = (a: SiteContact, b: SiteContact) =>
  a.name === b.name && a.email === b.email && (a.phone ?? '') === (b.phone ?? '');

/** Only what differs from the order as it stands. */
export function changedFields(order: OrderRow, asked: OrderChanges): OrderChanges {
  return {
    ...(asked.requestedCompletionDate !== undefined &&
      asked.requestedCompletionDate !== order.requestedCompletionDate && {
        requestedCompletionDate: asked.requestedCompletionDate,
      }),
    ...(asked.bandwidthMbps !== undefined &&
      asked.bandwidthMbps !== order.bandwidthMbps && { bandwidthMbps: asked.bandwidthMbps }),
    ...(asked.contact !== undefined && !sameContact(asked.contact, order.contact) && { contact: asked.contact }),
  };
}

/** The change in words: `requested completion date 2027-02-01; bandwidth 1000 Mbps; site contact Sam Patel`. */
export function describeChanges(changes: OrderChanges): string {
  return [
    changes.requestedCompletionDate && `requested completion date ${changes.requestedCompletionDate}`,
    changes.bandwidthMbps && `bandwidth ${changes.bandwidthMbps} Mbps`,
    changes.contact && `site contact ${changes.contact.name}`,
  ]
    .filter(Boolean)
    .join('; ');
}

async function openOrder(deps: AskDeps, viewer: Viewer, orderId: string) {
  const order = await visibleOrder(deps.db, viewer, orderId);
  if (!order) return { refused: { ok: false, reason: 'notFound' } as const };
  if (isFinalOrderState(order.state))
    return { refused: { ok: false, reason: 'conflict', message: `The order is already ${order.state}` } as const };
  return { order };
}

/**
 * Amends an open order: the carrier gets it as its API version allows (send-request.ts), and the order changes once
 * the carrier accepted it. A date before today, or asking for what the order already says, changes nothing (422).
 */
export async function amendOrder(
  deps: AskDeps,
  viewer: Viewer,
  input: { orderId: string; changes: OrderChanges; by: string },
): Promise<RequestOutcome> {
  const open = await openOrder(deps, viewer, input.orderId);
  if (!open.order) return open.refused;
  const { order } = open;
  const changes = changedFields(order, input.changes);
  if (Object.keys(changes).length === 0)
    return { ok: false, reason: 'unprocessable', message: 'the amendment changes nothing on the order', field: '' };
  const today = deps.now().toISOString().slice(0, 10);
  if (changes.requestedCompletionDate !== undefined && changes.requestedCompletionDate < today)
    return {
      ok: false,
      reason: 'unprocessable',
      message: `must not be before today (${today})`,
      field: 'requestedCompletionDate',
    };
  const summary = describeChanges(changes);
  return await askCarrier(
    deps,
    {
      entityType: 'order',
      entityId: order.id,
      partnerId: order.partnerId,
      kind: 'amend',
      body: { changes, summary },
      requestedBy: input.by,
    },
    async (at) =>
      await appendOrderEvent(
        deps.db,
        ownOrderEvent(order, { source: 'desk', type: 'amendmentRequested', detail: summary, at }),
      ),
  );
}

/**
 * Answers a carrier waiting on us (the order pending or held, information required) with a note; the carrier then
 * resumes the order, and the clocks it paused resume with its state.
 */
export async function answerOrder(
  deps: AskDeps,
  viewer: Viewer,
  input: { orderId: string; text: string; by: string },
): Promise<RequestOutcome> {
  const open = await openOrder(deps, viewer, input.orderId);
  if (!open.order) return open.refused;
  const { order } = open;
  if (order.state !== 'pending' && order.state !== 'held')
    return { ok: false, reason: 'conflict', message: `The order is ${order.state}: the carrier is not waiting on us` };
  return await noteRequest(deps, order, 'answer', input);
}

/** Sends the desk's note to the carrier's order. */
export async function noteOrder(
  deps: AskDeps,
  viewer: Viewer,
  input: { orderId: string; text: string; by: string },
): Promise<RequestOutcome> {
  const open = await openOrder(deps, viewer, input.orderId);
  if (!open.order) return open.refused;
  return await noteRequest(deps, open.order, 'note', input);
}

async function noteRequest(
  deps: AskDeps,
  order: OrderRow,
  kind: 'answer' | 'note',
  input: { text: string; by: string },
): Promise<RequestOutcome> {
  const partner = await getPartner(deps.db, order.partnerId);
  if (partner?.adapter.orderingApi === 'none')
    return {
      ok: false,
      reason: 'conflict',
      message:
        "The carrier has no ordering API and Tailgate's TMF622 server does not show it notes: tell the carrier directly",
    };
  const type = kind === 'answer' ? 'answerToCarrier' : 'noteToCarrier';
  return await askCarrier(
    deps,
    {
      entityType: 'order',
      entityId: order.id,
      partnerId: order.partnerId,
      kind,
      body: { text: input.text },
      requestedBy: input.by,
    },
    async (at) =>
      await appendOrderEvent(deps.db, ownOrderEvent(order, { source: 'desk', type, detail: input.text, at })),
  );
}
