import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certifyOwnEndpoints } from '../partners/certification/own-endpoints.js';
import { runCertifyOwn } from '../cli/certify-own.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { capturedIo } from './support/sandbox.js';
import { deliveredOrder, raiseTicket, ticketInput } from './support/tickets.js';

const site = { countryCode: 'GB', postcode: 'SW1A 1AA', productCode: 'ETH-100', bandwidthMbps: 100 };

/** Tailgate's own TMF server side passes the run it holds carriers to (real HTTP, real Temporal). */
describe("Tailgate's own TMF endpoints under the certification run", () => {
  let h: OrderHarness;
  let carrier: { id: string; key: string };

  beforeAll(async () => {
    h = await startOrderHarness();
    carrier = await h.platform.createPartner({ adapter: { orderingApi: 'none', troubleTicketApi: 'none' } });
    const delivered = await deliveredOrder(h.platform, carrier);
    await raiseTicket(h.platform, ticketInput(delivered.id));
  });
  afterAll(() => h?.stop());

  it('passes every check of TMF679, TMF673, and the TMF622 and TMF621 servers, each payload valid to the official file', async () => {
    const report = await certifyOwnEndpoints({
      baseUrl: h.url,
      deskKey: h.platform.keys.desk,
      partnerKey: carrier.key,
      site,
    });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ outcome: 'passed', summary: { failed: 0, skipped: 0 } });
    expect(report.checks.map((c) => c.id)).toEqual([
      'tmf679.create-minimum',
      'tmf679.create-full',
      'tmf679.get',
      'tmf679.list-filter',
      'tmf679.list-fields',
      'tmf679.unknown-id',
      'tmf679.several-items',
      'tmf679.malformed',
      'tmf673.validate-minimum',
      'tmf673.validate-full',
      'tmf673.missing-mandatory',
      ...['tmf622', 'tmf621'].flatMap((api) =>
        ['list', 'get', 'list-filter', 'list-fields', 'unknown-id', 'patch-malformed'].map((c) => `${api}.${c}`),
      ),
    ]);
  });

  it('fails, naming the checks, for a carrier with nothing to pull and for a key Tailgate does not know', async () => {
    const idle = await h.platform.createPartner({ adapter: { orderingApi: 'none', troubleTicketApi: 'none' } });
    const report = await certifyOwnEndpoints({ baseUrl: h.url, deskKey: 'not-a-key', partnerKey: idle.key, site });
    expect(report.outcome).toBe('failed');
    const outcome = (id: string) => report.checks.find((c) => c.id === id);
    expect(outcome('tmf679.create-minimum')).toMatchObject({ outcome: 'failed', status: 401 });
    expect(outcome('tmf679.get')).toMatchObject({ outcome: 'skipped', detail: 'nothing was created' });
    expect(outcome('tmf622.list')).toMatchObject({
      outcome: 'failed',
      detail: 'the carrier has no productOrder for the run to read',
    });
    expect(outcome('tmf622.get')).toMatchObject({ outcome: 'skipped' });
    expect(outcome('tmf622.unknown-id')).toMatchObject({ outcome: 'passed', status: 404 });
  });

  it('runs from the CLI against a running Tailgate, keys from the environment (exit 0: passed)', async () => {
    const run = (argv: string[], keys: { desk?: string; carrier?: string }) => {
      const out = capturedIo();
      const exit = runCertifyOwn(argv, { desk: keys.desk, carrier: keys.carrier }, out.io);
      return exit.then((code) => ({ code, said: out.written() }));
    };
    const passed = await run(['--base-url', h.url], { desk: h.platform.keys.desk, carrier: carrier.key });
    expect(passed.code).toBe(0);
    expect(passed.said).toMatch(/^pass {2}tmf679\.create-minimum {2}Qualify with the minimum request$/m);
    expect(passed.said).toMatch(
      /^PASSED: Tailgate at http:\/\/127\.0\.0\.1:\d+, run cert_[\w-]+ \(23 passed, 0 failed, 0 skipped\)$/m,
    );
    const noCarrier = await run(['--base-url', h.url, '--json'], { desk: h.platform.keys.desk });
    expect(noCarrier.code).toBe(1);
    expect(JSON.parse(noCarrier.said)).toMatchObject({ outcome: 'failed', summary: { failed: 0, skipped: 2 } });
    expect(await run(['--base-url', h.url], {})).toMatchObject({
      code: 2,
      said: expect.stringContaining('TAILGATE_DESK_KEY'),
    });
  });
});
