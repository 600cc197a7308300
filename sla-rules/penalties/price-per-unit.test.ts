import { describe, expect, it } from 'vitest';
import { priceBreach } from './price-breach.js';
import { HOUR, MINUTE, breach, clause, uk } from './test-breaches.js';

describe('perUnitLate per working day (uk template: 5% of install charge, cap 100% of it)', () => {
  const lateDelivery = uk.policy.penaltyClauses['late-delivery-daily']!;

  it('counts working days after the due day: due Thu 28 May 17:30 BST, delivered Wed 3 Jun -> 4 days', () => {
    // Fri 29, Mon 1, Tue 2, Wed 3 June; 5% of 2,000.00 GBP = 100.00 GBP a day.
    const priced = priceBreach(lateDelivery, breach({ stoppedAt: '2026-06-03T09:00:00Z' }));
    expect(priced).toMatchObject({
      clauseKind: 'perUnitLate',
      unit: 'workingDay',
      overrunUnits: 4,
      chargeableUnits: 4,
      rate: { percent: 5, of: 'installCharge', amountMinor: 10_000, exactMinor: '10000' },
      amountBeforeCapsMinor: 40_000,
      amountAfterBreachCapMinor: 40_000,
      currency: 'GBP',
    });
    expect(priced.explanation).toBe(
      '4 working days late, cap 100% of install charge per breach: 4 × 5% of install charge 2,000.00 GBP = 100.00 GBP/working day = 400.00 GBP',
    );
  });

  it('caps at the install charge: 25 working days late is 2,500.00 GBP, capped to 2,000.00 GBP', () => {
    // Thu 28 May + 25 working days (no bank holiday in June 2026) = Thu 2 Jul.
    const priced = priceBreach(lateDelivery, breach({ stoppedAt: '2026-07-02T10:00:00Z' }));
    expect(priced).toMatchObject({
      overrunUnits: 25,
      amountBeforeCapsMinor: 250_000,
      amountAfterBreachCapMinor: 200_000,
    });
    expect(priced.explanation).toContain('capped to 2,000.00 GBP');
  });

  it('charges nothing when delivered late on the due day itself', () => {
    expect(priceBreach(lateDelivery, breach())).toMatchObject({ overrunUnits: 0, amountBeforeCapsMinor: 0 });
  });

  it('needs a calendar', () => {
    expect(() => priceBreach(lateDelivery, breach({ calendar: null }))).toThrow(
      /counts working days but the OLA has no calendar/,
    );
  });
});

describe('perUnitLate: one day of monthly charge per calendar day late, first day free, at most 10 days', () => {
  const days = (divisor: number | 'calendarDaysInMonth') =>
    clause({
      kind: 'perUnitLate',
      unit: 'calendarDay',
      rate: { daysOfCharge: 1, of: 'monthlyCharge' },
      dailyRateDivisor: divisor,
      grace: { units: 1 },
      capPerBreach: { units: 10 },
    });
  // 610.00 GBP a month; due Mon 2 Feb 2026 17:30 GMT, restored Thu 5 Feb: 3 calendar days late, 2 after grace.
  const feb = breach({
    dueAt: '2026-02-02T17:30:00Z',
    stoppedAt: '2026-02-05T12:00:00Z',
    charges: { monthlyMinor: 61_000, installMinor: 0, currency: 'GBP' },
  });

  it('divides by 30.5: 61,000 / 30.5 = 2,000 a day, × 2 = 40.00 GBP', () => {
    expect(priceBreach(days(30.5), feb)).toMatchObject({
      overrunUnits: 3,
      chargeableUnits: 2,
      rate: { daysOfCharge: 1, of: 'monthlyCharge', divisor: 30.5, amountMinor: 2_000, exactMinor: '2000' },
      amountBeforeCapsMinor: 4_000,
    });
  });

  it('divides by the days of February: 61,000 / 28 = 2,178.571428… a day, × 2 = 4,357.142857… -> 4,357', () => {
    const priced = priceBreach(days('calendarDaysInMonth'), feb);
    expect(priced).toMatchObject({
      rate: { divisor: 28, amountMinor: 2_179, exactMinor: '2178.571428…' },
      amountBeforeCapsMinor: 4_357,
    });
    expect(priced.explanation).toBe(
      '3 calendar days late, 1 calendar day grace, cap 10 calendar days: 2 × 1 day of monthly charge 610.00 GBP / 28 = 21.78571428… GBP/calendar day = 43.57 GBP',
    );
  });

  it('takes the month in the breach time zone: 1 Mar 03:00 UTC is still 28 Feb in New York', () => {
    const late = { ...feb, dueAt: '2026-02-27T22:00:00Z', stoppedAt: '2026-03-01T03:00:00Z', calendar: null };
    expect(priceBreach(days('calendarDaysInMonth'), late).rate).toMatchObject({ divisor: 31 });
    expect(priceBreach(days('calendarDaysInMonth'), { ...late, timeZone: 'America/New_York' }).rate).toMatchObject({
      divisor: 28,
    });
  });

  it('stops counting at 10 days: 14 days late, 13 after grace, charges 10', () => {
    const priced = priceBreach(days(30.5), { ...feb, stoppedAt: '2026-02-16T09:00:00Z' });
    expect(priced).toMatchObject({
      overrunUnits: 14,
      chargeableUnits: 10,
      amountBeforeCapsMinor: 20_000,
      amountAfterBreachCapMinor: 20_000,
    });
  });
});

