/**
 * How far ahead of Tailgate's clock a sender's clock may run before the times it claims are not believed: a carrier
 * whose events are dated later than this after their receipt has a wrong clock or zone.
 */
export const MAX_CLAIM_SKEW_MS = 2 * 60_000;

export type JudgedClaim = {
  /** The time Tailgate uses for the event: the claim if believed, else the receipt. */
  occurredAt: string;
  /** Why the claim was not believed, and what it was; null when it was. */
  claimNote: string | null;
};

/**
 * A sender's claimed time for an event, as Tailgate uses it: believed when it is no later than its receipt plus
 * MAX_CLAIM_SKEW_MS and no earlier than the order or ticket existed. Otherwise the event is ordered, and its clocks
 * stopped, by its receipt, and the claim is kept in the note: a wrong clock never freezes an order nor moves a
 * completion into another month.
 */
export function judgeClaim(claimed: string, receivedAt: string, existedSince: string): JudgedClaim {
  const at = Date.parse(claimed);
  if (at > Date.parse(receivedAt) + MAX_CLAIM_SKEW_MS)
    return { occurredAt: receivedAt, claimNote: `claimed ${claimed}: later than its receipt, beyond the 2 min skew` };
  if (at < Date.parse(existedSince))
    return { occurredAt: receivedAt, claimNote: `claimed ${claimed}: before it existed (${existedSince})` };
  return { occurredAt: claimed, claimNote: null };
}

/** A claimed date for a state (a completion, a resolution) worth using: believed, and not after its receipt. */
export function believableDate(claimed: string | undefined, receivedAt: string, existedSince: string): string {
  if (!claimed) return receivedAt;
  const at = Date.parse(claimed);
  return at <= Date.parse(receivedAt) && at >= Date.parse(existedSince) ? claimed : receivedAt;
}
