import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CapLimit, PenaltyCaps } from './clause-schema.js';
import { totalsByCurrency } from './currency-totals.js';
import { applyPartnerCaps } from './partner-caps.js';
import { priceBreach } from './price-breach.js';
import { HOUR, clause, ukOffice } from './test-breaches.js';
import type { BreachToPrice, CapInput } from './types.js';

const currencies = ['GBP', 'USD', 'JPY'] as const;
const rounding = fc.constantFrom('halfUp', 'halfEven', 'down', 'up');
const percent = fc.integer({ min: 0, max: 20_000 }).map((n) => n / 100); // 0..200, two places
const chargeShare = fc.record({ percent, of: fc.constantFrom('monthlyCharge', 'installCharge') });
const money = (currency: string) =>
  fc.record({ amountMinor: fc.integer({ min: 0, max: 10_000_000 }), currency: fc.constant(currency) });

const perUnitLate = (currency: string) =>
  fc.constantFrom('workingDay', 'calendarDay', 'startedHour').chain((unit) =>
    fc.record(
      {
        kind: fc.constant('perUnitLate'),
        unit: fc.constant(unit),
        rate:
          unit === 'startedHour'
            ? fc.oneof(money(currency), chargeShare)
            : fc.oneof(
                money(currency),
                chargeShare,
                fc.record({ daysOfCharge: fc.integer({ min: 1, max: 5 }), of: fc.constant('monthlyCharge') }),
              ),
        grace: fc.option(
          unit === 'startedHour'
            ? fc.oneof(
                fc.record({ units: fc.integer({ min: 1, max: 5 }) }),
                fc.record({ minutes: fc.integer({ min: 1, max: 300 }) }),
              )
            : fc.record({ units: fc.integer({ min: 1, max: 5 }) }),
          { nil: undefined },
        ),
        capPerBreach: fc.option(
          fc.oneof(money(currency), chargeShare, fc.record({ units: fc.integer({ min: 1, max: 20 }) })),
          { nil: undefined },
        ),
        dailyRateDivisor: fc.oneof(fc.constant('calendarDaysInMonth'), fc.constantFrom(30, 30.5, 365 / 12)),
        rounding,
      },
      { requiredKeys: ['kind', 'unit', 'rate', 'dailyRateDivisor', 'rounding'] },
    ),
  );

const tieredBands = fc.uniqueArray(fc.integer({ min: 1, max: 600 }), { maxLength: 5 }).chain((edges) => {
  const sorted = [0, ...edges.sort((a, b) => a - b)];
  return fc.record({
    kind: fc.constant('tieredBands'),
    measure: fc.constantFrom('overrun', 'monthlyOutage'),
    of: fc.constantFrom('monthlyCharge', 'installCharge'),
    bands: fc.tuple(...sorted.map(() => percent)).map((ps) =>
      sorted.map((from, i) => ({
        fromMinutes: from,
        ...(i + 1 < sorted.length ? { toMinutes: sorted[i + 1] } : {}),
        percent: ps[i]!,
      })),
    ),
    rounding,
  });
});
const flat = (currency: string) =>
  fc.record({ kind: fc.constant('flatPerBreach'), amount: fc.oneof(money(currency), chargeShare), rounding });

const breachIn = (currency: string) =>
  fc
    .record({
      due: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 1) }),
      late: fc.integer({ min: 0, max: 40 * 24 * HOUR }),
      paused: fc.integer({ min: 0, max: 10 * HOUR }),
    })
    .chain(({ due, late, paused }) =>
      fc.record({
        breachId: fc.constant('brc'),
        clauseName: fc.constant('c'),
        dueAt: fc.constant(new Date(due).toISOString()),
        stoppedAt: fc.constant(new Date(due + late).toISOString()),
        overrunMs: fc.integer({ min: 0, max: late }),
        pausedMs: fc.constant(paused),
        calendar: fc.constant(ukOffice),
        charges: fc.record({
          monthlyMinor: fc.integer({ min: 0, max: 100_000_000 }),
          installMinor: fc.integer({ min: 0, max: 100_000_000 }),
          currency: fc.constant(currency),
        }),
        monthlyOutageMs: fc.integer({ min: 0, max: 20 * HOUR }),
        timeZone: fc.constantFrom(undefined, 'UTC', 'America/New_York'),
      }),
    );

