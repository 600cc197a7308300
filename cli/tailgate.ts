import { loadEnv } from '../api/env.js';
import { closeStore, openStore, type Db } from '../db/client.js';
import { coverageImportUsage, runCoverageImport, type CliIo } from './coverage-import.js';
import { adapterTrialUsage, runAdapterTrial } from './adapter-trial.js';
import { certifyUsage, runCertify } from './certify.js';
import { certifyOwnUsage, runCertifyOwn } from './certify-own.js';
import { onboardUsage, runOnboard } from './onboard.js';
import { outboundGuard } from '../partners/adapters/outbound.js';
import { policyWhatIfUsage, runPolicyWhatIf } from './policy-what-if.js';
import { reportsCsvUsage, runReportsCsv } from './reports-csv.js';
import { runStoreCopy, storeCopyUsage } from './store-copy.js';

/** `npm run cli -- <group> <command> [options]`: operator commands that work on the database directly. */
const usage = `usage:\n  ${coverageImportUsage}  ${reportsCsvUsage}  ${policyWhatIfUsage}  ${adapterTrialUsage}  ${certifyUsage}  ${onboardUsage}  ${certifyOwnUsage}  ${storeCopyUsage}`;

const [group, command, ...rest] = process.argv.slice(2);
const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
  clock: () => performance.now(),
};

let db: Db | undefined;
const openDb = async () => (db ??= await openStore(loadEnv()));

let exitCode: number;
if (group === 'coverage' && command === 'import') {
  exitCode = await runCoverageImport(rest, openDb, io);
} else if (group === 'reports' && command === 'csv') {
  exitCode = await runReportsCsv(rest, openDb, io);
} else if (group === 'policies' && command === 'what-if') {
  exitCode = await runPolicyWhatIf(rest, openDb, io, loadEnv().financeTimeZone);
} else if (group === 'partners' && command === 'try-mapping') {
  exitCode = await runAdapterTrial(rest, openDb, io);
} else if (group === 'partners' && (command === 'certify' || command === 'onboard')) {
  const env = loadEnv();
  const deps = { db: openDb, outbound: outboundGuard(env.outboundAllow), partnerSecrets: env.partnerSecrets };
  const run = command === 'certify' ? runCertify : runOnboard;
  exitCode = await run(rest, { ...deps, settings: env.certification }, io);
} else if (group === 'store' && command === 'copy-to-postgres') {
  const { databaseUrl, databasePath } = loadEnv();
  exitCode = await runStoreCopy(rest, { databaseUrl, databasePath }, io);
} else if (group === 'tmf' && command === 'certify-own') {
  exitCode = await runCertifyOwn(rest, loadEnv().ownEndpointKeys, io);
} else {
  process.stderr.write(usage);
  exitCode = group === undefined || group === '--help' || group === 'help' ? 0 : 2;
}
if (db) await closeStore(db);
process.exitCode = exitCode;
