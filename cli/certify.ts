import { parseArgs } from 'node:util';
import type { Db } from '../db/client.js';
import { getPartner } from '../db/repositories/partners.js';
import type { OutboundGuard } from '../partners/adapters/outbound.js';
import { hasCarrierApi } from '../partners/certification/fingerprint.js';
import { certifyPartner, type CertificationReport, type CertificationSettings } from '../partners/certification/run.js';
import type { CliIo } from './coverage-import.js';

export const certifyUsage =
  'npm run cli -- partners certify <partner id> [--json]\n' +
  "    Runs the certification suite against the partner's API and stores the report, as\n" +
  '    POST /api/v1/partners/{id}/certifications; prints each check (or the report as JSON). Exit 0: passed.\n';

export type CertifyDeps = {
  db: () => Db | Promise<Db>;
  outbound: OutboundGuard;
  partnerSecrets: ReadonlyMap<string, string>;
  settings: CertificationSettings;
};

const marks = { passed: 'pass', failed: 'FAIL', skipped: 'skip' } as const;

/** `partners certify`: one certification run from the command line; exit 0 when it passed, 1 when not. */
export async function runCertify(argv: string[], deps: CertifyDeps, io: CliIo): Promise<number> {
  const parse = () => parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\nusage: ${certifyUsage}`);
    return 2;
  }
  const [partnerId] = parsed.positionals;
  if (!partnerId || parsed.positionals.length > 1) {
    io.stderr.write(`usage: ${certifyUsage}`);
    return 2;
  }
  const db = await deps.db();
  const partner = await getPartner(db, partnerId);
  if (!partner) {
    io.stderr.write(`no partner ${partnerId}\n`);
    return 1;
  }
  if (!hasCarrierApi(partner)) {
    io.stderr.write(`partner ${partnerId} has no API of its own to certify: it pulls from our TMF servers\n`);
    return 1;
  }
  const report = await certifyPartner(
    { db, now: io.now, outbound: deps.outbound, partnerSecrets: deps.partnerSecrets, settings: deps.settings },
    partner,
    'cli',
  );
  printRun(report, partner.name, parsed.values.json === true, io);
  return report.outcome === 'passed' ? 0 : 1;
}

/** A run's report as JSON, or each check on a line (with the spec's complaints under it) and the outcome. */
export function printRun(
  report: Pick<CertificationReport, 'id' | 'outcome' | 'summary' | 'checks'>,
  subject: string,
  json: boolean,
  io: CliIo,
): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  for (const check of report.checks) {
    const said = check.detail ? `: ${check.detail}` : '';
    io.stdout.write(`${marks[check.outcome]}  ${check.id}  ${check.title}${said}\n`);
    for (const complaint of check.specErrors ?? []) io.stdout.write(`        ${complaint}\n`);
  }
  const { passed, failed, skipped } = report.summary;
  io.stdout.write(
    `${report.outcome.toUpperCase()}: ${subject}, run ${report.id} (${passed} passed, ${failed} failed, ` +
      `${skipped} skipped)\n`,
  );
}
