import { and, asc, eq } from 'drizzle-orm';
import { queryAll, queryFirst } from '../execute.js';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { carrierRequests } from '../schema.js';

export type CarrierRequestRow = typeof carrierRequests.$inferSelect;
export type NewCarrierRequest = Omit<
  CarrierRequestRow,
  'id' | 'status' | 'method' | 'carrierReference' | 'answer' | 'answeredAt'
>;

export function insertCarrierRequest(db: Db, row: NewCarrierRequest): Promise<CarrierRequestRow> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .insert(carrierRequests)
        .values({ id: newId('req'), status: 'pending', ...row })
        .returning(),
    );
  });
}

export function getCarrierRequest(db: Db, id: string): Promise<CarrierRequestRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(db.select().from(carrierRequests).where(eq(carrierRequests.id, id)));
  });
}

/** An order's or ticket's requests to its carrier, oldest first. */
export function carrierRequestsOf(db: Db, entityId: string): Promise<CarrierRequestRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(carrierRequests)
        .where(eq(carrierRequests.entityId, entityId))
        .orderBy(asc(carrierRequests.requestedAt), asc(carrierRequests.id)),
    );
  });
}

/** Records the carrier's answer to a pending request, once; undefined when it was answered already. */
export function answerCarrierRequest(
  db: Db,
  id: string,
  answer: Pick<CarrierRequestRow, 'status' | 'method' | 'carrierReference' | 'answer' | 'answeredAt'>,
): Promise<CarrierRequestRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .update(carrierRequests)
        .set(answer)
        .where(and(eq(carrierRequests.id, id), eq(carrierRequests.status, 'pending')))
        .returning(),
    );
  });
}
