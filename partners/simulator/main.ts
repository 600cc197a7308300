import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { z } from 'zod';
import { BehaviourProfileSchema, demoProfile, profiles, type BehaviourProfile } from './profile.js';
import { startSimulator } from './server.js';

/**
 * Runs one simulated carrier from the command line, e.g.
 *   npx tsx partners/simulator/main.ts --port 4622 --profile demo
 *   npx tsx partners/simulator/main.ts --profile ./my-carrier.json   (a JSON object overriding the demo profile)
 * Settings come from argv only: api/env.ts is the one reader of the environment.
 */
const usage =
  'usage: main.ts [--port N (0 = any free port)] [--host H] [--profile demo|fast|flaky|<file.json>] [--seed N] [--listener-auth "<Authorization value>"] [--require-auth "<value>" [--require-auth-header <name>]]';

function loadProfile(spec: string, seed: string | undefined): BehaviourProfile {
  const base =
    spec in profiles
      ? profiles[spec as keyof typeof profiles]
      : { ...demoProfile, name: spec, ...(JSON.parse(fs.readFileSync(spec, 'utf8')) as object) };
  return BehaviourProfileSchema.parse(seed === undefined ? base : { ...base, seed: Number(seed) });
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4622' },
      host: { type: 'string', default: '127.0.0.1' },
      profile: { type: 'string', default: 'demo' },
      seed: { type: 'string' },
      'listener-auth': { type: 'string' },
      'require-auth': { type: 'string' },
      'require-auth-header': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0-65535\n${usage}`);
  const log = pino({ name: 'partner-simulator' });
  const simulator = await startSimulator({
    port,
    host: values.host,
    profile: loadProfile(values.profile, values.seed),
    ...(values['listener-auth'] ? { listenerAuth: values['listener-auth'] } : {}),
    ...(values['require-auth'] ? { requireAuth: values['require-auth'] } : {}),
    ...(values['require-auth-header'] ? { requireAuthHeader: values['require-auth-header'] } : {}),
    log,
  });
  log.info(
    { baseUrl: simulator.apiRoot },
    'adapter baseUrl (TMF622 under /productOrderingManagement/<v4|v5>, TMF621 under /troubleTicket/<v4|v5>)',
  );
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(
    err instanceof z.ZodError ? `invalid profile:\n${z.prettifyError(err)}` : err instanceof Error ? err.message : err,
  );
  process.exit(1);
});
