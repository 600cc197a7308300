import type { Db } from '../../db/client.js';
import { policyVersionStarts, type PolicyStart } from '../../db/repositories/ola-policies.js';
import { selectPolicyVersion } from '../../sla-rules/select.js';

/**
 * The version of a partner's OLA policy in force at `at` (an order's or ticket's placing instant), by sla-rules'
 * selectPolicyVersion: the latest effectiveFrom at or before `at`, the higher version on a tie. Undefined when none
 * was in force yet. effectiveFrom mixes bare dates and zoned datetimes, so the choice is made here, not in SQL. Its
 * document is getPolicyById's to read.
 */
export async function policyInForce(db: Db, partnerId: string, at: string): Promise<PolicyStart | undefined> {
  return selectPolicyVersion(await policyVersionStarts(db, partnerId), at);
}
