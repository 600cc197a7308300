import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { appendTicketEvent, insertTicketWithEvent, type NewTicketEvent } from '../../db/repositories/tickets.js';
import type { Random } from '../../partners/simulator/random.js';
import { addBusinessTime } from '../../sla-rules/index.js';
import type { ResolvedCalendar } from '../../sla-rules/types.js';
import { between, contact, HOUR, iso, MINUTE, recordMeasured, type DemoHistoryCarrier } from './history-support.js';

/**
 * One closed fault of the demo history on a delivered order: acknowledged, worked, restored in time or late for its
 * priority, and closed, then measured and recorded.
 */
export async function seedTicket(
  db: Db,
  carrier: DemoHistoryCarrier,
  calendar: ResolvedCalendar,
  random: Random,
  orderId: string,
  raisedAt: number,
  reference: string,
): Promise<void> {
  const q = carrier.quality;
  const roll = random.next();
  const priority = roll < 0.4 ? 1 : roll < 0.8 ? 2 : 3;
  const accepted = raisedAt + between(random, [1, 3]) * MINUTE;
  const acked =
    accepted + (random.chance(q.lateAckShare) ? between(random, [65, 120]) : between(random, [5, 50])) * MINUTE;
  const working = acked + 15 * MINUTE;
  const late = random.chance(q.lateRestoreShare);
  const restoreHours = priority === 1 ? (late ? between(random, [5.5, 10]) : between(random, [1, 4.5])) : 0;
  const resolvedAt =
    priority === 1
      ? raisedAt + restoreHours * HOUR
      : addBusinessTime(calendar, working, (late ? between(random, [9, 16]) : between(random, [1, 7])) * HOUR);
  const closedAt = resolvedAt + between(random, [0.5, 4]) * HOUR;
  const id = newId('tkt');
  const event = (e: { source: 'desk' | 'adapter' | 'listener'; type: string; toState: string | null; at: number }) =>
    ({
      id: newId('tev'),
      ticketId: id,
      partnerId: carrier.partnerId,
      source: e.source,
      externalEventId: e.source === 'listener' ? newId('evt') : null,
      type: e.type,
      toState: e.toState,
      outcome: e.type === 'submitted' ? 'recorded' : 'applied',
      occurredAt: iso(e.at),
      receivedAt: iso(e.at),
    }) as NewTicketEvent;
  await insertTicketWithEvent(
    db,
    {
      id,
      orderId,
      partnerId: carrier.partnerId,
      deskReference: reference,
      severity: priority === 1 ? 'critical' : priority === 2 ? 'major' : 'minor',
      priority,
      impact: priority === 1 ? 'Site down: no traffic on the tail' : 'Packet loss at busy hour',
      description: 'Raised by the demo history',
      contact,
      status: 'closed',
      submission: 'submitted',
      partnerTicketId: `${carrier.code}-T-${id.slice(4, 12)}`,
      resolvedAt: iso(resolvedAt),
      policyId: carrier.policy.id,
      workflowStartedAt: iso(raisedAt),
      carrierContactedAt: iso(raisedAt),
      createdBy: 'demo history',
      createdAt: iso(raisedAt),
      updatedAt: iso(closedAt),
    },
    event({ source: 'desk', type: 'ticketRaised', toState: 'acknowledged', at: raisedAt }),
  );
  const status = 'troubleTicketStatusChangeEvent';
  for (const e of [
    event({ source: 'adapter', type: 'submitted', toState: null, at: accepted }),
    event({ source: 'listener', type: status, toState: 'acknowledged', at: acked }),
    event({ source: 'listener', type: status, toState: 'inProgress', at: working }),
    event({ source: 'listener', type: 'troubleTicketResolvedEvent', toState: 'resolved', at: resolvedAt }),
    event({ source: 'listener', type: status, toState: 'closed', at: closedAt }),
  ])
    await appendTicketEvent(db, e);
  await recordMeasured(db, 'ticket', id, carrier, closedAt);
}
