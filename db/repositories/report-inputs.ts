import { statement } from '../execute.js';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';

/** What the report builder reads: breach outcomes, late news about frozen months, prior totals, waivers. */

/** What pricing needs of an outcome; a line's descriptive columns are copied from clock_outcomes when it is staged. */
export type OutcomeForReport = {
  /** clock_outcomes.rowid: how a staged line finds its outcome's row. */
  rowid: number;
  id: string;
  revision: number;
  breachFactId: string | null;
  partnerId: string;
  circuitId: string;
  policyId: string;
  policyVersion: number;
  clause: string | null;
  calendar: string;
  state: string;
  dueAt: string | null;
  finalAt: string;
  elapsedMs: number;
  overrunMs: number;
  pausedMs: number;
  monthlyChargeMinor: number | null;
  installChargeMinor: number | null;
  currency: string | null;
};

const outcomeColumns = `o.rowid, o.id, o.revision, o.breach_fact_id as breachFactId, o.partner_id as partnerId, o.circuit_id as circuitId,
  o.policy_id as policyId, o.policy_version as policyVersion, o.clause, o.calendar, o.state, o.due_at as dueAt, o.final_at as finalAt,
  o.elapsed_ms as elapsedMs, o.overrun_ms as overrunMs, o.paused_ms as pausedMs, o.monthly_charge_minor as monthlyChargeMinor,
  o.install_charge_minor as installChargeMinor, o.currency`;

/**
 * penalty_billed rows of frozen months: a finalization copies a draft's rows in short transactions before it freezes
 * the month, so rows of a month that is not final are not (yet) billed.
 */
const frozenMonth = "b.month in (select month from penalty_reports where state = 'final')";
const billedInFinal = `select 1 from penalty_billed b where b.outcome_id = o.id and ${frozenMonth}`;

// partner_id and state are not read: they are the query's own (the partner asked for, 'breached').
const rawColumns = `o.rowid, o.id, o.revision, o.breach_fact_id, o.circuit_id, o.policy_id, o.policy_version, o.clause, o.calendar, o.due_at,
  o.final_at, o.elapsed_ms, o.overrun_ms, o.paused_ms, o.monthly_charge_minor, o.install_charge_minor, o.currency`;
type RawOutcome = [
  number,
  string,
  number,
  string | null,
  string,
  string,
  number,
  string | null,
  string,
  string | null,
  string,
  number,
  number,
  number,
  number | null,
  number | null,
  string | null,
];

/** Where a page of a partner's breaches ended: the next page starts after this (final_at, id). */
export type OutcomeCursor = { finalAt: string; id: string };

/**
 * A page of a partner's breaches that became final in [startsAt, endsAt), in (final_at, id) order, after `after`
 * (keyset: clock_outcomes_partner_final_idx). Outcomes already billed in a frozen report (their final instant moved
 * since) are left out: they come back as adjustments.
 * Rows come back as arrays (twice as fast as letting the driver name each column) and are made into objects one at a
 * time. The few distinct policy ids, clauses, calendars and currencies are shared through `shared` (kept by the caller
 * across pages), not one string per row: a partner's outcomes are all held until its lines are staged.
 */
export function breachOutcomesPage(
  db: Db,
  partnerId: string,
  period: { startsAt: string; endsAt: string },
  after: OutcomeCursor | null,
  limit: number,
  shared: Map<string, string>,
): Promise<OutcomeForReport[]> {
  return withConnection(db, async () => {
    const page = statement(
      db,
      `select ${rawColumns} from clock_outcomes o
        where o.partner_id = @partnerId and o.state = 'breached' and o.final_at >= @startsAt and o.final_at < @endsAt
          and (cast(@afterFinalAt as text) is null or o.final_at > @afterFinalAt or (o.final_at = @afterFinalAt and o.id > @afterId))
          and not exists (${billedInFinal})
        order by o.final_at, o.id limit @limit`,
    ).raw();
    const share = <T extends string | null>(s: T): T => {
      if (s === null) return s;
      const known = shared.get(s);
      if (known !== undefined) return known as T;
      shared.set(s, s);
      return s;
    };
    const outcomes: OutcomeForReport[] = [];
    const params = {
      partnerId,
      startsAt: period.startsAt,
      endsAt: period.endsAt,
      afterFinalAt: after?.finalAt ?? null,
      afterId: after?.id ?? null,
      limit,
    };
    for (const r of (await page.all(params)) as RawOutcome[]) {
      outcomes.push({
        rowid: r[0],
        id: r[1],
        revision: r[2],
        breachFactId: r[3],
        partnerId,
        circuitId: r[4],
        policyId: share(r[5]),
        policyVersion: r[6],
        clause: share(r[7]),
        calendar: share(r[8]),
        state: 'breached',
        dueAt: r[9],
        finalAt: r[10],
        elapsedMs: r[11],
        overrunMs: r[12],
        pausedMs: r[13],
        monthlyChargeMinor: r[14],
        installChargeMinor: r[15],
        currency: share(r[16]),
      });
    }
    return outcomes;
  });
}

