import { statement } from '../execute.js';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';

/** Per partner and currency: what final reports say is owed, and the claims' amounts by where they stand. */
export type CreditTotalsRow = {
  partnerId: string;
  partnerName: string;
  currency: string;
  owedMinor: number;
  claimedMinor: number;
  disputedMinor: number;
  receivedMinor: number;
  writtenOffMinor: number;
};

export function creditTotals(db: Db): Promise<CreditTotalsRow[]> {
  return withConnection(db, async () => {
    const rows = (await statement(
      db,
      `with owed as (
         select t.partner_id, t.currency, sum(t.amount_after_caps_minor) as owed
           from penalty_report_totals t join penalty_reports r on r.month = t.month and r.state = 'final'
          group by t.partner_id, t.currency),
       claimed as (
         select partner_id, currency, sum(amount_minor) as claimed,
                sum(case when state = 'disputed' then amount_minor else 0 end) as disputed,
                sum(coalesce(received_minor, 0)) as received,
                sum(case when state = 'writtenOff' then amount_minor - coalesce(received_minor, 0) else 0 end) as written_off
           from credit_claims group by partner_id, currency),
       keys as (select partner_id, currency from owed union select partner_id, currency from claimed)
       select k.partner_id as partnerId, p.name as partnerName, k.currency,
              coalesce(o.owed, 0) as owedMinor, coalesce(c.claimed, 0) as claimedMinor,
              coalesce(c.disputed, 0) as disputedMinor, coalesce(c.received, 0) as receivedMinor,
              coalesce(c.written_off, 0) as writtenOffMinor
         from keys k join partners p on p.id = k.partner_id
         left join owed o on o.partner_id = k.partner_id and o.currency = k.currency
         left join claimed c on c.partner_id = k.partner_id and c.currency = k.currency
        order by p.name, k.currency`,
    ).all()) as CreditTotalsRow[];
    // PostgreSQL answers sums as bigint text.
    return rows.map((r) => ({
      ...r,
      owedMinor: Number(r.owedMinor),
      claimedMinor: Number(r.claimedMinor),
      disputedMinor: Number(r.disputedMinor),
      receivedMinor: Number(r.receivedMinor),
      writtenOffMinor: Number(r.writtenOffMinor),
    }));
  });
}
