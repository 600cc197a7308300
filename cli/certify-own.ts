import { parseArgs } from 'node:util';
import type { Env } from '../api/env.js';
import { certifyOwnEndpoints } from '../partners/certification/own-endpoints.js';
import { printRun } from './certify.js';
import type { CliIo } from './coverage-import.js';

export const certifyOwnUsage =
  'npm run cli -- tmf certify-own --base-url <url> [--country GB --postcode "SW1A 1AA" --product ETH-100\n' +
  '    --bandwidth 100] [--json]\n' +
  "    Runs the certification suite against a running Tailgate's own TMF endpoints: TMF679 and TMF673 with the\n" +
  '    desk key in TAILGATE_DESK_KEY, the TMF622 and TMF621 servers with the key in TAILGATE_CARRIER_KEY of a\n' +
  '    carrier without an API that has an order and a ticket. Stores three qualifications. Exit 0: passed.\n';

/** `tmf certify-own`: the certification run against our own TMF server side, over HTTP; exit 0 when it passed. */
export async function runCertifyOwn(argv: string[], keys: Env['ownEndpointKeys'], io: CliIo): Promise<number> {
  const parse = () =>
    parseArgs({
      args: argv,
      options: {
        'base-url': { type: 'string' },
        country: { type: 'string', default: 'GB' },
        postcode: { type: 'string', default: 'SW1A 1AA' },
        product: { type: 'string', default: 'ETH-100' },
        bandwidth: { type: 'string', default: '100' },
        json: { type: 'boolean' },
      },
    });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\nusage: ${certifyOwnUsage}`);
    return 2;
  }
  const { values } = parsed;
  const bandwidthMbps = Number(values.bandwidth);
  const deskKey = keys.desk;
  if (!values['base-url'] || !deskKey || !Number.isInteger(bandwidthMbps) || bandwidthMbps <= 0) {
    io.stderr.write(`${deskKey ? '' : 'set TAILGATE_DESK_KEY\n'}usage: ${certifyOwnUsage}`);
    return 2;
  }
  const report = await certifyOwnEndpoints(
    {
      baseUrl: values['base-url'],
      deskKey,
      partnerKey: keys.carrier,
      site: { countryCode: values.country, postcode: values.postcode, productCode: values.product, bandwidthMbps },
    },
    io.now,
  );
  printRun(report, `Tailgate at ${report.baseUrl}`, values.json === true, io);
  return report.outcome === 'passed' ? 0 : 1;
}
