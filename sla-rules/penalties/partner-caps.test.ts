import { describe, expect, it } from 'vitest';
import { totalsByCurrency } from './currency-totals.js';
import { applyPartnerCaps } from './partner-caps.js';
import type { CapInput } from './types.js';

const line = (lineId: string, day: number, amountMinor: number, more: Partial<CapInput> = {}): CapInput => ({
  lineId,
  finalAt: `2026-03-${String(day).padStart(2, '0')}T12:00:00Z`,
  amountMinor,
  currency: 'GBP',
  monthlyChargeMinor: 100_000,
  ...more,
});

describe('applyPartnerCaps', () => {
  it('leaves lines alone without caps', () => {
    expect(applyPartnerCaps([line('a', 1, 5_000)], undefined, {})).toEqual([
      { lineId: 'a', amountAfterCapsMinor: 5_000, cappedBy: null },
    ]);
  });

  it('monthly money cap 10,000: first come first served by final instant, the crossing line reduced, later ones 0', () => {
    // In time order: b (3,000) fits, c (8,000) crosses and gets 7,000, a (5,000) comes last and gets 0.
    const lines = [line('a', 20, 5_000), line('b', 2, 3_000), line('c', 9, 8_000)];
    expect(applyPartnerCaps(lines, { monthly: { maxMinor: { GBP: 10_000 } } }, {})).toEqual([
      { lineId: 'a', amountAfterCapsMinor: 0, cappedBy: 'monthly' },
      { lineId: 'b', amountAfterCapsMinor: 3_000, cappedBy: null },
      { lineId: 'c', amountAfterCapsMinor: 7_000, cappedBy: 'monthly' },
    ]);
  });

  it('breaks a tie in final instant by line id', () => {
    const capped = applyPartnerCaps(
      [line('y', 5, 6_000), line('x', 5, 6_000)],
      { monthly: { maxMinor: { GBP: 10_000 } } },
      {},
    );
    expect(capped.map((c) => c.amountAfterCapsMinor)).toEqual([4_000, 6_000]);
  });

  it('rolling 12 months: 95,000 already paid of 100,000, this month 3,000 then 4,000 -> 3,000 and 2,000', () => {
    const capped = applyPartnerCaps(
      [line('a', 1, 3_000), line('b', 2, 4_000)],
      { rolling12Months: { maxMinor: { GBP: 100_000 } } },
      { GBP: 95_000 },
    );
    expect(capped).toEqual([
      { lineId: 'a', amountAfterCapsMinor: 3_000, cappedBy: null },
      { lineId: 'b', amountAfterCapsMinor: 2_000, cappedBy: 'rolling12Months' },
    ]);
  });

  it('monthly first, then rolling: 6,000 -> 5,000 by the month -> 1,000 by the year (named by the last cap)', () => {
    const caps = { monthly: { maxMinor: { GBP: 5_000 } }, rolling12Months: { maxMinor: { GBP: 50_000 } } };
    expect(applyPartnerCaps([line('a', 1, 6_000)], caps, { GBP: 49_000 })).toEqual([
      { lineId: 'a', amountAfterCapsMinor: 1_000, cappedBy: 'rolling12Months' },
    ]);
    expect(applyPartnerCaps([line('a', 1, 6_000)], caps, { GBP: 40_000 })).toEqual([
      { lineId: 'a', amountAfterCapsMinor: 5_000, cappedBy: 'monthly' },
    ]);
  });

  it('a percentage cap is of the monthly charges of the circuits with lines, each circuit once (×12 for rolling)', () => {
    // Circuits c1 (1,000.00) and c2 (600.00): 50% of 1,600.00 = 800.00 a month.
    const lines = [
      line('a', 1, 50_000, { circuitId: 'c1' }),
      line('b', 2, 50_000, { circuitId: 'c1' }),
      line('c', 3, 10_000, { circuitId: 'c2', monthlyChargeMinor: 60_000 }),
    ];
    expect(
      applyPartnerCaps(lines, { monthly: { percentOfMonthlyCharges: 50 } }, {}).map((c) => c.amountAfterCapsMinor),
    ).toEqual([50_000, 30_000, 0]);
    // 10% a year of 12 × 1,600.00 = 1,920.00; 1,500.00 already paid leaves 420.00.
    expect(
      applyPartnerCaps(lines, { rolling12Months: { percentOfMonthlyCharges: 10 } }, { GBP: 150_000 }).map(
        (c) => c.amountAfterCapsMinor,
      ),
    ).toEqual([42_000, 0, 0]);
  });

  it('caps each currency on its own; a currency the money cap does not list is not capped', () => {
    const lines = [line('g', 1, 8_000), line('u', 2, 8_000, { currency: 'USD' }), line('g2', 3, 8_000)];
    const capped = applyPartnerCaps(lines, { monthly: { maxMinor: { GBP: 10_000 } } }, { USD: 1_000_000 });
    expect(capped.map((c) => c.amountAfterCapsMinor)).toEqual([8_000, 8_000, 2_000]);
    expect(
      totalsByCurrency(lines.map((l, i) => ({ amountMinor: capped[i]!.amountAfterCapsMinor, currency: l.currency }))),
    ).toEqual({ GBP: 10_000, USD: 8_000 });
  });

  it('refuses duplicate line ids and negative or fractional amounts', () => {
    expect(() => applyPartnerCaps([line('a', 1, 1), line('a', 2, 1)], undefined, {})).toThrow(/duplicate line id a/);
    expect(() => applyPartnerCaps([line('a', 1, -1)], undefined, {})).toThrow(
      /amountMinor must be whole minor units >= 0/,
    );
    expect(() => applyPartnerCaps([line('a', 1, 1)], undefined, { GBP: 0.5 })).toThrow(/priorMonthsTotals.GBP/);
  });
});
