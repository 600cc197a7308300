import type { Db } from '../../db/client.js';
import { getPolicyById, policyVersionStarts, type StoredPolicy } from '../../db/repositories/ola-policies.js';
import { selectPolicyVersion } from '../../sla-rules/select.js';

/**
 * The version of a partner's OLA policy in force at `at` (an order's or ticket's placing instant), by sla-rules'
 * selectPolicyVersion: the latest effectiveFrom at or before `at`, the higher version on a tie. Undefined when none
 * was in force yet. effectiveFrom mixes bare dates and zoned datetimes, so the choice is made here, not in SQL.
 */
export async function policyInForce(db: Db, partnerId: string, at: string): Promise<StoredPolicy | undefined> {
  const chosen = selectPolicyVersion(await policyVersionStarts(db, partnerId), at);
  return chosen && (await getPolicyById(db, chosen.id));
}
