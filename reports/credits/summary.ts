import type { Db } from '../../db/client.js';
import { listCreditClaims } from '../../db/repositories/credit-claims.js';
import { creditTotals, type CreditTotalsRow } from '../../db/repositories/credit-totals.js';

/** Claims not yet settled or written off: what the carriers still owe on claims made. */
export const unsettledStates = ['claimed', 'acknowledged', 'disputed'] as const;

/** Ageing buckets of unsettled claims, by whole days since they were claimed. */
export const ageingBuckets = [
  { name: '0-30', maxDays: 30 },
  { name: '31-60', maxDays: 60 },
  { name: '61-90', maxDays: 90 },
  { name: '91+', maxDays: Infinity },
] as const;

export type AgeingBucket = (typeof ageingBuckets)[number]['name'];
export type AgeingRow = {
  partnerId: string;
  currency: string;
  bucket: AgeingBucket;
  claims: number;
  amountMinor: number;
};
export type CreditSummary = { totals: (CreditTotalsRow & { unclaimedMinor: number })[]; ageing: AgeingRow[] };

const DAY = 86_400_000;

/** Whole days from `claimedOn` (YYYY-MM-DD) to `today` (UTC). */
export const daysSince = (claimedOn: string, today: Date) =>
  Math.floor((today.getTime() - Date.parse(`${claimedOn}T00:00:00Z`)) / DAY);

/** Per partner and currency: owed, claimed, disputed, received, written off; and unsettled claims by age. */
export async function creditSummary(db: Db, now: Date): Promise<CreditSummary> {
  const totals = (await creditTotals(db)).map((t) => ({ ...t, unclaimedMinor: t.owedMinor - t.claimedMinor }));
  const ageing = new Map<string, AgeingRow>();
  for (let afterId: string | undefined, page; ; afterId = page.at(-1)!.id) {
    page = await listCreditClaims(db, { states: unsettledStates, limit: 1000, ...(afterId && { afterId }) });
    for (const claim of page) {
      const days = daysSince(claim.claimedOn, now);
      const bucket = ageingBuckets.find((b) => days <= b.maxDays)!.name;
      const key = `${claim.partnerId}\u0000${claim.currency}\u0000${bucket}`;
      const row = ageing.get(key) ?? {
        partnerId: claim.partnerId,
        currency: claim.currency,
        bucket,
        claims: 0,
        amountMinor: 0,
      };
      row.claims += 1;
      row.amountMinor += claim.amountMinor - (claim.receivedMinor ?? 0);
      ageing.set(key, row);
    }
    if (page.length < 1000) break;
  }
  const order = (b: string) => ageingBuckets.findIndex((x) => x.name === b);
  return {
    totals,
    ageing: [...ageing.values()].sort(
      (a, b) =>
        a.partnerId.localeCompare(b.partnerId) ||
        a.currency.localeCompare(b.currency) ||
        order(a.bucket) - order(b.bucket),
    ),
  };
}
