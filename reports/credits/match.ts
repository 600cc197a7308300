import type { CreditClaimRow } from '../../db/repositories/credit-claims.js';
import type { CreditNoteRow } from './credit-note-csv.js';
import { unsettledStates } from './summary.js';

/** A claim a credit settles: what was received against it, from which credit note. */
export type Settlement = { claimId: string; receivedMinor: number; creditNoteReference: string; settledOn: string };

type ClaimRef = { claimId: string; lineId: string; claimReference: string; amountMinor: number; currency: string };

/** What matching a credit-note file against a partner's claims found. */
export type CreditMatch = {
  /** Claims settled in full. */
  settled: (ClaimRef & { creditNoteReference: string; receivedMinor: number })[];
  /** Credits worth less than the claims they match: claims they reached are settled for less, the rest stay open. */
  short: {
    row: number;
    creditNoteReference: string;
    currency: string;
    creditedMinor: number;
    claimedMinor: number;
    shortByMinor: number;
    claimIds: string[];
  }[];
  /** Credits (or the part of one) that match no open claim. */
  unexpected: { row: number; creditNoteReference: string; currency: string; amountMinor: number; reason: string }[];
  /** Rows whose credit note already settled the claims they match (the file was imported before). */
  alreadyApplied: { row: number; creditNoteReference: string }[];
  /** Open claims of the partner that no credit in the file matched. */
  missing: ClaimRef[];
};

const refOf = (c: CreditClaimRow): ClaimRef => ({
  claimId: c.id,
  lineId: c.lineId,
  claimReference: c.claimReference,
  amountMinor: c.amountMinor,
  currency: c.currency,
});

/** Whether the claim carries every reference the row gives (and is in its currency). */
const matches = (row: CreditNoteRow, c: CreditClaimRow) =>
  c.currency === row.currency &&
  (!row.claimReference || c.claimReference === row.claimReference) &&
  (!row.circuitReference || c.carrierCircuitRef === row.circuitReference) &&
  (!row.orderReference || c.carrierOrderRef === row.orderReference);

const isOpen = (c: CreditClaimRow) => (unsettledStates as readonly string[]).includes(c.state);

/**
 * Matches each credit to the open claims carrying its references, oldest claim first: each claim takes what is left
 * of the credit up to its amount. Pure: the caller applies the settlements.
 */
export function matchCredits(
  rows: CreditNoteRow[],
  claims: CreditClaimRow[],
): { match: CreditMatch; settlements: Settlement[] } {
  const open = claims.filter(isOpen).sort((a, b) => a.claimedOn.localeCompare(b.claimedOn) || a.id.localeCompare(b.id));
  const taken = new Set<string>();
  const match: CreditMatch = { settled: [], short: [], unexpected: [], alreadyApplied: [], missing: [] };
  const settlements: Settlement[] = [];
  for (const row of rows) {
    const candidates = open.filter((c) => !taken.has(c.id) && matches(row, c));
    if (candidates.length === 0) {
      const applied = claims.some((c) => c.creditNoteReference === row.creditNoteReference && matches(row, c));
      if (applied) match.alreadyApplied.push({ row: row.row, creditNoteReference: row.creditNoteReference });
      else
        match.unexpected.push({
          row: row.row,
          creditNoteReference: row.creditNoteReference,
          currency: row.currency,
          amountMinor: row.amountMinor,
          reason: 'no open claim carries its references',
        });
      continue;
    }
    let left = row.amountMinor;
    const shortIds: string[] = [];
    for (const claim of candidates) {
      const received = Math.min(left, claim.amountMinor);
      left -= received;
      if (received < claim.amountMinor) shortIds.push(claim.id);
      if (received === 0) continue;
      taken.add(claim.id);
      settlements.push({
        claimId: claim.id,
        receivedMinor: received,
        creditNoteReference: row.creditNoteReference,
        settledOn: row.date,
      });
      if (received === claim.amountMinor)
        match.settled.push({ ...refOf(claim), creditNoteReference: row.creditNoteReference, receivedMinor: received });
    }
    const claimed = candidates.reduce((sum, c) => sum + c.amountMinor, 0);
    if (shortIds.length > 0)
      match.short.push({
        row: row.row,
        creditNoteReference: row.creditNoteReference,
        currency: row.currency,
        creditedMinor: row.amountMinor,
        claimedMinor: claimed,
        shortByMinor: claimed - row.amountMinor,
        claimIds: shortIds,
      });
    if (left > 0)
      match.unexpected.push({
        row: row.row,
        creditNoteReference: row.creditNoteReference,
        currency: row.currency,
        amountMinor: left,
        reason: `credits ${left} more than the claims it matches`,
      });
  }
  match.missing = open
    .filter((c) => !taken.has(c.id) && !match.short.some((s) => s.claimIds.includes(c.id)))
    .map(refOf);
  return { match, settlements };
}
