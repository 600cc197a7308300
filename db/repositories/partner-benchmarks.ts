import { withConnection } from '../access.js';
import { statement } from '../execute.js';
import type { Db } from '../client.js';

/**
 * What partner benchmarking reads, each row with its order's product and site (JSON text; a ticket's through its
 * order), one partner's only when `partnerId` is given.
 */
export type BenchmarkScope = { from: string; to: string; partnerId?: string | undefined };

export type BenchmarkOutcome = {
  partnerId: string;
  productCode: string;
  site: string | null;
  metric: string;
  state: string;
  finalAt: string;
};
export type BenchmarkDelivery = {
  partnerId: string;
  productCode: string;
  site: string;
  startedAt: string;
  completedAt: string;
};
export type BenchmarkRestore = {
  partnerId: string;
  productCode: string;
  site: string;
  createdAt: string;
  resolvedAt: string;
};
export type BenchmarkPenalty = {
  partnerId: string;
  productCode: string;
  site: string | null;
  currency: string;
  amountMinor: number;
};

const onePartner = (alias: string, scope: BenchmarkScope) =>
  scope.partnerId === undefined ? '' : `and ${alias}.partner_id = @partnerId`;
const params = (scope: BenchmarkScope) => ({
  from: scope.from,
  to: scope.to,
  ...(scope.partnerId === undefined ? {} : { partnerId: scope.partnerId }),
});
/** An outcome's order: its own, or its ticket's. */
const outcomeOrder = `left join orders ord on o.entity_type = 'order' and ord.id = o.entity_id
  left join tickets t on o.entity_type = 'ticket' and t.id = o.entity_id
  left join orders tord on tord.id = t.order_id`;

/** Clocks met or breached whose outcome became final in [from, to). */
export function benchmarkOutcomes(db: Db, scope: BenchmarkScope): Promise<BenchmarkOutcome[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select o.partner_id as partnerId, coalesce(ord.product_code, tord.product_code, '') as productCode,
              coalesce(ord.site, tord.site) as site, o.metric, o.state, o.final_at as finalAt
         from clock_outcomes o ${outcomeOrder}
        where o.final_at >= @from and o.final_at < @to and o.state in ('met', 'breached') ${onePartner('o', scope)}`,
    ).all(params(scope))) as BenchmarkOutcome[];
  });
}

/** Orders completed in [from, to), with when the carrier's clock started (its acceptance, else placement). */
export function benchmarkDeliveries(db: Db, scope: BenchmarkScope): Promise<BenchmarkDelivery[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select o.partner_id as partnerId, o.product_code as productCode, o.site,
              coalesce(o.carrier_contacted_at, o.created_at) as startedAt, o.completed_at as completedAt
         from orders o where o.completed_at >= @from and o.completed_at < @to ${onePartner('o', scope)}`,
    ).all(params(scope))) as BenchmarkDelivery[];
  });
}

/** Tickets resolved in [from, to). */
export function benchmarkRestores(db: Db, scope: BenchmarkScope): Promise<BenchmarkRestore[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select t.partner_id as partnerId, o.product_code as productCode, o.site, t.created_at as createdAt,
              t.resolved_at as resolvedAt
         from tickets t join orders o on o.id = t.order_id
        where t.resolved_at >= @from and t.resolved_at < @to ${onePartner('t', scope)}`,
    ).all(params(scope))) as BenchmarkRestore[];
  });
}

/** What frozen penalty reports billed (after caps) for outcomes final in [from, to), per currency. */
export function benchmarkPenalties(db: Db, scope: BenchmarkScope): Promise<BenchmarkPenalty[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select o.partner_id as partnerId, coalesce(ord.product_code, tord.product_code, '') as productCode,
              coalesce(ord.site, tord.site) as site, b.currency, sum(b.amount_after_caps_minor) as amountMinor
         from penalty_billed b join clock_outcomes o on o.id = b.outcome_id ${outcomeOrder}
        where b.month in (select month from penalty_reports where state = 'final')
          and o.final_at >= @from and o.final_at < @to ${onePartner('o', scope)}
        group by o.partner_id, coalesce(ord.product_code, tord.product_code, ''), coalesce(ord.site, tord.site),
                 b.currency`,
    ).all(params(scope))) as BenchmarkPenalty[];
  });
}
