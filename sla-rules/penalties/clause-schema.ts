/**
 * The penalty clause and partner cap shapes of an OLA policy (`penaltyClauses`, `penaltyCaps`). Workflow-safe: zod
 * only. Money is integer minor units with an ISO currency; percentages are exact decimals (at most 6 places).
 */
import { z } from 'zod';
import { decimalOf } from './exact.js';

const minorUnits = z.number().int('must be a whole number of minor units').nonnegative('must not be negative');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as GBP');
const percent = z
  .number()
  .nonnegative('must not be negative')
  .refine((p) => Number.isFinite(p) && 10n ** 6n % decimalOf(p).d === 0n, 'at most 6 decimal places');
const positiveCount = z.number().int('must be a whole number').min(1, 'must be at least 1');

export const chargeKinds = ['monthlyCharge', 'installCharge'] as const;
export const roundingModes = ['halfUp', 'halfEven', 'down', 'up'] as const;
export const lateUnits = ['workingDay', 'calendarDay', 'startedHour'] as const;

/** A fixed amount of money. */
const Money = z.strictObject({ amountMinor: minorUnits, currency });
/** A percentage of one of the circuit's charges (in the charge's currency). */
const ChargeShare = z.strictObject({ percent, of: z.enum(chargeKinds) });
/** N days of the monthly charge: monthly × N / dailyRateDivisor (day units only). */
const DaysOfMonthlyCharge = z.strictObject({
  daysOfCharge: z.number().positive('must be above 0'),
  of: z.literal('monthlyCharge'),
});
const Duration = z
  .strictObject({
    hours: z.number().int('must be a whole number').nonnegative().default(0),
    minutes: z.number().int('must be a whole number').nonnegative().default(0),
  })
  .refine((d) => d.hours * 60 + d.minutes > 0, 'a duration must be longer than zero');

const amountForms = 'give { amountMinor, currency } or { percent, of }';
const Amount = z.union([Money, ChargeShare], { error: amountForms });
const Rounding = z.enum(roundingModes).default('halfUp');

const PerUnitLate = z
  .strictObject({
    kind: z.literal('perUnitLate'),
    unit: z.enum(lateUnits),
    rate: z.union([Money, ChargeShare, DaysOfMonthlyCharge], {
      error: `${amountForms} or { daysOfCharge, of: monthlyCharge }`,
    }),
    grace: z
      .union([z.strictObject({ units: positiveCount }), Duration], {
        error: 'give { units } or a duration { hours, minutes }',
      })
      .optional(),
    capPerBreach: z
      .union([Money, ChargeShare, z.strictObject({ units: positiveCount })], { error: `${amountForms} or { units }` })
      .optional(),
    /**
     * Days a monthly charge is divided by for a daily rate: a number (e.g. 30.5) or the days of the month the breach
     * became final.
     */
    dailyRateDivisor: z
      .union([z.number().positive('must be above 0'), z.literal('calendarDaysInMonth')])
      .default('calendarDaysInMonth'),
    rounding: Rounding,
  })
  .superRefine((c, ctx) => {
    if ('daysOfCharge' in c.rate && c.unit === 'startedHour') {
      ctx.addIssue({
        code: 'custom',
        path: ['rate'],
        message: 'daysOfCharge needs a day unit (workingDay or calendarDay)',
      });
    }
    if (c.grace && !('units' in c.grace) && c.unit !== 'startedHour') {
      ctx.addIssue({
        code: 'custom',
        path: ['grace'],
        message: 'a grace duration applies to startedHour clauses; give { units } for days',
      });
    }
  });

const Band = z.strictObject({
  fromMinutes: z.number().nonnegative('must not be negative'),
  /** Exclusive upper bound; absent on the last band only (open-ended). */
  toMinutes: z.number().positive('must be above 0').optional(),
  percent,
});

/** Bands are half-open [from, to): they must start at 0, follow on without gaps or overlaps, and end open-ended. */
const Bands = z
  .array(Band)
  .min(1, 'give at least one band')
  .superRefine((bands, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (bands[0]!.fromMinutes !== 0) issue([0, 'fromMinutes'], 'the first band must start at 0');
    bands.forEach((b, i) => {
      const last = i === bands.length - 1;
      if (b.toMinutes === undefined && !last) issue([i, 'toMinutes'], 'only the last band may be open-ended');
      if (b.toMinutes !== undefined && last)
        issue([i, 'toMinutes'], 'the last band must be open-ended (leave out toMinutes)');
      if (b.toMinutes !== undefined && b.toMinutes <= b.fromMinutes)
        issue([i, 'toMinutes'], `must be above fromMinutes (${b.fromMinutes})`);
      const previous = bands[i - 1];
      if (previous?.toMinutes !== undefined && b.fromMinutes !== previous.toMinutes) {
        issue(
          [i, 'fromMinutes'],
          `must equal the previous band's toMinutes (${previous.toMinutes}): bands must be contiguous and ascending`,
        );
      }
    });
  });

const TieredBands = z.strictObject({
  kind: z.literal('tieredBands'),
  /** overrun: this breach's overrun; monthlyOutage: the circuit's outage total for the month, summed by the caller. */
  measure: z.enum(['overrun', 'monthlyOutage']).default('overrun'),
  of: z.enum(chargeKinds).default('monthlyCharge'),
  bands: Bands,
  rounding: Rounding,
});

const FlatPerBreach = z.strictObject({ kind: z.literal('flatPerBreach'), amount: Amount, rounding: Rounding });

const clauseKinds = ['perUnitLate', 'tieredBands', 'flatPerBreach'] as const;
export const PenaltyClauseSchema = z.discriminatedUnion('kind', [PerUnitLate, TieredBands, FlatPerBreach], {
  error: `kind must be one of ${clauseKinds.join(', ')}`,
});
export type PenaltyClause = z.output<typeof PenaltyClauseSchema>;
export type PerUnitLateClause = Extract<PenaltyClause, { kind: 'perUnitLate' }>;
export type TieredBandsClause = Extract<PenaltyClause, { kind: 'tieredBands' }>;
export type FlatPerBreachClause = Extract<PenaltyClause, { kind: 'flatPerBreach' }>;
export type RoundingMode = (typeof roundingModes)[number];
export type ChargeKind = (typeof chargeKinds)[number];

/** A partner cap: money per currency, or a percentage of the month's monthly charges (see applyPartnerCaps). */
const CapLimit = z.union(
  [
    z.strictObject({
      maxMinor: z.record(currency, minorUnits).refine((m) => Object.keys(m).length > 0, 'give at least one currency'),
    }),
    z.strictObject({ percentOfMonthlyCharges: percent }),
  ],
  { error: 'give { maxMinor: { GBP: 100000 } } or { percentOfMonthlyCharges }' },
);
export const PenaltyCapsSchema = z.strictObject({ monthly: CapLimit.optional(), rolling12Months: CapLimit.optional() });
export type PenaltyCaps = z.output<typeof PenaltyCapsSchema>;
export type CapLimit = z.output<typeof CapLimit>;