const pricingCase = fc.constantFrom(...currencies).chain((currency) =>
  fc.record({
    clause: fc.oneof(perUnitLate(currency), tieredBands, flat(currency)).map(clause),
    breach: breachIn(currency) as fc.Arbitrary<BreachToPrice>,
  }),
);

/** The exact cap in minor units, rounded down (the most a line may be after its per-breach cap). */
function perBreachCapMinor(cap: unknown, b: BreachToPrice): bigint | undefined {
  if (!cap || typeof cap !== 'object' || 'units' in cap) return undefined;
  if ('amountMinor' in cap) return BigInt((cap as { amountMinor: number }).amountMinor);
  const { percent: p, of } = cap as { percent: number; of: string };
  const base = BigInt(of === 'monthlyCharge' ? b.charges.monthlyMinor : b.charges.installMinor);
  return (base * BigInt(Math.round(p * 100))) / 10_000n;
}

describe('priceBreach properties', () => {
  it('never gives a negative or fractional amount, never goes over the per-breach cap, and is deterministic', () => {
    fc.assert(
      fc.property(pricingCase, ({ clause: c, breach: b }) => {
        const priced = priceBreach(c, b);
        expect(Number.isSafeInteger(priced.amountBeforeCapsMinor) && priced.amountBeforeCapsMinor >= 0).toBe(true);
        expect(Number.isSafeInteger(priced.amountAfterBreachCapMinor) && priced.amountAfterBreachCapMinor >= 0).toBe(
          true,
        );
        expect(priced.amountAfterBreachCapMinor).toBeLessThanOrEqual(priced.amountBeforeCapsMinor);
        expect(priced.chargeableUnits).toBeGreaterThanOrEqual(0);
        if (c.kind === 'perUnitLate') {
          const cap = perBreachCapMinor(c.capPerBreach, b);
          if (cap !== undefined) expect(BigInt(priced.amountAfterBreachCapMinor) <= cap).toBe(true);
          if (c.capPerBreach && 'units' in c.capPerBreach)
            expect(priced.chargeableUnits).toBeLessThanOrEqual(c.capPerBreach.units);
          expect(priced.chargeableUnits).toBeLessThanOrEqual(priced.overrunUnits);
        }
        expect(priceBreach(structuredClone(c), structuredClone(b))).toEqual(priced);
        // The line is in the breach's currency (every generated money amount is in it too): nothing converted or mixed.
        expect(priced.currency).toBe(b.charges.currency);
      }),
      { numRuns: 400 },
    );
  });

  it('never mixes currencies: a money rate in one currency with a percentage cap of a charge in another throws', () => {
    fc.assert(
      fc.property(breachIn('GBP') as fc.Arbitrary<BreachToPrice>, fc.integer({ min: 1, max: 100 }), (b, p) => {
        const mixed = clause({
          kind: 'perUnitLate',
          unit: 'startedHour',
          rate: { amountMinor: 100, currency: 'EUR' },
          capPerBreach: { percent: p, of: 'monthlyCharge' },
        });
        expect(() => priceBreach(mixed, b)).toThrow(/mixes currencies/);
      }),
      { numRuns: 50 },
    );
  });
});

const capLimit: fc.Arbitrary<CapLimit | undefined> = fc.option(
  fc.oneof(
    fc.record({
      maxMinor: fc.record({ GBP: fc.integer({ min: 0, max: 200_000 }) }, { requiredKeys: ['GBP'] }),
    }) as fc.Arbitrary<CapLimit>,
    fc.record({
      maxMinor: fc.record({ GBP: fc.integer({ min: 0, max: 200_000 }), USD: fc.integer({ min: 0, max: 200_000 }) }),
    }) as fc.Arbitrary<CapLimit>,
    fc.record({ percentOfMonthlyCharges: percent }),
  ),
  { nil: undefined },
);
const capsCase = fc.record({
  caps: fc.record({ monthly: capLimit, rolling12Months: capLimit }) as fc.Arbitrary<PenaltyCaps>,
  prior: fc.record(
    { GBP: fc.integer({ min: 0, max: 1_000_000 }), USD: fc.integer({ min: 0, max: 1_000_000 }) },
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, number>>,
  lines: fc.uniqueArray(
    fc.record({
      lineId: fc.string({ minLength: 1, maxLength: 4 }),
      finalAt: fc
        .integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 3, 1) - 1 })
        .map((ms) => new Date(ms).toISOString()),
      amountMinor: fc.integer({ min: 0, max: 100_000 }),
      currency: fc.constantFrom('GBP', 'USD'),
      monthlyChargeMinor: fc.integer({ min: 0, max: 100_000 }),
      circuitId: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: undefined }),
    }),
    { selector: (l) => l.lineId, maxLength: 30 },
  ) as fc.Arbitrary<CapInput[]>,
});

