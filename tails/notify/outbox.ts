import type { Db } from '../../db/client.js';
import { listEscalations, type EscalationRow } from '../../db/repositories/notifications.js';
import { escalationAddress } from './fan-out.js';

/** An escalation with the contact's address (its destination without the ladder level). */
export type OutboxEntry = Omit<EscalationRow, 'destination'> & { address: string };

/**
 * The escalation outbox: every escalation, whatever its channel, newest first (of one order or ticket when given),
 * delivered, pending, failed, or kept here for want of a way to send it (`recorded`, `lastError` saying which setting).
 */
export async function escalationOutbox(db: Db, opts: Parameters<typeof listEscalations>[1]): Promise<OutboxEntry[]> {
  return (await listEscalations(db, opts)).map(({ destination, ...row }) => ({
    ...row,
    address: escalationAddress(destination) ?? destination,
  }));
}
