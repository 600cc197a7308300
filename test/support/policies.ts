import type { Db } from '../../db/client.js';
import { insertPolicyVersion, latestPolicyVersion } from '../../db/repositories/ola-policies.js';
import { validatePolicy } from '../../sla-rules/parse-policy.js';

const officeHours = [{ start: '09:00', end: '17:30' }];

/** A policy document with one UK office calendar; pass the OLAs under test. */
export function policyDocument(olas: Record<string, unknown>[]) {
  return {
    id: 'test-policy',
    version: 1,
    effectiveFrom: '2026-01-01',
    calendars: {
      'uk-office': {
        timeZone: 'Europe/London',
        holidayRegion: 'GB-ENG',
        closures: [],
        workingHours: {
          mon: officeHours,
          tue: officeHours,
          wed: officeHours,
          thu: officeHours,
          fri: officeHours,
          sat: [],
          sun: [],
        },
      },
    },
    penaltyClauses: {
      'late-delivery': { kind: 'perUnitLate', unit: 'workingDay', rate: { amountMinor: 1000, currency: 'GBP' } },
    },
    olas,
  };
}

/** Stores a validated policy as the partner's next version. */
export async function givePolicy(
  db: Db,
  partnerId: string,
  document: Omit<ReturnType<typeof policyDocument>, 'penaltyClauses'> & { penaltyClauses: Record<string, unknown> },
) {
  const version = ((await latestPolicyVersion(db, partnerId))?.version ?? 0) + 1;
  const policy = validatePolicy({ ...document, version });
  return await insertPolicyVersion(db, {
    partnerId,
    document: policy,
    source: JSON.stringify(document),
    createdBy: 'test',
    now: new Date(),
  });
}
