import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { startSandbox } from '../test/support/sandbox.js';
import { benchStoreKind, openBenchStore } from './support/bench-store.js';
import { round } from './support/stats.js';

/**
 * `npm run bench -- onboard [--store sqlite|postgres] [--rows 50000] [--family tmf|sonata]`: a new carrier from nothing
 * to certified and active, as an operator does it: `npm run cli -- partners onboard <manifest>` in a process of its
 * own, against a store that has never seen the carrier (on SQLite a file that does not exist yet, which the CLI creates
 * and migrates; on PostgreSQL a new database, migrated before the timed run), with its coverage file (`--rows` rows),
 * the UK OLA policy template, and a simulated sandbox over loopback HTTP: TMF622/TMF621 v5 (`tmf`), or MEF LSO Sonata
 * ordering, trouble tickets and POQ (`sonata`). Baseline, in the same run: the same CLI process started to print its
 * usage, the floor of any command.
 */
const { values: args } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    rows: { type: 'string', default: '50000' },
    family: { type: 'string', default: 'tmf' },
  },
});
if (args.family !== 'tmf' && args.family !== 'sonata') throw new Error('--family is tmf or sonata');
const ROWS = Number(args.rows);
const GOAL_SECONDS = 600;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const log = (m: string) => process.stderr.write(`[bench onboard] ${m}\n`);
const run = promisify(execFile);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-bench-onboard-'));
const kind = benchStoreKind(args.store);
// PostgreSQL: a new database the CLI migrates. SQLite: only a path; the CLI creates the file.
const store = kind === 'postgres' ? await openBenchStore(kind, dir) : undefined;
const databasePath = path.join(dir, 'onboard.db');
const sim = await startSandbox();

// The carrier's files, as it would send them: coverage of postcode units across London districts (two products
// each), and the policy template.
const districts = ['SW1A', 'EC1A', 'SE1', 'N1', 'E1', 'W1', 'NW1', 'WC1', 'WC2', 'EC2'];
const letters = 'ABDEFGHJLNPQRSTUWXYZ';
const lines = [
  'location_key,product_code,bandwidth_mbps,access_type,install_charge,monthly_charge,currency,lead_time_days',
];
units: for (const district of districts)
  for (let sector = 1; sector <= 9; sector++)
    for (const a of letters)
      for (const b of letters)
        for (const mbps of [100, 1000]) {
          if (lines.length > ROWS) break units;
          lines.push(
            `${district} ${sector}${a}${b},ETH-${mbps},${mbps},on-net,450.00,300.00,GBP,${20 + (lines.length % 30)}`,
          );
        }
if (lines.length - 1 < ROWS) throw new Error(`at most ${lines.length - 1} coverage rows`);
fs.writeFileSync(path.join(dir, 'coverage.csv'), `${lines.join('\n')}\n`);
fs.copyFileSync(path.join(root, 'sla-rules/templates/uk-ethernet-carrier.yaml'), path.join(dir, 'policy.yaml'));
const manifest = path.join(dir, 'manifest.json');
// A Sonata carrier's mapping: each product's Access E-Line configuration, our contact.
const ovc = (mbps: number) => ({
  '@type': 'urn:mef:lso:spec:sonata:access-eline-ovc:v5.0.0:all',
  uniEp: { ingressBandwidthProfilePerEndPoint: { cir: { irValue: '{{bandwidthMbps}}', irUnits: 'MBPS' } } },
  maximumFrameSize: mbps >= 1000 ? 9000 : 1526,
});
const sonataAdapter = {
  orderingApi: 'sonata-v10',
  troubleTicketApi: 'sonata-v4',
  qualificationApi: 'sonata-poq-v7',
  baseUrl: sim.sonataRoot,
  buyerContact: { name: 'Tailgate Desk', emailAddress: 'desk@tailgate.example', number: '+44 20 7946 0000' },
  productCodeMap: { 'ETH-100': 'ACCESS-ELINE-100', 'ETH-1000': 'ACCESS-ELINE-1000' },
  productSpecifications: {
    'ETH-100': { id: 'AccessEline', productConfiguration: ovc(100) },
    'ETH-1000': { id: 'AccessEline', productConfiguration: ovc(1000) },
  },
};
fs.writeFileSync(
  manifest,
  JSON.stringify({
    partner: {
      name: 'Bench Onboarded Carrier',
      country: 'GB',
      defaultCurrency: 'GBP',
      adapter:
        args.family === 'sonata'
          ? sonataAdapter
          : { orderingApi: 'tmf622-v5', troubleTicketApi: 'tmf621-v5', baseUrl: sim.apiRoot },
      escalation: [{ level: 1, name: 'Service desk', channel: 'email', address: 'noc@carrier.example' }],
      calendar: { timeZone: 'Europe/London', holidayRegion: 'GB-ENG' },
    },
    coverageCsv: 'coverage.csv',
    olaPolicy: 'policy.yaml',
  }),
);

const env = {
  ...process.env,
  LOG_LEVEL: 'silent',
  OUTBOUND_ALLOW: '127.0.0.0/8',
  DATABASE_PATH: databasePath,
  ...(store?.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}),
};
const cli = (...cliArgs: string[]) =>
  run(process.execPath, ['--import', 'tsx', path.join(root, 'cli/tailgate.ts'), ...cliArgs], { env, cwd: root });

log('baseline: the CLI process printing its usage');
let started = performance.now();
await cli('help');
const startupMs = performance.now() - started;

log(`onboarding: ${ROWS.toLocaleString('en')} coverage rows, policy template, certification against the sandbox`);
started = performance.now();
const { stdout } = await cli('partners', 'onboard', manifest, '--json');
const wallMs = performance.now() - started;
const outcome = JSON.parse(stdout) as { activated: boolean; steps: { step: string; outcome: string; ms: number }[] };

await sim.close();
await store?.close();
fs.rmSync(dir, { recursive: true, force: true });

const wallSeconds = wallMs / 1000;
const sandboxName = args.family === 'sonata' ? 'MEF LSO Sonata ordering, trouble ticket and POQ' : 'TMF622/621 v5';
process.stdout.write(
  `${JSON.stringify({
    bench: 'onboard',
    store: kind,
    case:
      kind === 'sqlite'
        ? 'a carrier never seen; a cold CLI process on a SQLite file that does not exist yet (created and migrated in ' +
          `the timed run); ${sandboxName} sandbox`
        : 'a carrier never seen; a cold CLI process on a new PostgreSQL database (migrated by the benchmark before the ' +
          `timed run); ${sandboxName} sandbox`,
    family: args.family,
    coverage_rows: ROWS,
    activated: outcome.activated,
    steps_ms: Object.fromEntries(outcome.steps.map((s) => [s.step, s.ms])),
    steps_failed: outcome.steps.filter((s) => s.outcome !== 'done').map((s) => s.step),
    wall_s: round(wallSeconds, 2),
    baseline_cli_startup_s: round(startupMs / 1000, 2),
    wall_vs_cli_startup: round(wallMs / startupMs, 2),
    baseline: 'the same CLI process started to print its usage (process start, module load), same run',
    goals: { wall_s_max: GOAL_SECONDS, met: outcome.activated && wallSeconds < GOAL_SECONDS },
  })}\n`,
);
