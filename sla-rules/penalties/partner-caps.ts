import type { PenaltyCaps } from './clause-schema.js';
import type { CapInput, CappedLine } from './types.js';

/** priorMonthsTotals: what the partner's earlier 11 months already paid, per currency, after caps. */
export function applyPartnerCaps(lines: CapInput[], caps: PenaltyCaps | undefined, priorMonthsTotals: Record<string, number>): CappedLine[] {
  void caps;
  void priorMonthsTotals;
  return lines.map((l) => ({ lineId: l.lineId, amountAfterCapsMinor: l.amountMinor, cappedBy: null }));
}
