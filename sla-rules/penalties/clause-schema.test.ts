import { describe, expect, it } from 'vitest';
import { parsePolicy, PolicyError } from '../parse-policy.js';
import { PenaltyCapsSchema, PenaltyClauseSchema } from './clause-schema.js';

const policyWith = (clauses: string, caps = '') => `id: p
version: 1
effectiveFrom: 2026-01-01
penaltyClauses:
${clauses}${caps}
olas:
  - id: fault-response
    metric: faultResponse
    appliesTo: { entity: ticket }
    stop: { state: acknowledged }
    target: { kind: clockDuration, hours: 1 }
`;

function issuesOf(text: string) {
  try {
    parsePolicy(text);
  } catch (e) {
    if (e instanceof PolicyError) return e.issues;
    throw e;
  }
  return [];
}

const issuesOfClause = (input: unknown) => {
  const r = PenaltyClauseSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('penalty clauses in a policy', () => {
  it('point at the clause field and its YAML line', () => {
    const text = policyWith(`  a: { kind: flatPerBreach, amount: { amountMinor: 10, currency: GBP } }
  b:
    kind: perUnitLate
    unit: fortnight
    rate: { amountMinor: 1.5, currency: GBP }
  c: { kind: percentOfEverything }
`);
    expect(issuesOf(text)).toEqual([
      { path: 'penaltyClauses.b.unit', message: expect.stringContaining('workingDay'), line: 8 },
      {
        path: 'penaltyClauses.b.rate',
        message: expect.stringContaining('give { amountMinor, currency } or { percent, of }'),
        line: 9,
      },
      {
        path: 'penaltyClauses.c.kind',
        message: 'kind must be one of perUnitLate, tieredBands, flatPerBreach',
        line: 10,
      },
    ]);
  });

  it('refuses bands that do not start at 0, leave gaps, overlap or do not end open-ended', () => {
    const text = policyWith(`  bands:
    kind: tieredBands
    bands:
      - { fromMinutes: 1, toMinutes: 5, percent: 0 }
      - { fromMinutes: 6, toMinutes: 30, percent: 10 }
      - { fromMinutes: 30, toMinutes: 20, percent: 20 }
      - { fromMinutes: 20, toMinutes: 60, percent: 50 }
`);
    expect(issuesOf(text)).toEqual([
      { path: 'penaltyClauses.bands.bands[0].fromMinutes', message: 'the first band must start at 0', line: 8 },
      {
        path: 'penaltyClauses.bands.bands[1].fromMinutes',
        message: "must equal the previous band's toMinutes (5): bands must be contiguous and ascending",
        line: 9,
      },
      { path: 'penaltyClauses.bands.bands[2].toMinutes', message: 'must be above fromMinutes (30)', line: 10 },
      {
        path: 'penaltyClauses.bands.bands[3].toMinutes',
        message: 'the last band must be open-ended (leave out toMinutes)',
        line: 11,
      },
    ]);
  });

  it('checks partner caps', () => {
    const text = policyWith(
      '  a: { kind: flatPerBreach, amount: { amountMinor: 10, currency: GBP } }\n',
      'penaltyCaps:\n  monthly: { maxMinor: { gbp: 5 } }\n  weekly: { maxMinor: { GBP: 5 } }\n',
    );
    expect(issuesOf(text).map((i) => i.path)).toEqual(['penaltyCaps.monthly', 'penaltyCaps']);
  });
});

describe('PenaltyClauseSchema', () => {
  it('fills in rounding halfUp, divisor calendarDaysInMonth, tiered measure overrun of the monthly charge', () => {
    expect(PenaltyClauseSchema.parse({ kind: 'tieredBands', bands: [{ fromMinutes: 0, percent: 1 }] })).toEqual({
      kind: 'tieredBands',
      measure: 'overrun',
      of: 'monthlyCharge',
      bands: [{ fromMinutes: 0, percent: 1 }],
      rounding: 'halfUp',
    });
  });

  it.each([
    [
      { kind: 'perUnitLate', unit: 'startedHour', rate: { daysOfCharge: 1, of: 'monthlyCharge' } },
      'rate',
      'daysOfCharge needs a day unit (workingDay or calendarDay)',
    ],
    [
      { kind: 'perUnitLate', unit: 'workingDay', rate: { amountMinor: 1, currency: 'GBP' }, grace: { hours: 4 } },
      'grace',
      'a grace duration applies to startedHour clauses; give { units } for days',
    ],
    [
      { kind: 'perUnitLate', unit: 'startedHour', rate: { percent: 1.0000001, of: 'monthlyCharge' } },
      'rate.percent',
      'at most 6 decimal places',
    ],
    [
      { kind: 'perUnitLate', unit: 'startedHour', rate: { amountMinor: 1, currency: 'GBP' }, dailyRateDivisor: 0 },
      'dailyRateDivisor',
      expect.any(String),
    ],
    [
      { kind: 'perUnitLate', unit: 'startedHour', rate: { amountMinor: 1, currency: 'GBP' }, rounding: 'bankers' },
      'rounding',
      expect.stringContaining('halfEven'),
    ],
    [
      { kind: 'flatPerBreach', amount: { amountMinor: -5, currency: 'GBP' } },
      'amount.amountMinor',
      'must not be negative',
    ],
    [
      {
        kind: 'perUnitLate',
        unit: 'startedHour',
        rate: { amountMinor: 1, currency: 'GBP' },
        capPerBreach: { units: 0 },
      },
      'capPerBreach.units',
      'must be at least 1',
    ],
    [
      { kind: 'tieredBands', bands: [{ fromMinutes: 0, toMinutes: 5, percent: 0 }] },
      'bands.0.toMinutes',
      'the last band must be open-ended (leave out toMinutes)',
    ],
    [
      {
        kind: 'tieredBands',
        bands: [
          { fromMinutes: 0, percent: 0 },
          { fromMinutes: 5, percent: 1 },
        ],
      },
      'bands.0.toMinutes',
      'only the last band may be open-ended',
    ],
  ])('refuses %o at %s', (input, path, message) => {
    expect(issuesOfClause(input)).toContainEqual({ path, message });
  });

  it('takes caps as money per currency or a percentage of monthly charges', () => {
    expect(
      PenaltyCapsSchema.parse({
        monthly: { percentOfMonthlyCharges: 100 },
        rolling12Months: { maxMinor: { GBP: 1, USD: 2 } },
      }),
    ).toBeTruthy();
    expect(PenaltyCapsSchema.safeParse({ monthly: { maxMinor: {} } }).success).toBe(false);
  });
});
