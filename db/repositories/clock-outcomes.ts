import { queryAll, queryFirst, queryRun, statement } from '../execute.js';
import { and, eq, sql } from 'drizzle-orm';
import { withConnection, writeTransaction } from '../access.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { clockOutcomes, slaFacts } from '../schema.js';

export type ClockOutcomeRow = typeof clockOutcomes.$inferSelect;
export type NewClockOutcome = Omit<
  ClockOutcomeRow,
  'id' | 'revision' | 'recordedAt' | 'updatedAt' | 'breachFactId' | 'explanation'
> & { explanation?: string | null | undefined };

/** What an outcome copies from its order or ticket: references, circuit, site and the circuit's charges. */
export type OutcomeSubject = Pick<
  ClockOutcomeRow,
  | 'partnerId'
  | 'policyId'
  | 'ourReference'
  | 'partnerReference'
  | 'circuitId'
  | 'site'
  | 'monthlyChargeMinor'
  | 'installChargeMinor'
  | 'currency'
>;

type SiteJson = { line1?: string; city?: string; postcode?: string; countryCode?: string };
const siteText = (site: unknown) => {
  const s = (typeof site === 'string' ? JSON.parse(site) : site) as SiteJson;
  return [s.line1, s.city, s.postcode, s.countryCode].filter(Boolean).join(', ');
};

/**
 * The order (or the ticket and its order) an outcome belongs to; undefined when missing or without a policy. An order
 * placed without an offer has no charges: its currency is the partner's default.
 */
export function outcomeSubject(
  db: Db,
  entityType: 'order' | 'ticket',
  entityId: string,
): Promise<OutcomeSubject | undefined> {
  return withConnection(db, async () => {
    const row = (await statement(
      db,
      entityType === 'order'
        ? `select o.partner_id as partnerId, o.policy_id as policyId, o.desk_reference as ourReference,
                  o.partner_order_id as partnerReference, o.id as circuitId, o.site as site, o.monthly_charge_minor as monthly,
                  o.install_charge_minor as install, coalesce(o.currency, p.default_currency) as currency
             from orders o join partners p on p.id = o.partner_id where o.id = ?`
        : `select t.partner_id as partnerId, t.policy_id as policyId, t.desk_reference as ourReference,
                  t.partner_ticket_id as partnerReference, o.id as circuitId, o.site as site, o.monthly_charge_minor as monthly,
                  o.install_charge_minor as install, coalesce(o.currency, p.default_currency) as currency
             from tickets t join orders o on o.id = t.order_id join partners p on p.id = t.partner_id where t.id = ?`,
    ).get(entityId)) as
      | (Omit<OutcomeSubject, 'monthlyChargeMinor' | 'installChargeMinor'> & {
          monthly: number | null;
          install: number | null;
        })
      | undefined;
    if (!row?.policyId) return undefined;
    return {
      partnerId: row.partnerId,
      policyId: row.policyId,
      ourReference: row.ourReference,
      partnerReference: row.partnerReference,
      circuitId: row.circuitId,
      site: siteText(row.site),
      monthlyChargeMinor: row.monthly,
      installChargeMinor: row.install,
      currency: row.currency,
    };
  });
}

const changedWhere = sql`clock_outcomes.state is distinct from excluded.state or clock_outcomes.final_at is distinct from excluded.final_at
  or clock_outcomes.breached_at is distinct from excluded.breached_at or clock_outcomes.overrun_ms is distinct from excluded.overrun_ms
  or clock_outcomes.paused_ms is distinct from excluded.paused_ms or clock_outcomes.elapsed_ms is distinct from excluded.elapsed_ms
  or clock_outcomes.due_at is distinct from excluded.due_at or clock_outcomes.breach_fact_id is distinct from excluded.breach_fact_id`;

/**
 * Records each clock's outcome once per entity and OLA. The same outcome again changes nothing; a different one
 * replaces it and bumps `revision` (reports turn that into an adjustment when the month was frozen). Each breached
 * outcome is linked to the clock's breach fact.
 */
export function recordClockOutcomes(db: Db, outcomes: NewClockOutcome[], now: string): Promise<ClockOutcomeRow[]> {
  return writeTransaction(db, async () => {
    const recorded: ClockOutcomeRow[] = [];
    for (const o of outcomes) {
      const fact = o.breachedAt
        ? await queryFirst(
            db
              .select({ id: slaFacts.id })
              .from(slaFacts)
              .where(
                and(
                  eq(slaFacts.entityType, o.entityType),
                  eq(slaFacts.entityId, o.entityId),
                  eq(slaFacts.olaId, o.olaId),
                  eq(slaFacts.kind, 'breach'),
                ),
              ),
          )
        : undefined;
      const values = { ...o, breachFactId: fact?.id ?? null };
      // The conflict target's own columns are not updated.
      const { entityType: _type, entityId: _id, olaId: _ola, ...rest } = values;
      await queryRun(
        db
          .insert(clockOutcomes)
          .values({ id: newId('out'), ...values, revision: 1, recordedAt: now, updatedAt: now })
          .onConflictDoUpdate({
            target: [clockOutcomes.entityType, clockOutcomes.entityId, clockOutcomes.olaId],
            set: { ...rest, revision: sql`clock_outcomes.revision + 1`, updatedAt: now },
            setWhere: changedWhere,
          }),
      );
      recorded.push((await getClockOutcome(db, o.entityType, o.entityId, o.olaId))!);
    }
    return recorded;
  });
}

export function getClockOutcome(
  db: Db,
  entityType: 'order' | 'ticket',
  entityId: string,
  olaId: string,
): Promise<ClockOutcomeRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .select()
        .from(clockOutcomes)
        .where(
          and(
            eq(clockOutcomes.entityType, entityType),
            eq(clockOutcomes.entityId, entityId),
            eq(clockOutcomes.olaId, olaId),
          ),
        ),
    );
  });
}

export function outcomesForEntity(
  db: Db,
  entityType: 'order' | 'ticket',
  entityId: string,
): Promise<ClockOutcomeRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(clockOutcomes)
        .where(and(eq(clockOutcomes.entityType, entityType), eq(clockOutcomes.entityId, entityId)))
        .orderBy(clockOutcomes.olaId),
    );
  });
}
