import { withConnection } from '../access.js';
import { statement } from '../execute.js';
import type { Db } from '../client.js';

/** An order or ticket a policy what-if measures again. */
export type MeasuredEntity = { entityType: 'order' | 'ticket'; entityId: string };

/**
 * A partner's orders and tickets whose clocks can have ended in [from, to): placed before `to` and changed at or
 * after `from` (a clock ends at the latest at the last change of its order or ticket), in placing order.
 */
export function partnerEntitiesActiveBetween(
  db: Db,
  partnerId: string,
  from: string,
  to: string,
): Promise<MeasuredEntity[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select entityType, entityId from (
         select 'order' as entityType, id as entityId, created_at as createdAt from orders
          where partner_id = @partnerId and created_at < @to and updated_at >= @from
         union all
         select 'ticket' as entityType, id as entityId, created_at as createdAt from tickets
          where partner_id = @partnerId and created_at < @to and updated_at >= @from
       ) entities order by createdAt, entityId`,
    ).all({ partnerId, from, to })) as MeasuredEntity[];
  });
}
