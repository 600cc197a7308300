import { isPostgres, statement } from '../execute.js';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import type { ConformanceRow, ServiceTimeRow } from './penalty-reports.js';

/**
 * Met and breached clocks per partner and OLA whose outcome became final in [startsAt, endsAt); one partner's only
 * when given (then straight from clock_outcomes_partner_final_idx, as a scorecard asks).
 */
export function conformanceBetween(
  db: Db,
  startsAt: string,
  endsAt: string,
  partnerId?: string,
): Promise<Omit<ConformanceRow, 'month'>[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select partner_id as partnerId, ola_id as olaId, min(metric) as metric, min(entity_type) as entityType,
              count(*) filter (where state = 'met') as met, count(*) filter (where state = 'breached') as breached
         from clock_outcomes where ${partnerId === undefined ? '' : 'partner_id = @p and '}final_at >= @s and final_at < @e and state in ('met', 'breached')
        group by partner_id, ola_id order by partner_id, ola_id`,
    ).all({ s: startsAt, e: endsAt, ...(partnerId === undefined ? {} : { p: partnerId }) })) as Omit<
      ConformanceRow,
      'month'
    >[];
  });
}

const MS_PER_DAY = 86_400_000;

/**
 * Mean time to provide (orders completed in the period) and to restore (tickets resolved in it), per partner (or one).
 */
export function serviceTimesBetween(
  db: Db,
  startsAt: string,
  endsAt: string,
  partnerId?: string,
): Promise<Omit<ServiceTimeRow, 'month'>[]> {
  return withConnection(db, async () => {
    const onePartner = partnerId === undefined ? '' : 'and partner_id = @p';
    // Days between two ISO instants: julianday on SQLite, an interval's seconds on PostgreSQL.
    const days = (to: string, from: string) =>
      isPostgres(db)
        ? `extract(epoch from (${to}::timestamptz - ${from}::timestamptz)) / 86400.0`
        : `julianday(${to}) - julianday(${from})`;
    const rows = (await statement(
      db,
      `with provided as (select partner_id, count(*) as n, avg(${days('completed_at', 'created_at')}) as days
                           from orders where completed_at >= @s and completed_at < @e ${onePartner} group by partner_id),
            restored as (select partner_id, count(*) as n, avg(${days('resolved_at', 'created_at')}) as days
                           from tickets where resolved_at >= @s and resolved_at < @e ${onePartner} group by partner_id),
            ids as (select partner_id from provided union select partner_id from restored)
       select ids.partner_id as partnerId, coalesce(p.n, 0) as ordersCompleted, p.days as provideDays,
              coalesce(r.n, 0) as ticketsResolved, r.days as restoreDays
         from ids left join provided p on p.partner_id = ids.partner_id left join restored r on r.partner_id = ids.partner_id
        order by ids.partner_id`,
    ).all({ s: startsAt, e: endsAt, ...(partnerId === undefined ? {} : { p: partnerId }) })) as {
      partnerId: string;
      ordersCompleted: number;
      provideDays: number | null;
      ticketsResolved: number;
      restoreDays: number | null;
    }[];
    const ms = (days: number | null) => (days === null ? null : Math.round(days * MS_PER_DAY));
    return rows.map((r) => ({
      partnerId: r.partnerId,
      ordersCompleted: r.ordersCompleted,
      meanTimeToProvideMs: ms(r.provideDays),
      ticketsResolved: r.ticketsResolved,
      meanTimeToRestoreMs: ms(r.restoreDays),
    }));
  });
}
