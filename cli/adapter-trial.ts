import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Db } from '../db/client.js';
import { getPartner } from '../db/repositories/partners.js';
import { AdapterTrialRequestSchema } from '../openapi/adapter-trial.js';
import { tryMapping } from '../partners/adapters/mapping-trial.js';
import type { CliIo } from './coverage-import.js';

export const adapterTrialUsage =
  'npm run cli -- partners try-mapping --partner <partner id> [--adapter <settings.json>]\n' +
  '        [--product-order <productOrder.json>] [--trouble-ticket <troubleTicket.json>] [--order <order.json>]\n' +
  "    Prints how the adapter settings (the partner's, or a candidate file) read the sample payloads and what\n" +
  '    ProductOrder they send, as JSON: the same answer as POST /api/v1/partners/{id}/adapter-trial.\n';

const fileOptions = {
  adapter: 'adapter',
  'product-order': 'productOrder',
  'trouble-ticket': 'troubleTicket',
  order: 'order',
} as const;

/** `partners try-mapping`: tries adapter settings against sample payloads; calls no carrier, saves nothing. */
export async function runAdapterTrial(argv: string[], db: () => Db | Promise<Db>, io: CliIo): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        partner: { type: 'string' },
        ...Object.fromEntries(Object.keys(fileOptions).map((k) => [k, { type: 'string' as const }])),
      },
    }));
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\nusage: ${adapterTrialUsage}`);
    return 2;
  }
  if (!values.partner) {
    io.stderr.write(`usage: ${adapterTrialUsage}`);
    return 2;
  }
  const body: Record<string, unknown> = {};
  try {
    for (const [option, field] of Object.entries(fileOptions)) {
      const file = values[option];
      if (file) body[field] = JSON.parse(fs.readFileSync(file, 'utf8'));
    }
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const parsed = AdapterTrialRequestSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      io.stderr.write(`${issue.path.join('.') || '(request)'}: ${issue.message}\n`);
    return 2;
  }
  const partner = await getPartner(await db(), values.partner);
  if (!partner) {
    io.stderr.write(`no partner ${values.partner}\n`);
    return 1;
  }
  const { adapter, ...samples } = parsed.data;
  io.stdout.write(`${JSON.stringify(tryMapping(adapter ?? partner.adapter, samples), null, 2)}\n`);
  return 0;
}
