/** Shared fixtures for the penalty tests (not part of the library). */
import { loadTemplate } from '../test-fixtures.js';
import { PenaltyClauseSchema, type PenaltyClause } from './clause-schema.js';
import type { BreachToPrice } from './types.js';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export const uk = loadTemplate('uk-ethernet-carrier.yaml');
export const ukOffice = uk.calendars['uk-office']!;

/** A clause as written in a policy, with defaults filled in by the schema. */
export const clause = (input: unknown): PenaltyClause => PenaltyClauseSchema.parse(input);

/** A breach of a circuit at 1,000.00 GBP a month and 2,000.00 GBP to install; override what the example needs. */
export function breach(overrides: Partial<BreachToPrice> = {}): BreachToPrice {
  return {
    breachId: 'brc_1',
    clauseName: 'example',
    dueAt: '2026-05-28T16:30:00Z',
    stoppedAt: '2026-05-28T17:30:00Z',
    overrunMs: HOUR,
    pausedMs: 0,
    calendar: ukOffice,
    charges: { monthlyMinor: 100_000, installMinor: 200_000, currency: 'GBP' },
    ...overrides,
  };
}
