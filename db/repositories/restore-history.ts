import { withConnection } from '../access.js';
import { statement } from '../execute.js';
import type { Db } from '../client.js';

/** One ticket clock that ended met or breached: how much of its target it took. */
export type TicketClockShare = { partnerId: string; metric: string; share: number };

/**
 * Ticket clocks (with a target) whose outcome became final, met or breached, at or after `from`: each as the share of
 * its target it took (elapsed / target, in the clock's own measure, paused time excluded), in (partner, metric) order.
 */
export function ticketClockShares(db: Db, from: string): Promise<TicketClockShare[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select partner_id as partnerId, metric, cast(elapsed_ms as double precision) / target_ms as share
         from clock_outcomes
        where entity_type = 'ticket' and state in ('met', 'breached') and target_ms > 0 and final_at >= @from
        order by partner_id, metric`,
    ).all({ from })) as TicketClockShare[];
  });
}
