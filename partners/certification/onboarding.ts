import type { CsvChunks } from '../directory/csv-records.js';
import { importCoverage } from '../directory/coverage-import.js';
import { insertPolicyVersion, latestPolicyVersion } from '../../db/repositories/ola-policies.js';
import { getPartner } from '../../db/repositories/partners.js';
import type { PartnerCreate } from '../../openapi/partners.js';
import { readPolicyUpload, type PolicyUploadFormat } from '../policies/policy-upload.js';
import { changePartner, registerPartner } from './activation.js';
import { hasCarrierApi } from './fingerprint.js';
import { certifyPartner, type CertificationDeps } from './run.js';

export type OnboardingStepName = 'partner' | 'coverage' | 'policy' | 'certification' | 'activation';
export type OnboardingStep = {
  step: OnboardingStepName;
  outcome: 'done' | 'failed' | 'skipped';
  ms: number;
  detail?: string;
};

export type OnboardingInput = {
  /** The partner as POST /api/v1/partners takes it; it is registered `onboarding` whatever status it names. */
  partner: Omit<PartnerCreate, 'status' | 'activationOverride'>;
  coverage: { csv: CsvChunks; source: string };
  policy: { text: string; format: PolicyUploadFormat };
  /** Activates without a passing certification run (recorded with its reason), as an admin may. */
  activationOverride?: { reason: string } | undefined;
};

export type OnboardingOutcome = {
  partnerId: string | undefined;
  certificationId: string | undefined;
  activated: boolean;
  steps: OnboardingStep[];
};

const order: OnboardingStepName[] = ['partner', 'coverage', 'policy', 'certification', 'activation'];

/**
 * The guided onboarding of a carrier, from nothing to active: register it (onboarding), import its coverage, store its
 * OLA policy, run its certification against its sandbox, and activate it, each step the same use case as its API
 * operation. The first step that fails stops the flow (the rest are skipped), leaving what was done in place to be
 * fixed and continued through the API, the CLI or the dashboard. Every step is timed.
 */
export async function onboardCarrier(
  deps: CertificationDeps,
  input: OnboardingInput,
  by: string,
): Promise<OnboardingOutcome> {
  const steps: OnboardingStep[] = [];
  const outcome: OnboardingOutcome = { partnerId: undefined, certificationId: undefined, activated: false, steps };
  const run = async (step: OnboardingStepName, work: () => Promise<string | undefined>) => {
    const started = performance.now();
    try {
      const detail = await work();
      steps.push({ step, outcome: 'done', ms: Math.round(performance.now() - started), ...(detail ? { detail } : {}) });
      return true;
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      steps.push({ step, outcome: 'failed', ms: Math.round(performance.now() - started), detail });
      for (const rest of order.slice(order.indexOf(step) + 1)) steps.push({ step: rest, outcome: 'skipped', ms: 0 });
      return false;
    }
  };

  const registered = await run('partner', async () => {
    const created = await registerPartner(deps.db, { ...input.partner, status: 'onboarding' }, by, deps.now());
    if ('refused' in created) throw new Error(`${created.refused.path}: ${created.refused.message}`);
    outcome.partnerId = created.partner.id;
    return created.partner.id;
  });
  const partnerId = outcome.partnerId;
  if (!registered || !partnerId) return outcome;

  const imported = await run('coverage', async () => {
    const result = await importCoverage({
      db: deps.db,
      partnerId,
      source: input.coverage.source,
      csv: input.coverage.csv,
      skipInvalid: false,
      now: deps.now,
    });
    if (result.outcome !== 'imported') {
      const first = result.rejections[0];
      const why = first
        ? `; row ${first.row}: ${first.problems.map((p) => `${p.column}: ${p.message}`).join(', ')}`
        : '';
      throw new Error(`coverage ${result.outcome}: ${result.rowsRejected} rows rejected${why}`);
    }
    return `${result.rowsImported} rows`;
  });
  if (!imported) return outcome;

  const stored = await run('policy', async () => {
    const document = readPolicyUpload(
      input.policy.text,
      input.policy.format,
      await latestPolicyVersion(deps.db, partnerId),
    );
    const version = await insertPolicyVersion(deps.db, {
      partnerId,
      document,
      source: input.policy.text,
      createdBy: by,
      now: deps.now(),
    });
    return `version ${version.version}`;
  });
  if (!stored) return outcome;

  const certified = await run('certification', async () => {
    const partner = await getPartner(deps.db, partnerId);
    if (!partner) throw new Error(`partner ${partnerId} is gone`);
    if (!hasCarrierApi(partner)) return 'nothing to certify: the carrier pulls from our TMF servers';
    const report = await certifyPartner(deps, partner, by);
    outcome.certificationId = report.id;
    if (report.outcome === 'passed' || input.activationOverride) return `${report.id} ${report.outcome}`;
    const failed = report.checks.filter((c) => c.outcome !== 'passed').map((c) => c.id);
    throw new Error(`certification ${report.id} failed: ${failed.join(', ')}`);
  });
  if (!certified) return outcome;

  await run('activation', async () => {
    const patch = { status: 'active' as const, activationOverride: input.activationOverride };
    const changed = await changePartner(deps.db, partnerId, patch, by, deps.now());
    if (!changed) throw new Error(`partner ${partnerId} is gone`);
    if ('refused' in changed) throw new Error(changed.refused.message);
    outcome.activated = true;
    return undefined;
  });
  return outcome;
}
