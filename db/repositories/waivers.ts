import { queryFirst, statement } from '../execute.js';
import { eq } from 'drizzle-orm';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { breachWaivers } from '../schema.js';

export type WaiverRow = typeof breachWaivers.$inferSelect;

export function getWaiver(db: Db, breachFactId: string): Promise<WaiverRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(db.select().from(breachWaivers).where(eq(breachWaivers.breachFactId, breachFactId)));
  });
}

/** Records a waiver once per breach; undefined when the breach was waived already (the first one stands). */
export function insertWaiver(db: Db, input: Omit<WaiverRow, 'id'>): Promise<WaiverRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .insert(breachWaivers)
        .values({ id: newId('wvr'), ...input })
        .onConflictDoNothing()
        .returning(),
    );
  });
}

/** A recorded breach fact (kind 'breach') by id. */
export function getBreachFact(
  db: Db,
  id: string,
): Promise<{ id: string; partnerId: string; entityType: string; entityId: string; olaId: string } | undefined> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select id, partner_id as partnerId, entity_type as entityType, entity_id as entityId, ola_id as olaId from sla_facts where id = ? and kind = 'breach'`,
    ).get(id)) as { id: string; partnerId: string; entityType: string; entityId: string; olaId: string } | undefined;
  });
}
