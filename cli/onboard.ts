import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { OnboardingOverrideSchema, OnboardingPartnerSchema } from '../openapi/onboarding.js';
import { onboardCarrier } from '../partners/certification/onboarding.js';
import type { CertifyDeps } from './certify.js';
import type { CliIo } from './coverage-import.js';

export const onboardUsage =
  'npm run cli -- partners onboard <manifest.json> [--json]\n' +
  '    Onboards a carrier from nothing to active: registers the partner the manifest describes, imports its coverage\n' +
  '    CSV, stores its OLA policy, certifies its API and activates it; stops at the first step that fails. Manifest:\n' +
  '    {"partner": {…as POST /api/v1/partners}, "coverageCsv": "<file>", "olaPolicy": "<file .yaml or .json>",\n' +
  '    "activationOverride": {"reason": "…"} (optional)}; files relative to the manifest.\n';

const ManifestSchema = z.object({
  partner: OnboardingPartnerSchema,
  coverageCsv: z.string().min(1),
  olaPolicy: z.string().min(1),
  activationOverride: OnboardingOverrideSchema,
});

/** `partners onboard`: the guided onboarding from a manifest; exit 0 when the carrier ends active. */
export async function runOnboard(argv: string[], deps: CertifyDeps, io: CliIo): Promise<number> {
  const parse = () => parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\nusage: ${onboardUsage}`);
    return 2;
  }
  const [manifestFile] = parsed.positionals;
  if (!manifestFile || parsed.positionals.length > 1) {
    io.stderr.write(`usage: ${onboardUsage}`);
    return 2;
  }
  let manifest: z.infer<typeof ManifestSchema>;
  let policyText: string;
  const here = path.dirname(path.resolve(manifestFile));
  try {
    const read = ManifestSchema.safeParse(JSON.parse(fs.readFileSync(manifestFile, 'utf8')));
    if (!read.success) {
      for (const issue of read.error.issues)
        io.stderr.write(`${issue.path.join('.') || '(manifest)'}: ${issue.message}\n`);
      return 2;
    }
    manifest = read.data;
    policyText = fs.readFileSync(path.resolve(here, manifest.olaPolicy), 'utf8');
    fs.accessSync(path.resolve(here, manifest.coverageCsv), fs.constants.R_OK);
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const outcome = await onboardCarrier(
    {
      db: await deps.db(),
      now: io.now,
      outbound: deps.outbound,
      partnerSecrets: deps.partnerSecrets,
      settings: deps.settings,
    },
    {
      partner: manifest.partner,
      coverage: {
        csv: fs.createReadStream(path.resolve(here, manifest.coverageCsv)),
        source: `cli:${manifest.coverageCsv}`,
      },
      policy: { text: policyText, format: /\.json$/i.test(manifest.olaPolicy) ? 'json' : 'yaml' },
      activationOverride: manifest.activationOverride,
    },
    'cli',
  );
  if (parsed.values.json) io.stdout.write(`${JSON.stringify(outcome)}\n`);
  else {
    for (const s of outcome.steps)
      io.stdout.write(
        `${s.outcome.padEnd(7)} ${s.step.padEnd(13)} ${String(s.ms).padStart(6)} ms  ${s.detail ?? ''}\n`,
      );
    io.stdout.write(
      outcome.activated
        ? `ACTIVE: partner ${outcome.partnerId} (certification ${outcome.certificationId ?? 'not needed'})\n`
        : `NOT ACTIVE: ${outcome.partnerId ? `partner ${outcome.partnerId} stays onboarding` : 'nothing registered'}\n`,
    );
  }
  return outcome.activated ? 0 : 1;
}
