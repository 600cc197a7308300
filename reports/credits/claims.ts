import type { Db } from '../../db/client.js';
import {
  changeCreditClaim,
  claimableLines,
  claimsOfLines,
  getCreditClaim,
  insertClaims,
  isFinalMonth,
  type CreditClaimRow,
} from '../../db/repositories/credit-claims.js';
import type { CreditClaimState } from '../../db/schema.js';
import type { Refusal } from '../service.js';

/*
 * Credits collected: a finalized penalty line is owed until finance claims it from the carrier; the carrier then
 * acknowledges or disputes it, and it ends settled (a credit note) or written off. Every step is dated (the day it
 * happened, which finance may enter after the fact) and names who recorded it.
 */

export type ClaimLinesInput = {
  month: string;
  partnerId: string;
  /** The lines to claim; all the partner's owed lines of the month when absent. */
  lineIds?: string[] | undefined;
  claimReference: string;
  claimedOn: string;
  by: string;
  now: Date;
};

/**
 * Claims a final month's lines from their carrier under one claim reference. Lines already claimed under the same
 * reference count as claimed (a retried request answers the same claims); under another reference they conflict.
 * Only lines with an amount are claimable: a waived or capped-away line is zero, and a negative adjustment (a breach
 * waived after its month froze) lowers what is owed rather than being claimed.
 */
export async function claimLines(db: Db, input: ClaimLinesInput): Promise<CreditClaimRow[] | Refusal> {
  if (!(await isFinalMonth(db, input.month)))
    return { refused: 'conflict', message: `the ${input.month} report is not final; finalize it before claiming` };
  const lines = await claimableLines(db, input.month, input.partnerId);
  const byId = new Map(lines.map((l) => [l.lineId, l]));
  const unknown = (input.lineIds ?? []).filter((id) => !byId.has(id));
  if (unknown.length > 0)
    return {
      refused: 'unprocessable',
      message: `not lines of ${input.partnerId} in the final ${input.month} report: ${unknown.join(', ')}`,
      field: 'lineIds',
    };
  const wanted = input.lineIds
    ? input.lineIds.map((id) => byId.get(id)!)
    : lines.filter((l) => l.amountMinor > 0 && (l.claimState === null || l.claimReference === input.claimReference));
  const zero = wanted.filter((l) => l.amountMinor <= 0).map((l) => l.lineId);
  if (zero.length > 0)
    return {
      refused: 'unprocessable',
      message: `lines with nothing to claim: ${zero.join(', ')}`,
      field: 'lineIds',
    };
  if (wanted.length === 0)
    return { refused: 'conflict', message: `${input.partnerId} has no owed line left in ${input.month}` };
  const at = input.now.toISOString();
  await insertClaims(
    db,
    wanted
      .filter((l) => l.claimState === null)
      .map((l) => ({
        month: input.month,
        lineId: l.lineId,
        partnerId: l.partnerId,
        entityType: l.entityType,
        entityId: l.entityId,
        breachId: l.breachId,
        olaId: l.olaId,
        ourReference: l.ourReference,
        carrierOrderRef: l.carrierOrderRef,
        carrierCircuitRef: l.carrierCircuitRef,
        amountMinor: l.amountMinor,
        currency: l.currency,
        state: 'claimed' as const,
        claimReference: input.claimReference,
        claimedOn: input.claimedOn,
        claimedBy: input.by,
        acknowledgedOn: null,
        disputeReason: null,
        disputedOn: null,
        creditNoteReference: null,
        receivedMinor: null,
        settledOn: null,
        writeOffReason: null,
        writtenOffOn: null,
        importId: null,
        updatedBy: input.by,
        updatedAt: at,
      })),
  );
  const claims = await claimsOfLines(
    db,
    input.month,
    wanted.map((l) => l.lineId),
  );
  const elsewhere = claims.filter((c) => c.claimReference !== input.claimReference);
  if (elsewhere.length > 0)
    return {
      refused: 'conflict',
      message: `already claimed under another reference: ${elsewhere.map((c) => `${c.lineId} (${c.claimReference})`).join(', ')}`,
    };
  return claims;
}

/** A step in a claim's life after it was claimed, as finance records it. */
export type ClaimStep =
  | { step: 'acknowledge'; on: string }
  | { step: 'dispute'; on: string; reason: string }
  | { step: 'settle'; on: string; creditNoteReference: string; receivedMinor: number }
  | { step: 'writeOff'; on: string; reason: string };

/** Which states each step may leave from. */
const stepFrom: Record<ClaimStep['step'], readonly CreditClaimState[]> = {
  acknowledge: ['claimed'],
  dispute: ['claimed', 'acknowledged'],
  settle: ['claimed', 'acknowledged', 'disputed'],
  writeOff: ['claimed', 'acknowledged', 'disputed'],
};

function patchOf(step: ClaimStep): Partial<CreditClaimRow> {
  switch (step.step) {
    case 'acknowledge':
      return { state: 'acknowledged', acknowledgedOn: step.on };
    case 'dispute':
      return { state: 'disputed', disputedOn: step.on, disputeReason: step.reason };
    case 'settle':
      return {
        state: 'settled',
        settledOn: step.on,
        creditNoteReference: step.creditNoteReference,
        receivedMinor: step.receivedMinor,
      };
    case 'writeOff':
      return { state: 'writtenOff', writtenOffOn: step.on, writeOffReason: step.reason };
  }
}

/** Records one step of a claim; refused (409) when the claim's state does not allow it. */
export async function changeClaim(
  db: Db,
  input: { id: string; change: ClaimStep; by: string; now: Date },
): Promise<CreditClaimRow | Refusal> {
  const claim = await getCreditClaim(db, input.id);
  if (!claim) return { refused: 'not_found', message: `no credit claim ${input.id}` };
  const { change } = input;
  if (change.step === 'settle' && change.receivedMinor > claim.amountMinor)
    return {
      refused: 'unprocessable',
      message: `received ${change.receivedMinor} is more than the ${claim.amountMinor} claimed`,
      field: 'receivedMinor',
    };
  const changed = await changeCreditClaim(db, input.id, stepFrom[change.step], {
    ...patchOf(change),
    updatedBy: input.by,
    updatedAt: input.now.toISOString(),
  });
  if (changed) return changed;
  const now = await getCreditClaim(db, input.id);
  return { refused: 'conflict', message: `claim ${input.id} is ${now?.state}; it cannot ${change.step} from there` };
}
