import { describe, expect, it } from 'vitest';
import { priceBreach } from './price-breach.js';
import { HOUR, MINUTE, breach, clause, uk } from './test-breaches.js';

describe('tieredBands (uk monthly-availability: <5 min 0%, 5–30 10%, 30–60 20%, 1–2 h 50%, 2 h+ 100%)', () => {
  const availability = uk.policy.penaltyClauses['monthly-availability']!;
  const outage = (ms: number) => priceBreach(availability, breach({ monthlyOutageMs: ms }));

  it.each([
    [0, 0, 0],
    [5 * MINUTE - 1, 0, 0],
    [5 * MINUTE, 10, 10_000],
    [30 * MINUTE - 1, 10, 10_000],
    [30 * MINUTE, 20, 20_000],
    [HOUR, 50, 50_000],
    [2 * HOUR - 1, 50, 50_000],
    [2 * HOUR, 100, 100_000],
    [400 * HOUR, 100, 100_000],
  ])('an outage of %d ms is in the %d%% band: %d minor units of 1,000.00 GBP', (ms, percent, amount) => {
    const priced = outage(ms);
    expect(priced).toMatchObject({
      unit: 'band',
      rate: { percent, of: 'monthlyCharge' },
      amountBeforeCapsMinor: amount,
      amountAfterBreachCapMinor: amount,
    });
    expect(priced.chargeableUnits).toBe(percent > 0 ? 1 : 0);
  });

  it('explains the band, exactly at the 30 min boundary', () => {
    expect(outage(30 * MINUTE)).toMatchObject({
      overrunUnits: 30,
      explanation:
        'outage this month 30 min in band 3 (30–60 min): 20% of monthly charge 1,000.00 GBP = 200.00 GBP → 200.00 GBP',
    });
  });

  it('needs the monthly outage total from the caller', () => {
    expect(() => priceBreach(availability, breach())).toThrow(/measured on the monthly outage; pass monthlyOutageMs/);
  });

  it('measures the overrun by default, and rounds the share with the clause rounding (us mttr-credit: halfEven)', () => {
    // 5% of 12,345 = 617.25 -> 617; 10% of 12,345 = 1,234.5 -> 1,234 (even).
    const mttr = clause({
      kind: 'tieredBands',
      rounding: 'halfEven',
      bands: [
        { fromMinutes: 0, toMinutes: 60, percent: 5 },
        { fromMinutes: 60, percent: 10 },
      ],
    });
    const charges = { monthlyMinor: 12_345, installMinor: 0, currency: 'GBP' };
    expect(priceBreach(mttr, breach({ overrunMs: 59 * MINUTE, charges })).amountBeforeCapsMinor).toBe(617);
    expect(priceBreach(mttr, breach({ overrunMs: HOUR, charges })).amountBeforeCapsMinor).toBe(1_234);
  });
});

describe('flatPerBreach', () => {
  it('charges money once per breach, whatever the overrun (uk late-acknowledgement: 25.00 GBP)', () => {
    expect(
      priceBreach(uk.policy.penaltyClauses['late-acknowledgement']!, breach({ overrunMs: 9 * HOUR })),
    ).toMatchObject({
      unit: 'breach',
      overrunUnits: 1,
      chargeableUnits: 1,
      rate: { amountMinor: 2_500 },
      amountBeforeCapsMinor: 2_500,
      explanation: '1 breach (overrun 9 h) × 25.00 GBP = 25.00 GBP',
    });
  });

  it('charges a share of a charge (uk late-fault-response: 5% of monthly), rounded as the clause says', () => {
    expect(priceBreach(uk.policy.penaltyClauses['late-fault-response']!, breach()).amountBeforeCapsMinor).toBe(5_000);
    const odd = breach({ charges: { monthlyMinor: 12_345, installMinor: 0, currency: 'JPY' } });
    const flat = (rounding: string) =>
      priceBreach(clause({ kind: 'flatPerBreach', amount: { percent: 10, of: 'monthlyCharge' }, rounding }), odd);
    expect([flat('halfUp'), flat('halfEven'), flat('down'), flat('up')].map((p) => p.amountBeforeCapsMinor)).toEqual([
      1_235, 1_234, 1_234, 1_235,
    ]);
    expect(flat('down').explanation).toBe(
      '1 breach (overrun 1 h) × 10% of monthly charge 12,345 JPY = 1,234.5 JPY = 1,234 JPY',
    );
  });
});

describe('breach input checks', () => {
  const flat = clause({ kind: 'flatPerBreach', amount: { amountMinor: 100, currency: 'GBP' } });
  it.each([
    [{ overrunMs: -1 }, /overrunMs must be a number >= 0/],
    [
      { charges: { monthlyMinor: 1.5, installMinor: 0, currency: 'GBP' } },
      /charges.monthlyMinor must be whole minor units/,
    ],
    [
      { charges: { monthlyMinor: 1, installMinor: 0, currency: 'gbp' } },
      /charges.currency must be an ISO currency code/,
    ],
    [{ stoppedAt: '2026-05-28T16:00:00Z' }, /stoppedAt .* is before dueAt/],
  ])('refuses %o', (overrides, message) => {
    expect(() => priceBreach(flat, breach(overrides))).toThrow(message);
  });
});

describe('a clause that skipped validation', () => {
  it('is refused with its name, not priced as zero', () => {
    const old = { basis: 'perWorkingDayLate', amountMinor: 1000, currency: 'GBP' } as unknown as Parameters<
      typeof priceBreach
    >[0];
    expect(() => priceBreach(old, breach())).toThrow(/clause example has no known kind \(undefined\)/);
  });
});
