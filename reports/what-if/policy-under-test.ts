import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { getPolicyVersion } from '../../db/repositories/ola-policies.js';
import { parsePolicy } from '../../sla-rules/parse-policy.js';
import type { PolicyOverride } from '../../tails/sla/context.js';

/** The policy a what-if measures with: one of the partner's stored versions, or a draft nobody stored. */
export type PolicyUnderTest = PolicyOverride & { source: 'stored' | 'draft' };

export type PolicyChoice = { version: number } | { document: string; format?: 'yaml' | 'json' | undefined };

/**
 * The policy a what-if asks for: a stored version of the partner's policy (undefined when it has none by that
 * number), or a draft document, validated as an upload is (a PolicyError names each wrong field and its line). A
 * draft's id is its content's hash, so its expanded calendars are cached like a stored version's.
 */
export async function policyUnderTest(
  db: Db,
  partnerId: string,
  choice: PolicyChoice,
): Promise<PolicyUnderTest | undefined> {
  if ('version' in choice) {
    const stored = await getPolicyVersion(db, partnerId, choice.version);
    return stored && { id: stored.id, document: stored.document, source: 'stored' };
  }
  const document = parsePolicy(choice.document, choice.format);
  const hash = createHash('sha256').update(choice.document).digest('hex').slice(0, 20);
  return { id: `draft_${hash}`, document, source: 'draft' };
}
