import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { slaFacts } from '../schema.js';

export type SlaFactRow = typeof slaFacts.$inferSelect;
export type NewSlaFact = Omit<SlaFactRow, 'id'>;

/**
 * Records facts once each (per entity, OLA, kind and threshold) and returns the stored row of every one given,
 * whether new or recorded by an earlier (perhaps interrupted) attempt.
 */
export function recordSlaFacts(db: Db, facts: NewSlaFact[]): SlaFactRow[] {
  return db.transaction((tx) =>
    facts.map((fact) => {
      tx.insert(slaFacts).values({ id: newId('fct'), ...fact }).onConflictDoNothing().run();
      return tx
        .select()
        .from(slaFacts)
        .where(
          and(
            eq(slaFacts.entityType, fact.entityType), eq(slaFacts.entityId, fact.entityId), eq(slaFacts.olaId, fact.olaId),
            eq(slaFacts.kind, fact.kind), eq(slaFacts.threshold, fact.threshold),
          ),
        )
        .get()!;
    }),
  );
}

export function factsForEntity(db: Db, entityType: 'order' | 'ticket', entityId: string): SlaFactRow[] {
  return db
    .select()
    .from(slaFacts)
    .where(and(eq(slaFacts.entityType, entityType), eq(slaFacts.entityId, entityId)))
    .orderBy(slaFacts.at)
    .all();
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

/** Breaches, newest first, keyset-paginated on (at, id). */
export function listBreaches(db: Db, f: BreachFilter): SlaFactRow[] {
  const where = and(
    eq(slaFacts.kind, 'breach'),
    f.partnerId ? eq(slaFacts.partnerId, f.partnerId) : undefined,
    f.entityType ? eq(slaFacts.entityType, f.entityType) : undefined,
    f.metric ? eq(slaFacts.metric, f.metric) : undefined,
    f.from ? gte(slaFacts.at, f.from) : undefined,
    f.to ? lte(slaFacts.at, f.to) : undefined,
    f.before ? sql`(${slaFacts.at}, ${slaFacts.id}) < (${f.before.at}, ${f.before.id})` : undefined,
  );
  return db.select().from(slaFacts).where(where).orderBy(desc(slaFacts.at), desc(slaFacts.id)).limit(f.limit).all();
}

/** Entities with a jeopardy (ours or the carrier's) recorded and no breach yet on that OLA: the candidates at risk. */
export function entitiesInJeopardy(db: Db, partnerId: string | undefined): { entityType: 'order' | 'ticket'; entityId: string }[] {
  const rows = db.$client
    .prepare(
      `select distinct j.entity_type as entityType, j.entity_id as entityId
         from sla_facts j
        where j.kind in ('jeopardy', 'carrierJeopardy') and (? is null or j.partner_id = ?)
          and not exists (select 1 from sla_facts b where b.kind = 'breach' and b.entity_type = j.entity_type
                            and b.entity_id = j.entity_id and b.ola_id = j.ola_id)`,
    )
    .all(partnerId ?? null, partnerId ?? null);
  return rows as { entityType: 'order' | 'ticket'; entityId: string }[];
}

