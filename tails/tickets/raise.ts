import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { getOrder } from '../../db/repositories/orders.js';
import {
  getTicketByRequestKey,
  insertTicketWithEvent,
  type NewTicketEvent,
  type NewTicketRow,
  type TicketRow,
} from '../../db/repositories/tickets.js';
import type { FieldError } from '../../openapi/problem.js';
import type { TicketCreate, TicketPriority } from '../../openapi/tickets.js';
import { policyInForce } from '../../partners/policies/in-force.js';
import type { DeskRequest } from '../request-key.js';
import type { Viewer } from '../viewer.js';
import { ticketEvent } from './events.js';
import { ensureTicketWorkflow, type StartDeps } from './start-workflow.js';

export type RaiseTicketOutcome =
  | {
      ok: true;
      ticket: TicketRow;
      /** Its events as this run stored them (the first), so an answer needs no read; absent: raised before. */
      timeline?: NewTicketEvent[];
    }
  | { ok: false; reason: 'invalid'; problems: FieldError[] };

type RaiseTicketDeps = StartDeps;

/**
 * Checks a desk's fault report against the order it names (which must exist, be visible to the viewer, and have
 * been delivered) and builds the ticket row; writes nothing.
 */
async function buildTicket(db: Db, input: TicketCreate, viewer: Viewer, now: Date): Promise<NewTicketRow | FieldError> {
  const order = await getOrder(db, input.orderId);
  if (!order || !viewer.canSee(order.partnerId)) return { path: 'orderId', message: 'unknown order' };
  if (order.state !== 'completed') {
    return { path: 'orderId', message: `a fault can only be raised on a delivered tail; the order is ${order.state}` };
  }
  const at = now.toISOString();
  return {
    id: newId('tkt'),
    orderId: order.id,
    partnerId: order.partnerId,
    deskReference: input.deskReference,
    severity: input.severity,
    // TicketCreateSchema allows the whole numbers 1 to 4 only.
    priority: input.priority as TicketPriority,
    impact: input.impact,
    description: input.description,
    contact: input.contact,
    status: 'acknowledged',
    submission: 'submitting',
    // Measured for ever under the OLA policy version in force when the fault was raised.
    policyId: (await policyInForce(db, order.partnerId, at))?.id ?? null,
    createdBy: viewer.keyId,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Raises a desk's fault report, once per request (`request`: who asked, and their Idempotency-Key): checks it,
 * writes the ticket with its first event, and starts its workflow. The ticket is accepted once it is stored: a
 * workflow that cannot be started now is started by the reconciler. The same request again gets the ticket it raised.
 */
export async function raiseTicket(
  deps: RaiseTicketDeps,
  viewer: Viewer,
  input: TicketCreate,
  request: DeskRequest,
): Promise<RaiseTicketOutcome> {
  const { db, now } = deps;
  // A run that died may have raised it: that ticket is the answer, whatever the checks would say now.
  const raisedBefore = request.takenOver ? await getTicketByRequestKey(db, request.key) : undefined;
  if (raisedBefore) {
    await ensureTicketWorkflow(deps, raisedBefore);
    return { ok: true, ticket: raisedBefore };
  }
  const built = await buildTicket(db, input, viewer, now());
  if ('path' in built) return { ok: false, reason: 'invalid', problems: [built] };
  const raised = ticketEvent(built, {
    source: 'desk',
    type: 'ticketRaised',
    fromState: null,
    toState: 'acknowledged',
    outcome: 'applied',
    detail: input.impact,
    occurredAt: built.createdAt,
    receivedAt: built.createdAt,
  });
  const ticket = await insertTicketWithEvent(db, { ...built, requestKey: request.key }, raised);
  await ensureTicketWorkflow(deps, ticket);
  return ticket.id === built.id ? { ok: true, ticket, timeline: [raised] } : { ok: true, ticket };
}
