import type { Db } from '../../db/client.js';
import { getPolicyById, type StoredPolicy } from '../../db/repositories/ola-policies.js';
import { resolveCalendar } from '../../sla-rules/holidays.js';
import type { Policy, ResolvedCalendar } from '../../sla-rules/types.js';

/**
 * The one cache of OLA policy versions and their business calendars, for the clocks (context.ts) and for penalty
 * pricing (reports/price-outcome.ts) alike: one window of public holidays around a year, expanded once per calendar.
 * Stored versions are never edited (a change is a new version), so each is read once by its random id.
 */

const MAX_ENTRIES = 500;
const policies = new Map<string, StoredPolicy>();
const calendars = new Map<string, ResolvedCalendar>();
const versionCalendars = new Map<string, Record<string, ResolvedCalendar>>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, value);
  return value;
}

export async function cachedPolicy(db: Db, policyId: string): Promise<StoredPolicy | undefined> {
  const cached = policies.get(policyId);
  if (cached) return cached;
  const stored = await getPolicyById(db, policyId);
  return stored && remember(policies, policyId, stored);
}

/** Public holidays are known from this many years before the year a calendar is asked for to as many after. */
export const HOLIDAY_YEARS_AROUND = 2;

/**
 * A stored policy version's calendars with public holidays expanded around `year` (an order's placing year, a
 * report's year): date-holidays is no workflow code, so workflows get them as data. Partners' policies mostly share
 * calendars, so each distinct calendar is expanded once per year.
 */
export function policyCalendars(stored: Pick<StoredPolicy, 'id' | 'document'>, year: number) {
  const key = `${stored.id}:${year}`;
  return versionCalendars.get(key) ?? remember(versionCalendars, key, expand(stored.document, year));
}

function expand(policy: Pick<Policy, 'calendars'>, year: number): Record<string, ResolvedCalendar> {
  return Object.fromEntries(
    Object.entries(policy.calendars).map(([name, spec]) => {
      const key = JSON.stringify([year, name, spec]);
      const calendar =
        calendars.get(key) ??
        remember(calendars, key, resolveCalendar(spec, year - HOLIDAY_YEARS_AROUND, year + HOLIDAY_YEARS_AROUND, name));
      return [name, calendar];
    }),
  );
}
