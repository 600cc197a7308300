import { and, eq, inArray } from 'drizzle-orm';
import { queryAll, queryFirst, statement } from '../execute.js';
import { withConnection, writeTransaction } from '../access.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { creditClaimStates, creditClaims, type CreditClaimState } from '../schema.js';

export type CreditClaimRow = typeof creditClaims.$inferSelect;

/** A finalized penalty line of one partner, with the carrier's references and its claim (null: owed, unclaimed). */
export type ClaimableLine = {
  month: string;
  lineId: string;
  kind: 'breach' | 'adjustment';
  partnerId: string;
  entityType: 'order' | 'ticket';
  entityId: string;
  breachId: string;
  olaId: string;
  ourReference: string;
  carrierOrderRef: string | null;
  carrierCircuitRef: string | null;
  dueAt: string | null;
  finalAt: string;
  amountMinor: number;
  currency: string;
  claimId: string | null;
  claimState: CreditClaimState | null;
  claimReference: string | null;
};

/*
 * A final month's lines of one partner: its lines are contiguous (line numbers from the month's totals). The carrier's
 * references come from the order (a ticket's, from the order it was raised on), as it holds them now.
 */
const claimableSelect = `select @month as month, l.line_id as lineId, l.kind, l.partner_id as partnerId,
    l.entity_type as entityType, l.entity_id as entityId, l.breach_id as breachId, l.ola_id as olaId,
    l.our_reference as ourReference, coalesce(o.partner_order_id, l.partner_reference) as carrierOrderRef,
    o.carrier_circuit_ref as carrierCircuitRef, l.due_at as dueAt, l.final_at as finalAt,
    l.amount_after_caps_minor as amountMinor, l.currency, c.id as claimId, c.state as claimState,
    c.claim_reference as claimReference
  from penalty_reports r
  join penalty_report_lines l on l.build_id = r.build_id
  left join tickets t on l.entity_type = 'ticket' and t.id = l.entity_id
  left join orders o on o.id = coalesce(t.order_id, l.entity_id)
  left join credit_claims c on c.month = r.month and c.line_id = l.line_id
  where r.month = @month and r.state = 'final' and l.partner_id = @partnerId
    and l.line_no between (select min(first_line_no) from penalty_report_totals where month = @month and partner_id = @partnerId)
      and (select max(last_line_no) from penalty_report_totals where month = @month and partner_id = @partnerId)`;

export function claimableLines(db: Db, month: string, partnerId: string): Promise<ClaimableLine[]> {
  return withConnection(db, async () => {
    return (await statement(db, `${claimableSelect} order by l.line_no`).all({ month, partnerId })) as ClaimableLine[];
  });
}

/** Whether the month's report is final (claims are made only on frozen lines). */
export async function isFinalMonth(db: Db, month: string): Promise<boolean> {
  return withConnection(db, async () => {
    const row = await statement(db, `select state from penalty_reports where month = ?`).get(month);
    return (row as { state?: string } | undefined)?.state === 'final';
  });
}

/** Inserts claims for lines nobody claimed yet, in one transaction; lines claimed already are left as they are. */
export function insertClaims(db: Db, rows: Omit<CreditClaimRow, 'id'>[]): Promise<CreditClaimRow[]> {
  return writeTransaction(db, async () => {
    const inserted: CreditClaimRow[] = [];
    for (const row of rows) {
      const claim = await queryFirst(
        db
          .insert(creditClaims)
          .values({ id: newId('clm'), ...row })
          .onConflictDoNothing()
          .returning(),
      );
      if (claim) inserted.push(claim);
    }
    return inserted;
  });
}

export function claimsOfLines(db: Db, month: string, lineIds: string[]): Promise<CreditClaimRow[]> {
  if (lineIds.length === 0) return Promise.resolve([]);
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(creditClaims)
        .where(and(eq(creditClaims.month, month), inArray(creditClaims.lineId, lineIds))),
    );
  });
}

export function getCreditClaim(db: Db, id: string): Promise<CreditClaimRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(db.select().from(creditClaims).where(eq(creditClaims.id, id)));
  });
}

/** Moves a claim on only from one of `from` (so two people answering at once cannot both move it); undefined if not. */
export function changeCreditClaim(
  db: Db,
  id: string,
  from: readonly CreditClaimState[],
  patch: Partial<Omit<CreditClaimRow, 'id'>>,
): Promise<CreditClaimRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .update(creditClaims)
        .set(patch)
        .where(and(eq(creditClaims.id, id), inArray(creditClaims.state, [...from])))
        .returning(),
    );
  });
}

/** Claims, oldest claimed first (then id), optionally one partner's and in some states; `afterId` continues a page. */
export function listCreditClaims(
  db: Db,
  f: { partnerId?: string | undefined; states?: readonly CreditClaimState[]; limit: number; afterId?: string },
): Promise<CreditClaimRow[]> {
  return withConnection(db, async () => {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: f.limit };
    if (f.partnerId) {
      where.push('partner_id = @partnerId');
      params.partnerId = f.partnerId;
    }
    // States are spelled into the SQL, so only the known ones are.
    const states = (f.states ?? []).filter((s) => creditClaimStates.includes(s));
    if (states.length > 0) where.push(`state in (${states.map((s) => `'${s}'`).join(', ')})`);
    if (f.afterId) {
      where.push('(claimed_on, id) > (select claimed_on, id from credit_claims where id = @afterId)');
      params.afterId = f.afterId;
    }
    const rows = (await statement(
      db,
      `select id from credit_claims ${where.length ? `where ${where.join(' and ')}` : ''}
        order by claimed_on, id limit @limit`,
    )
      .pluck<string>()
      .all(params)) as string[];
    if (rows.length === 0) return [];
    const claims = await queryAll(db.select().from(creditClaims).where(inArray(creditClaims.id, rows)));
    const byId = new Map(claims.map((c) => [c.id, c]));
    return rows.map((id) => byId.get(id)!);
  });
}

/** Every claim of a partner (a credit-note import matches against them all). */
export function partnerClaims(db: Db, partnerId: string): Promise<CreditClaimRow[]> {
  return withConnection(db, async () => {
    return await queryAll(db.select().from(creditClaims).where(eq(creditClaims.partnerId, partnerId)));
  });
}
