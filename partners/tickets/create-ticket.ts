import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { policyInForce } from '../../db/repositories/ola-policies.js';
import { getOrder } from '../../db/repositories/orders.js';
import type { NewTicketEvent, NewTicketRow } from '../../db/repositories/tickets.js';
import type { TicketCreate } from '../../openapi/tickets.js';

export type TicketProblem = { path: string; message: string };
export type BuiltTicket =
  { ok: true; ticket: NewTicketRow; event: NewTicketEvent } | { ok: false; problems: TicketProblem[] };

/**
 * Checks a desk's fault report against the order it names (which must exist, be visible to the caller, and have
 * been delivered) and builds the rows to store; writes nothing.
 */
export function buildTicket(
  db: Db,
  input: TicketCreate,
  caller: { keyId: string; canSee: (partnerId: string) => boolean },
  now: Date,
): BuiltTicket {
  const order = getOrder(db, input.orderId);
  if (!order || !caller.canSee(order.partnerId))
    return { ok: false, problems: [{ path: 'orderId', message: 'unknown order' }] };
  if (order.state !== 'completed') {
    return {
      ok: false,
      problems: [
        { path: 'orderId', message: `a fault can only be raised on a delivered tail; the order is ${order.state}` },
      ],
    };
  }
  const id = newId('tkt');
  const at = now.toISOString();
  return {
    ok: true,
    ticket: {
      id,
      orderId: order.id,
      partnerId: order.partnerId,
      deskReference: input.deskReference,
      severity: input.severity,
      priority: input.priority,
      impact: input.impact,
      description: input.description,
      contact: input.contact,
      status: 'acknowledged',
      submission: 'submitting',
      // Measured for ever under the OLA policy version in force when the fault was raised.
      policyId: policyInForce(db, order.partnerId, at)?.id ?? null,
      createdBy: caller.keyId,
      createdAt: at,
      updatedAt: at,
    },
    event: {
      id: newId('evt'),
      ticketId: id,
      partnerId: order.partnerId,
      source: 'desk',
      externalEventId: null,
      type: 'ticketRaised',
      fromState: null,
      toState: 'acknowledged',
      outcome: 'applied',
      detail: input.impact,
      payload: null,
      occurredAt: at,
      receivedAt: at,
    },
  };
}
