import type { StoredPolicy } from '../../../db/repositories/ola-policies.js';
import type { OlaPolicyVersion } from '../../../openapi/ola-policies.js';
import { PolicyError } from '../../../sla-rules/parse-policy.js';
import { ApiError } from '../../errors.js';

export const toOlaPolicyVersion = (stored: StoredPolicy): OlaPolicyVersion => ({
  id: stored.id,
  partnerId: stored.partnerId,
  version: stored.version,
  effectiveFrom: stored.effectiveFrom,
  createdAt: stored.createdAt,
  olas: stored.document.olas.map(({ id, metric, appliesTo, target }) => ({ id, metric, appliesTo, target })),
});

export const toOlaPolicyVersionDetail = (stored: StoredPolicy) => ({
  ...toOlaPolicyVersion(stored),
  document: stored.document,
  source: stored.source,
});

/** A rejected policy document as 422 problem+json: one error per issue, the YAML line (when known) in the message. */
export function policyProblem(err: unknown): unknown {
  if (!(err instanceof PolicyError)) return err;
  const errors = err.issues.map((issue) => ({
    path: issue.path || '(root)',
    message: issue.line === undefined ? issue.message : `line ${issue.line}: ${issue.message}`,
  }));
  const first = errors[0];
  const detail = `The OLA policy document is invalid${first ? ` (${first.path}: ${first.message})` : ''}; nothing was stored`;
  return new ApiError('validation_failed', detail, errors, { issues: err.issues });
}