describe('perUnitLate per started hour (uk template: 10% of monthly charge, 15 min grace, cap 100%)', () => {
  const hourly = uk.policy.penaltyClauses['late-restoration-hourly']!;

  it.each([
    [15 * MINUTE, 1, 0],
    [16 * MINUTE, 1, 1],
    [HOUR + 15 * MINUTE, 2, 1],
    [HOUR + 16 * MINUTE, 2, 2],
  ])('overrun %d ms: %d started hours, %d after grace', (overrunMs, overrunUnits, chargeableUnits) => {
    expect(priceBreach(hourly, breach({ overrunMs }))).toMatchObject({
      overrunUnits,
      chargeableUnits,
      amountBeforeCapsMinor: chargeableUnits * 10_000,
    });
  });

  it('caps at the monthly charge: 12 h 30 min late is 13 hours, 1,300.00 GBP capped to 1,000.00 GBP', () => {
    expect(priceBreach(hourly, breach({ overrunMs: 12.5 * HOUR }))).toMatchObject({
      chargeableUnits: 13,
      amountBeforeCapsMinor: 130_000,
      amountAfterBreachCapMinor: 100_000,
    });
  });

  it('caps at money: £10 a day, at most £100 (uk late-commit-date), 15 working days late', () => {
    const priced = priceBreach(
      uk.policy.penaltyClauses['late-commit-date']!,
      breach({ stoppedAt: '2026-06-18T12:00:00Z' }),
    );
    expect(priced).toMatchObject({
      overrunUnits: 15,
      amountBeforeCapsMinor: 15_000,
      amountAfterBreachCapMinor: 10_000,
    });
  });
});

describe('perUnitLate rounding: once, on the line', () => {
  // 10% of 12,345 = 1,234.5 minor units an hour; 3 hours = 3,703.5 (per-hour rounding would give 3,705).
  const hourly = (rounding: string) =>
    clause({ kind: 'perUnitLate', unit: 'startedHour', rate: { percent: 10, of: 'monthlyCharge' }, rounding });
  const late = breach({ overrunMs: 3 * HOUR, charges: { monthlyMinor: 12_345, installMinor: 0, currency: 'GBP' } });

  it.each([
    ['halfUp', 3_704],
    ['halfEven', 3_704],
    ['down', 3_703],
    ['up', 3_704],
  ])('%s gives %d', (rounding, amount) => {
    expect(priceBreach(hourly(rounding), late).amountBeforeCapsMinor).toBe(amount);
  });

  it('halfEven goes to the even neighbour: 1 hour = 1,234.5 -> 1,234 (halfUp 1,235)', () => {
    const one = { ...late, overrunMs: HOUR };
    expect([
      priceBreach(hourly('halfEven'), one).amountBeforeCapsMinor,
      priceBreach(hourly('halfUp'), one).amountBeforeCapsMinor,
    ]).toEqual([1_234, 1_235]);
  });

  it('defaults to halfUp', () => {
    expect(
      clause({ kind: 'perUnitLate', unit: 'startedHour', rate: { amountMinor: 1, currency: 'GBP' } }),
    ).toMatchObject({ rounding: 'halfUp', dailyRateDivisor: 'calendarDaysInMonth' });
  });
});

describe('currencies', () => {
  it('keeps a money rate in its own currency and refuses a cap in another', () => {
    const usdRate = clause({ kind: 'perUnitLate', unit: 'startedHour', rate: { amountMinor: 5_000, currency: 'USD' } });
    expect(priceBreach(usdRate, breach()).currency).toBe('USD');
    const mixed = clause({
      kind: 'perUnitLate',
      unit: 'startedHour',
      rate: { amountMinor: 5_000, currency: 'USD' },
      capPerBreach: { percent: 50, of: 'monthlyCharge' },
    });
    expect(() => priceBreach(mixed, breach())).toThrow(/mixes currencies \(the per-breach cap in GBP, line in USD\)/);
  });
});
