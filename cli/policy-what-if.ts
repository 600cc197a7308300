import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Db } from '../db/client.js';
import { getPartner } from '../db/repositories/partners.js';
import { WhatIfRequestSchema } from '../openapi/what-if.js';
import { evaluateWhatIf } from '../reports/what-if/evaluate.js';
import { PolicyError } from '../sla-rules/parse-policy.js';
import type { CliIo } from './coverage-import.js';

export const policyWhatIfUsage =
  'npm run cli -- policies what-if --partner <partner id> (--version <n> | --draft <policy.yaml|.json>)\n' +
  '        [--timeline <timeline.json>] [--months <YYYY-MM,YYYY-MM,...>]\n' +
  '    Prints what the policy would measure and charge, as JSON: the same answer as\n' +
  '    POST /api/v1/partners/{id}/policy-what-if (timeline.json holds its `timeline` object).\n';

type Options = { partner?: string; version?: string; draft?: string; timeline?: string; months?: string };

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The request the options describe, as the API's body would be (not yet validated). */
function requestOf(o: Options): unknown {
  const policy = o.draft
    ? { document: fs.readFileSync(o.draft, 'utf8'), format: o.draft.endsWith('.json') ? 'json' : 'yaml' }
    : { version: Number(o.version) };
  return {
    policy,
    ...(o.timeline && { timeline: readJson(o.timeline) }),
    ...(o.months && { months: o.months.split(',').map((m) => m.trim()) }),
  };
}

/** `policies what-if`: evaluates a stored policy version or a draft file against a timeline and/or months. */
export async function runPolicyWhatIf(
  argv: string[],
  db: () => Db | Promise<Db>,
  io: CliIo,
  timeZone: string,
): Promise<number> {
  let values: Options;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        partner: { type: 'string' },
        version: { type: 'string' },
        draft: { type: 'string' },
        timeline: { type: 'string' },
        months: { type: 'string' },
      },
    }));
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\nusage: ${policyWhatIfUsage}`);
    return 2;
  }
  if (!values.partner || (values.version === undefined) === (values.draft === undefined)) {
    io.stderr.write(`usage: ${policyWhatIfUsage}`);
    return 2;
  }
  let body: unknown;
  try {
    body = requestOf(values);
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const parsed = WhatIfRequestSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      io.stderr.write(`${issue.path.join('.') || '(request)'}: ${issue.message}\n`);
    return 2;
  }
  const database = await db();
  const partner = await getPartner(database, values.partner);
  if (!partner) {
    io.stderr.write(`no partner ${values.partner}\n`);
    return 1;
  }
  try {
    const result = await evaluateWhatIf(database, partner, parsed.data, { timeZone, now: io.now() });
    if (!result) {
      io.stderr.write(`partner ${partner.id} has no OLA policy version ${values.version}\n`);
      return 1;
    }
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    for (const i of err.issues) io.stderr.write(`${i.path}${i.line ? ` (line ${i.line})` : ''}: ${i.message}\n`);
    return 2;
  }
}
