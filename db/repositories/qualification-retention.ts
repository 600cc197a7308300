import { withConnection, writeTransaction } from '../access.js';
import { isPostgres, statement } from '../execute.js';
import type { Db } from '../client.js';

/**
 * Qualifications that expired before `expiredBefore` and that no order was placed from (an order keeps the offer it
 * was placed from: `qof_<qualification id body>_<rank>`, see offerId), at most `limit` of them, deleted in one short
 * write transaction, oldest expiry first. The range test on orders.offer_id may also keep a qualification whose id
 * is another's with a suffix: it errs on keeping.
 */
export function purgeExpiredQualifications(db: Db, expiredBefore: string, limit: number): Promise<number> {
  return withConnection(db, async () => {
    const position = isPostgres(db) ? `strpos(q.id, '_')` : `instr(q.id, '_')`;
    const offerPrefix = `'qof_' || substr(q.id, ${position} + 1)`;
    return await writeTransaction(
      db,
      async () =>
        (
          await statement(
            db,
            `delete from qualifications where id in (
             select q.id from qualifications q
              where q.expires_at < @expiredBefore
                and not exists (select 1 from orders o
                                 where o.offer_id >= ${offerPrefix} || '_' and o.offer_id < ${offerPrefix} || '\`')
              order by q.expires_at limit @limit)`,
          ).run({ expiredBefore, limit })
        ).changes,
    );
  });
}

/**
 * Stored answers made before `createdBefore` that no qualification shares any more, at most `limit`, in one short
 * write transaction. An API process may still hold one in its answer cache: its next qualification stores it anew
 * (insertQualification retries when the answer it remembered is gone).
 */
export function purgeUnsharedAnswers(db: Db, createdBefore: string, limit: number): Promise<number> {
  return withConnection(db, async () => {
    return await writeTransaction(
      db,
      async () =>
        (
          await statement(
            db,
            `delete from qualification_answers where id in (
             select a.id from qualification_answers a
              where a.created_at < @createdBefore
                and not exists (select 1 from qualifications q where q.answer_id = a.id)
              order by a.created_at limit @limit)`,
          ).run({ createdBefore, limit })
        ).changes,
    );
  });
}

/**
 * TMF679 qualifications of several items (offering_qualifications) expired before `expiredBefore`, at most `limit`,
 * in one short write transaction; answers how many.
 */
export function purgeExpiredOfferingQualifications(db: Db, expiredBefore: string, limit: number): Promise<number> {
  return withConnection(db, async () => {
    return await writeTransaction(
      db,
      async () =>
        (
          await statement(
            db,
            `delete from offering_qualifications where id in (
               select id from offering_qualifications where expires_at < @expiredBefore order by expires_at limit @limit)`,
          ).run({ expiredBefore, limit })
        ).changes,
    );
  });
}
