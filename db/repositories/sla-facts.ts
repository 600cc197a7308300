import { isPostgres, queryAll, queryFirst, queryRun, statement } from '../execute.js';
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { withConnection, writeTransaction } from '../access.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { clockOutcomes, slaFacts } from '../schema.js';

export type SlaFactRow = typeof slaFacts.$inferSelect;
export type NewSlaFact = Omit<SlaFactRow, 'id'>;

/**
 * Records facts once each (per entity, OLA, kind and threshold) and returns the stored row of every one given,
 * whether new or recorded by an earlier (perhaps interrupted) attempt.
 */
export function recordSlaFacts(db: Db, facts: NewSlaFact[]): Promise<SlaFactRow[]> {
  return writeTransaction(db, async () => {
    const stored: SlaFactRow[] = [];
    for (const fact of facts) {
      await queryRun(
        db
          .insert(slaFacts)
          .values({ id: newId('fct'), ...fact })
          .onConflictDoNothing(),
      );
      stored.push(
        (await queryFirst(
          db
            .select()
            .from(slaFacts)
            .where(
              and(
                eq(slaFacts.entityType, fact.entityType),
                eq(slaFacts.entityId, fact.entityId),
                eq(slaFacts.olaId, fact.olaId),
                eq(slaFacts.kind, fact.kind),
                eq(slaFacts.threshold, fact.threshold),
              ),
            ),
        ))!,
      );
    }
    return stored;
  });
}

export function factsForEntity(db: Db, entityType: 'order' | 'ticket', entityId: string): Promise<SlaFactRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(slaFacts)
        .where(and(eq(slaFacts.entityType, entityType), eq(slaFacts.entityId, entityId)))
        .orderBy(slaFacts.at),
    );
  });
}

export type BreachFilter = {
  partnerId?: string | undefined;
  entityType?: 'order' | 'ticket' | undefined;
  metric?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: { at: string; id: string } | undefined;
  limit: number;
};

export type BreachRow = Omit<SlaFactRow, 'kind' | 'threshold' | 'detail'> & {
  /** False when the final outcome was met after all (a stop claimed, within its bounds, before the due instant). */
  standing: boolean;
  /** The final outcome's explanation, else the one recorded with the breach. */
  explanation: string | null;
};

/** Breaches, newest first, keyset-paginated on (at, id), each with whether it still stands. */
export function listBreaches(db: Db, f: BreachFilter): Promise<BreachRow[]> {
  return withConnection(db, async () => {
    const where = and(
      eq(slaFacts.kind, 'breach'),
      f.partnerId ? eq(slaFacts.partnerId, f.partnerId) : undefined,
      f.entityType ? eq(slaFacts.entityType, f.entityType) : undefined,
      f.metric ? eq(slaFacts.metric, f.metric) : undefined,
      f.from ? gte(slaFacts.at, f.from) : undefined,
      f.to ? lte(slaFacts.at, f.to) : undefined,
      f.before ? sql`(${slaFacts.at}, ${slaFacts.id}) < (${f.before.at}, ${f.before.id})` : undefined,
    );
    const outcome = and(
      eq(clockOutcomes.entityType, slaFacts.entityType),
      eq(clockOutcomes.entityId, slaFacts.entityId),
      eq(clockOutcomes.olaId, slaFacts.olaId),
    );
    return await queryAll(
      db
        .select({
          id: slaFacts.id,
          entityType: slaFacts.entityType,
          entityId: slaFacts.entityId,
          partnerId: slaFacts.partnerId,
          olaId: slaFacts.olaId,
          metric: slaFacts.metric,
          policyVersion: slaFacts.policyVersion,
          at: slaFacts.at,
          dueAt: slaFacts.dueAt,
          detectedAt: slaFacts.detectedAt,
          standing: sql<number>`coalesce(${clockOutcomes.state}, 'breached') = 'breached'`.mapWith(Boolean),
          explanation: sql<string | null>`coalesce(${clockOutcomes.explanation}, ${slaFacts.detail})`,
        })
        .from(slaFacts)
        .leftJoin(clockOutcomes, outcome)
        .where(where)
        .orderBy(desc(slaFacts.at), desc(slaFacts.id))
        .limit(f.limit),
    );
  });
}

/**
 * Entities with a jeopardy (ours, predicted, or the carrier's) recorded and no breach yet on that OLA: the candidates
 * at risk, earliest recorded due instant first (a carrier's own jeopardy, which has none, before all). `dueKey` is that
 * instant ('' for none): a clock's due instant only moves later with pauses, so it bounds what a candidate can show.
 */
export function entitiesInJeopardy(
  db: Db,
  partnerId: string | undefined,
): Promise<{ entityType: 'order' | 'ticket'; entityId: string; dueKey: string }[]> {
  return withConnection(db, async () => {
    // Two texts rather than "(? is null or partner_id = ?)", which would keep SQLite off the partner index.
    const rows = await statement(
      db,
      `select j.entity_type as entityType, j.entity_id as entityId, min(coalesce(j.due_at, '')) as dueKey
         from sla_facts j
        where j.kind in ('jeopardy', 'carrierJeopardy', 'predictedJeopardy') ${partnerId === undefined ? '' : 'and j.partner_id = @partnerId'}
          and not exists (select 1 from sla_facts b where b.kind = 'breach' and b.entity_type = j.entity_type
                            and b.entity_id = j.entity_id and b.ola_id = j.ola_id)
        group by j.entity_type, j.entity_id order by dueKey, j.entity_id`,
    ).all(partnerId === undefined ? {} : { partnerId });
    return rows as { entityType: 'order' | 'ticket'; entityId: string; dueKey: string }[];
  });
}

/**
 * Breaches on orders and tickets that are still open (not in one of the given final states), newest first, one
 * page (limit and offset). A fact's order or ticket is looked up by primary key as the breaches are walked.
 */
export function breachesOnOpenEntities(
  db: Db,
  f: {
    partnerId?: string | undefined;
    finalOrderStates: readonly string[];
    finalTicketStatuses: readonly string[];
    limit: number;
    offset: number;
  },
): Promise<SlaFactRow[]> {
  return withConnection(db, async () => {
    // The members of a JSON array parameter: json_each on SQLite, json_array_elements_text on PostgreSQL.
    const listOf = (param: string) =>
      isPostgres(db)
        ? `select json_array_elements_text(cast(${param} as json))`
        : `select value from json_each(${param})`;
    const orderStates = JSON.stringify(f.finalOrderStates);
    const ticketStatuses = JSON.stringify(f.finalTicketStatuses);
    return (await statement(
      db,
      `select f.id, f.entity_type as entityType, f.entity_id as entityId, f.partner_id as partnerId, f.ola_id as olaId, f.metric,
              f.policy_version as policyVersion, f.kind, f.threshold, f.at, f.due_at as dueAt, f.detected_at as detectedAt, f.detail
         from sla_facts f
        where f.kind = 'breach' ${f.partnerId === undefined ? '' : 'and f.partner_id = @partnerId'}
          and case f.entity_type
                when 'order' then (select o.state from orders o where o.id = f.entity_id) not in (${listOf('@orderStates')})
                else (select t.status from tickets t where t.id = f.entity_id) not in (${listOf('@ticketStatuses')})
              end
        order by f.at desc, f.id desc limit @limit offset @offset`,
    ).all({
      ...(f.partnerId === undefined ? {} : { partnerId: f.partnerId }),
      orderStates,
      ticketStatuses,
      limit: f.limit,
      offset: f.offset,
    })) as SlaFactRow[];
  });
}
