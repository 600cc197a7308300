import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reportLinesPage } from '../db/repositories/penalty-reports.js';
import { reportFixture } from './test-fixtures.js';
import { generateDraft, getPenaltyReport, isRefusal } from './index.js';

const breachArb = fc.record({
  partner: fc.nat({ max: 1 }),
  clause: fc.constantFrom('a', 'b', 'c'),
  minute: fc.nat({ max: 31 * 24 * 60 - 61 }),
  overrunHours: fc.double({ min: 0.01, max: 30, noNaN: true }),
});

describe('penalty report totals (property)', () => {
  it("a report's total per partner and currency is the sum of its lines after caps, and no cap is ever exceeded", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(fc.nat({ max: 20_000 }), fc.nat({ max: 20_000 }), fc.nat({ max: 3_000 })),
        fc.option(fc.nat({ max: 60_000 }), { nil: undefined }),
        fc.array(breachArb, { maxLength: 25 }),
        async ([flatA, flatB, hourly], monthlyCap, breaches) => {
          const fx = await reportFixture({
            clauses: {
              a: { kind: 'flatPerBreach', amount: { amountMinor: flatA, currency: 'GBP' } },
              b: { kind: 'flatPerBreach', amount: { amountMinor: flatB, currency: 'GBP' } },
              c: {
                kind: 'perUnitLate',
                unit: 'startedHour',
                rate: { amountMinor: hourly, currency: 'GBP' },
                capPerBreach: { units: 8 },
              },
            },
            ...(monthlyCap === undefined ? {} : { caps: { monthly: { maxMinor: { GBP: monthlyCap } } } }),
          });
          try {
            const partners = [await fx.addPartner('P0'), await fx.addPartner('P1')];
            for (const b of breaches) {
              const finalAt = new Date(Date.parse('2026-10-01T00:00:00Z') + b.minute * 60_000).toISOString();
              await fx.breach(partners[b.partner]!, { clause: b.clause, finalAt, overrunHours: b.overrunHours });
            }
            const result = await generateDraft(fx.db, { month: '2026-10', timeZone: 'UTC', now: fx.now, by: 'prop' });
            if (isRefusal(result)) throw new Error(result.message);
            const lines = await reportLinesPage(fx.db, '2026-10', { afterLineNo: 0, limit: 1000 });
            expect(lines).toHaveLength(breaches.length);
            const report = (await getPenaltyReport(fx.db, '2026-10'))!;
            for (const total of report.totals) {
              const mine = lines.filter((l) => l.partnerId === total.partnerId && l.currency === total.currency);
              expect(total.amountAfterCapsMinor).toBe(mine.reduce((s, l) => s + l.amountAfterCapsMinor, 0));
              expect(total.amountBeforeCapsMinor).toBe(mine.reduce((s, l) => s + l.amountBeforeCapsMinor, 0));
              if (monthlyCap !== undefined) expect(total.amountAfterCapsMinor).toBeLessThanOrEqual(monthlyCap);
            }
            for (const l of lines) {
              expect(l.amountAfterCapsMinor).toBeGreaterThanOrEqual(0);
              expect(l.amountAfterCapsMinor).toBeLessThanOrEqual(l.amountAfterBreachCapMinor);
              expect(l.amountAfterBreachCapMinor).toBeLessThanOrEqual(l.amountBeforeCapsMinor);
            }
            expect(report.totals.reduce((s, t) => s + t.lines, 0)).toBe(lines.length);
          } finally {
            await fx.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
