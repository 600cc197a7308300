import { describe, expect, it } from 'vitest';
import { ReportInputsChanged } from '../db/repositories/report-lines-staging.js';
import type { OutcomeForReport } from '../db/repositories/report-inputs.js';
import { uk } from '../sla-rules/penalties/test-breaches.js';
import { pricePartnerMonth, type PartnerLine } from './partner-lines.js';
import { pricerFor } from './price-outcome.js';

const MINUTE = 60_000;
let rowid = 0;
/** A breach of the uk template's policy, final on 2026-10-<day>, on `circuitId` charging 1,000.00 GBP a month. */
const outcome = (clause: string, circuitId: string, day: number, elapsedMinutes = 20): OutcomeForReport => {
  rowid += 1;
  const finalAt = `2026-10-${String(day).padStart(2, '0')}T12:00:00.000Z`;
  return {
    rowid,
    id: `out_${rowid}`,
    revision: 1,
    breachFactId: null,
    partnerId: 'prt_1',
    circuitId,
    policyId: 'pol_uk',
    policyVersion: 1,
    clause,
    calendar: 'uk-office',
    state: 'breached',
    dueAt: finalAt,
    finalAt,
    elapsedMs: elapsedMinutes * MINUTE,
    overrunMs: elapsedMinutes * MINUTE,
    pausedMs: 0,
    monthlyChargeMinor: 100_000,
    installChargeMinor: 0,
    currency: 'GBP',
  };
};

const month = (pages: OutcomeForReport[][], secondRead: OutcomeForReport[][] = pages) => {
  let reads = 0;
  return {
    month: '2026-10',
    firstLineNo: 7,
    breaches: async function* () {
      reads += 1;
      for (const page of reads === 1 ? pages : secondRead) yield page;
    },
    owed: [],
    waivers: new Map(),
    pricer: pricerFor(async (id) => ({ id, document: uk.policy }), 2026),
    prior: async () => ({}),
  };
};

describe('a partner month priced a page at a time', () => {
  it('prices a circuit’s monthly outage once, on its first breach, with breaches from every page; emits page by page', async () => {
    const [a1, x1, a2, x2, a3] = [
      outcome('monthly-availability', 'ord_a', 2),
      outcome('late-acknowledgement', 'ord_x1', 3),
      outcome('monthly-availability', 'ord_a', 4),
      outcome('late-acknowledgement', 'ord_x2', 5),
      outcome('monthly-availability', 'ord_a', 6, 30),
    ] as OutcomeForReport[];
    const emitted: PartnerLine[][] = [];
    const priced = await pricePartnerMonth(
      month([
        [a1!, x1!, a2!],
        [x2!, a3!],
      ]),
      async (lines) => {
        emitted.push(lines);
      },
    );

    expect(emitted.map((page) => page.map((l) => l.lineId))).toEqual([
      ['2026-10/7', '2026-10/8', '2026-10/9'],
      ['2026-10/10', '2026-10/11'],
    ]);
    // 20 + 20 + 30 minutes down: the 1-2 hour band, 50% of 1,000.00 GBP.
    expect(emitted.flat().map((l) => [l.outcome.id, l.priced.amountAfterBreachCapMinor])).toEqual([
      [a1!.id, 50_000],
      [x1!.id, 2_500],
      [a2!.id, 0],
      [x2!.id, 2_500],
      [a3!.id, 0],
    ]);
    expect(emitted[1]![1]!.priced.explanation).toBe(`monthly outage priced on the circuit's first breach (${a1!.id})`);
    expect(priced).toEqual({
      lines: 5,
      totals: [{ currency: 'GBP', lines: 5, amountBeforeCapsMinor: 55_000, amountAfterCapsMinor: 55_000 }],
    });
  });

  it('caps across pages in final-instant order, with what earlier months came to', async () => {
    const pages = [[outcome('late-acknowledgement', 'ord_a', 2)], [outcome('late-acknowledgement', 'ord_a', 3)]];
    // The rolling cap is 250,000.00 GBP; earlier months paid all but 30.00 of it.
    const input = { ...month(pages), prior: async () => ({ GBP: 25_000_000 - 3_000 }) };
    const lines: PartnerLine[] = [];
    const priced = await pricePartnerMonth(input, async (page) => {
      lines.push(...page);
    });
    expect(lines.map((l) => [l.capped?.amountAfterCapsMinor, l.capped?.cappedBy])).toEqual([
      [2_500, null],
      [500, 'rolling12Months'],
    ]);
    expect(priced.totals).toEqual([
      { currency: 'GBP', lines: 2, amountBeforeCapsMinor: 5_000, amountAfterCapsMinor: 3_000 },
    ]);
  });

  it('refuses the month when the second read differs from the first (revised, new or gone outcomes)', async () => {
    const a = outcome('late-acknowledgement', 'ord_a', 2);
    const b = outcome('late-acknowledgement', 'ord_b', 3);
    const emit = async () => {};
    await expect(pricePartnerMonth(month([[a, b]], [[a, { ...b, revision: 2 }]]), emit)).rejects.toThrow(
      ReportInputsChanged,
    );
    await expect(pricePartnerMonth(month([[a]], [[a, b]]), emit)).rejects.toThrow(ReportInputsChanged);
    await expect(pricePartnerMonth(month([[a, b]], [[a]]), emit)).rejects.toThrow(ReportInputsChanged);
    await expect(pricePartnerMonth(month([[a, b]]), emit)).resolves.toMatchObject({ lines: 2 });
  });
});
