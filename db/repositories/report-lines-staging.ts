import { isPostgres, statement } from '../execute.js';
import { withConnection, writeTransaction } from '../access.js';
import type { Db } from '../client.js';

/*
 * A build's lines, staged a batch per transaction under a build no reader sees yet (report-builds.ts makes it
 * current). Each line copies its outcome's descriptive columns from clock_outcomes, and only while the outcome is
 * still the revision that was priced.
 */

/** The columns a staged line fills, both stores' statements alike. */
const insertLines = `insert into penalty_report_lines (build_id, line_no, line_id, kind, adjusts_line_id, outcome_id,
    outcome_revision, breach_id, partner_id, entity_type, entity_id, our_reference, partner_reference, circuit_id, site,
    ola_id, metric, policy_version, due_at, final_at, target_ms, actual_ms, paused_ms, clause, clause_kind, unit,
    overrun_units, chargeable_units, rate, amount_before_caps_minor, amount_after_breach_cap_minor,
    amount_after_caps_minor, currency, capped_by, waiver_id, waiver_reason, explanation)`;

/**
 * A priced line as the builder stages it: what pricing decided, and the outcome it prices (clock_outcomes rowid, id
 * and revision). The outcome's descriptive columns (references, circuit, site, instants, durations) are copied by
 * SQLite from its row, so a line is bound as a few values, not 37.
 */
export type StagedLine = [
  lineNo: number,
  lineId: string,
  kind: 'breach' | 'adjustment',
  adjustsLineId: string | null,
  outcomeRowid: number,
  outcomeId: string,
  outcomeRevision: number,
  clauseKind: string | null,
  unit: string | null,
  overrunUnits: number,
  chargeableUnits: number,
  rate: string | null,
  amountBeforeCapsMinor: number,
  amountAfterBreachCapMinor: number,
  amountAfterCapsMinor: number,
  currency: string,
  cappedBy: string | null,
  waiverId: string | null,
  waiverReason: string | null,
  explanation: string,
];

/** An outcome changed (or went) between being priced and its line being staged: the build must start again. */
export class ReportInputsChanged extends Error {}

// On SQLite one line per run: it copies the outcome's descriptive columns from its row (found by rowid, and only while
// its id and revision are still the ones priced). Measured against one JSONB text per batch read back with
// jsonb_each: about 1.5 µs a line cheaper, and no batch-sized JSON text is built in JS or copied into SQLite.
const stageSql = `${insertLines}
  select ?, ?, ?, ?, ?, o.id, o.revision, coalesce(o.breach_fact_id, o.id),
    o.partner_id, o.entity_type, o.entity_id, o.our_reference, o.partner_reference, o.circuit_id, o.site, o.ola_id, o.metric, o.policy_version,
    o.due_at, o.final_at, o.target_ms, o.elapsed_ms, o.paused_ms, o.clause, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
    -- The clock's own account of its instants (which start, which stop, and why) before the pricing's.
    coalesce(o.explanation || ' ', '') || ?
  from clock_outcomes o where o.rowid = ? and o.id = ? and o.revision = ?`;

async function stageOnSqlite(db: Db, buildId: number, lines: readonly StagedLine[]): Promise<number> {
  const stage = statement(db, stageSql);
  let staged = 0;
  for (const l of lines) {
    staged += (
      await stage.run(
        buildId,
        l[0],
        l[1],
        l[2],
        l[3],
        l[7],
        l[8],
        l[9],
        l[10],
        l[11],
        l[12],
        l[13],
        l[14],
        l[15],
        l[16],
        l[17],
        l[18],
        l[19],
        l[4],
        l[5],
        l[6],
      )
    ).changes;
  }
  return staged;
}

/** A staged line's columns, in StagedLine's order, and their types on PostgreSQL. */
const stagedColumns = [
  ['line_no', 'bigint'],
  ['line_id', 'text'],
  ['kind', 'text'],
  ['adjusts_line_id', 'text'],
  ['outcome_rowid', 'bigint'],
  ['outcome_id', 'text'],
  ['outcome_revision', 'bigint'],
  ['clause_kind', 'text'],
  ['unit', 'text'],
  ['overrun_units', 'double precision'],
  ['chargeable_units', 'bigint'],
  ['rate', 'text'],
  ['amount_before_caps_minor', 'bigint'],
  ['amount_after_breach_cap_minor', 'bigint'],
  ['amount_after_caps_minor', 'bigint'],
  ['currency', 'text'],
  ['capped_by', 'text'],
  ['waiver_id', 'text'],
  ['waiver_reason', 'text'],
  ['explanation', 'text'],
] as const;

// On PostgreSQL a statement per line is a round trip per line: the whole batch goes as one JSON parameter instead,
// joined to the outcomes it copies from under the same conditions as on SQLite. Each line goes as the array it is
// (StagedLine), not as a record: no object per line to build and no column names repeated in the text, which on the
// 1,000,000-line stress run is most of what a build allocates.
const stageBatchSql = `${insertLines}
  select ?, v.line_no, v.line_id, v.kind, v.adjusts_line_id, o.id, o.revision, coalesce(o.breach_fact_id, o.id),
    o.partner_id, o.entity_type, o.entity_id, o.our_reference, o.partner_reference, o.circuit_id, o.site, o.ola_id, o.metric, o.policy_version,
    o.due_at, o.final_at, o.target_ms, o.elapsed_ms, o.paused_ms, o.clause, v.clause_kind, v.unit, v.overrun_units, v.chargeable_units,
    v.rate, v.amount_before_caps_minor, v.amount_after_breach_cap_minor, v.amount_after_caps_minor, v.currency, v.capped_by, v.waiver_id,
    v.waiver_reason, coalesce(o.explanation || ' ', '') || v.explanation
  from (select ${stagedColumns.map(([name, type], i) => `cast(e->>${i} as ${type}) as ${name}`).join(', ')}
          from jsonb_array_elements(cast(? as jsonb)) as e) as v
  join clock_outcomes o on o.rowid = v.outcome_rowid and o.id = v.outcome_id and o.revision = v.outcome_revision`;

async function stageOnPostgres(db: Db, buildId: number, lines: readonly StagedLine[]): Promise<number> {
  if (lines.length === 0) return 0;
  return (await statement(db, stageBatchSql).run(buildId, JSON.stringify(lines))).changes;
}

/**
 * Writes a batch of a build's lines in one transaction, and beats its heart. Throws ReportInputsChanged when an
 * outcome was revised (or went) since it was priced: its line finds no row to copy.
 */
export function stageReportLines(db: Db, buildId: number, lines: readonly StagedLine[], now: string): Promise<void> {
  return withConnection(db, async () => {
    await writeTransaction(db, async () => {
      const alive = await statement(
        db,
        `update penalty_report_builds set heartbeat_at = ? where id = ? and state = 'building'`,
      ).run(now, buildId);
      if (alive.changes !== 1) throw new Error(`report build ${buildId} is no longer building`);
      const staged = isPostgres(db)
        ? await stageOnPostgres(db, buildId, lines)
        : await stageOnSqlite(db, buildId, lines);
      if (staged !== lines.length)
        throw new ReportInputsChanged(
          `${lines.length - staged} breach outcome(s) changed while the report was being built`,
        );
    });
  });
}