export type BilledOutcome = OutcomeForReport & {
  /** Sum of its lines (original and adjustments) in frozen reports. */
  billedMinor: number;
  billedCurrency: string | null;
  lastBilledMonth: string | null;
  originalLineId: string | null;
};

/**
 * Outcomes a frozen report (of a month in [fromMonth, beforeMonth)) may owe a difference on: ones that became final
 * in its period or were billed in it, and changed or were waived after the draft it froze was generated (before or
 * after the freeze: its lines hold neither). Read from the months' late news (report_late_news, kept as changes
 * happen), so a build costs what changed, not every frozen month's outcomes.
 */
export function lateNews(db: Db, fromMonth: string, beforeMonth: string): Promise<BilledOutcome[]> {
  return withConnection(db, async () => {
    const billed = `from penalty_billed b where b.outcome_id = o.id and ${frozenMonth}`;
    return (await statement(
      db,
      `with frozen as (select month, period_start, period_end, generated_at from penalty_reports
                        where state = 'final' and month >= @from and month < @before)
       select ${outcomeColumns},
              coalesce((select sum(b.amount_after_caps_minor) ${billed}), 0) as billedMinor,
              (select b.currency ${billed} limit 1) as billedCurrency,
              (select max(b.month) ${billed}) as lastBilledMonth,
              (select b.line_id ${billed} and b.kind = 'breach' order by b.month limit 1) as originalLineId
         from clock_outcomes o
        where o.id in (select outcome_id from report_late_news where month >= @from and month < @before)
          and exists (select 1 from frozen f
                       where ((o.final_at >= f.period_start and o.final_at < f.period_end)
                              or exists (select 1 from penalty_billed b where b.month = f.month and b.outcome_id = o.id))
                         and (o.updated_at > f.generated_at
                              or exists (select 1 from breach_waivers w
                                          where w.breach_fact_id = o.breach_fact_id and w.waived_at > f.generated_at)))
        order by o.partner_id, o.final_at, o.id`,
    ).all({ from: fromMonth, before: beforeMonth })) as BilledOutcome[];
  });
}

/** Months that are frozen, ascending. */
export function finalMonths(db: Db): Promise<string[]> {
  return withConnection(db, async () => {
    return (await statement(db, `select month from penalty_reports where state = 'final' order by month`)
      .pluck()
      .all()) as string[];
  });
}

/** What a partner's reports of months in [fromMonth, beforeMonth) came to after caps, per currency. */
export function priorTotals(
  db: Db,
  partnerId: string,
  fromMonth: string,
  beforeMonth: string,
): Promise<Record<string, number>> {
  return withConnection(db, async () => {
    const rows = (await statement(
      db,
      `select currency, sum(amount_after_caps_minor) as total from penalty_report_totals
        where partner_id = ? and month >= ? and month < ? group by currency`,
    ).all(partnerId, fromMonth, beforeMonth)) as { currency: string; total: number }[];
    return Object.fromEntries(rows.map((r) => [r.currency, r.total]));
  });
}

export type WaiverRef = { id: string; reason: string };

/**
 * Adds to `into` the waivers of these breach facts that it does not hold yet (one indexed lookup each,
 * breach_waivers_breach_uq): a build reads the waivers of the breaches it prices, not every waiver ever made.
 */
export async function addWaiversOf(
  db: Db,
  breachFactIds: readonly (string | null)[],
  into: Map<string, WaiverRef>,
): Promise<void> {
  const wanted = [...new Set(breachFactIds)].filter((id): id is string => id !== null && !into.has(id));
  if (wanted.length === 0) return;
  await withConnection(db, async () => {
    // The members of a JSON array parameter: json_each on SQLite, json_array_elements_text on PostgreSQL.
    const rows = (await statement(db, {
      sqlite: `select breach_fact_id as breachFactId, id, reason from breach_waivers
                where breach_fact_id in (select value from json_each(?))`,
      postgres: `select breach_fact_id as breachFactId, id, reason from breach_waivers
                  where breach_fact_id in (select json_array_elements_text(cast(? as json)))`,
    }).all(JSON.stringify(wanted))) as ({ breachFactId: string } & WaiverRef)[];
    for (const r of rows) into.set(r.breachFactId, { id: r.id, reason: r.reason });
  });
}