/** The cap for a currency as the README defines it, computed here independently. */
function limitOf(limit: CapLimit | undefined, currency: string, lines: CapInput[], months: number): number | undefined {
  if (!limit) return undefined;
  if ('maxMinor' in limit) return limit.maxMinor[currency];
  // Each circuit once, at the charge on its last line in cap order (final instant, then line id).
  const ordered = lines
    .filter((l) => l.currency === currency)
    .sort((a, b) => a.finalAt.localeCompare(b.finalAt) || (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));
  const circuits = new Map(ordered.map((l) => [l.circuitId ?? `line:${l.lineId}`, l.monthlyChargeMinor]));
  const base = [...circuits.values()].reduce((a, b) => a + b, 0) * months;
  return Number((BigInt(base) * BigInt(Math.round(limit.percentOfMonthlyCharges * 100))) / 10_000n);
}

describe('applyPartnerCaps properties', () => {
  it('keeps every line within 0..its amount, every month and rolling cap, and totals equal to the capped lines', () => {
    fc.assert(
      fc.property(capsCase, ({ caps, prior, lines }) => {
        const capped = applyPartnerCaps(lines, caps, prior);
        expect(capped.map((c) => c.lineId)).toEqual(lines.map((l) => l.lineId));
        capped.forEach((c, i) =>
          expect(c.amountAfterCapsMinor >= 0 && c.amountAfterCapsMinor <= lines[i]!.amountMinor).toBe(true),
        );
        const after = lines.map((l, i) => ({ amountMinor: capped[i]!.amountAfterCapsMinor, currency: l.currency }));
        const totals = totalsByCurrency(after);
        for (const currency of ['GBP', 'USD']) {
          const sum = after.filter((l) => l.currency === currency).reduce((a, l) => a + l.amountMinor, 0);
          expect(totals[currency] ?? 0).toBe(sum);
          const monthly = limitOf(caps.monthly, currency, lines, 1);
          if (monthly !== undefined) expect(sum).toBeLessThanOrEqual(monthly);
          const rolling = limitOf(caps.rolling12Months, currency, lines, 12);
          if (rolling !== undefined) expect(sum).toBeLessThanOrEqual(Math.max(0, rolling - (prior[currency] ?? 0)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic whatever the input order, and caps each currency as if the others were not there', () => {
    fc.assert(
      fc.property(capsCase, fc.infiniteStream(fc.nat()), ({ caps, prior, lines }, seeds) => {
        const byId = (cs: ReturnType<typeof applyPartnerCaps>) => new Map(cs.map((c) => [c.lineId, c]));
        const expected = byId(applyPartnerCaps(lines, caps, prior));
        const shuffled = lines
          .map((l) => ({ l, k: seeds.next().value as number }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.l);
        expect(byId(applyPartnerCaps(shuffled, caps, prior))).toEqual(expected);
        const gbpOnly = lines.filter((l) => l.currency === 'GBP');
        for (const c of applyPartnerCaps(gbpOnly, caps, prior)) expect(c).toEqual(expected.get(c.lineId));
      }),
      { numRuns: 200 },
    );
  });

  it('with only a monthly money cap, pays exactly the lesser of the lines and the cap (no line cut more than needed)', () => {
    fc.assert(
      fc.property(capsCase, fc.integer({ min: 0, max: 300_000 }), ({ lines }, cap) => {
        const gbp = lines.filter((l) => l.currency === 'GBP');
        const capped = applyPartnerCaps(gbp, { monthly: { maxMinor: { GBP: cap } } }, {});
        const before = gbp.reduce((a, l) => a + l.amountMinor, 0);
        expect(capped.reduce((a, c) => a + c.amountAfterCapsMinor, 0)).toBe(Math.min(before, cap));
      }),
      { numRuns: 200 },
    );
  });
});
