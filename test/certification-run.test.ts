import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificationsOf, newestCertifications } from '../db/repositories/certifications.js';
import { insertPartner } from '../db/repositories/partners.js';
import { PartnerCreateSchema } from '../openapi/partners.js';
import { certifyPartner, type CertificationDeps } from '../partners/certification/run.js';
import type { RunningSimulator } from '../partners/simulator/server.js';
import { startSandbox, testCertificationSettings } from './support/sandbox.js';
import { partnerInput } from './support/factories.js';
import { testOutbound } from './support/outbound.js';
import { storeForTests } from './support/store.js';

describe('certification run against the partner simulator', () => {
  const store = storeForTests();
  let sim: RunningSimulator;
  let deps: CertificationDeps;
  beforeAll(async () => {
    sim = await startSandbox();
    deps = {
      db: store.db,
      now: () => new Date(),
      outbound: testOutbound,
      partnerSecrets: new Map(),
      settings: testCertificationSettings,
    };
  });
  afterAll(() => sim.close());

  const partnerWith = async (adapter: Record<string, unknown>) =>
    insertPartner(
      store.db,
      PartnerCreateSchema.parse(partnerInput({ adapter: { baseUrl: sim.apiRoot, ...adapter } })),
      new Date(),
    );

  for (const version of ['v4', 'v5'] as const) {
    it(`passes every check of TMF622 and TMF621 ${version}, and stores the report`, async () => {
      const partner = await partnerWith({ orderingApi: `tmf622-${version}`, troubleTicketApi: `tmf621-${version}` });
      const report = await certifyPartner(deps, partner, 'key_admin');
      const failed = report.checks.filter((c) => c.outcome !== 'passed');
      expect(failed).toEqual([]);
      expect(report.outcome).toBe('passed');
      expect(report.checks.map((c) => c.id)).toContain('tmf621.notifications');
      expect(report.summary).toEqual({ passed: report.checks.length, failed: 0, skipped: 0 });
      const stored = await certificationsOf(store.db, partner.id);
      expect(stored.map((r) => [r.id, r.outcome])).toEqual([[report.id, 'passed']]);
      // What the run created at the carrier carries the run's id, and what it cancelled is cancelled there.
      const made = sim.orders().filter((o) => o.externalIds.some((x) => x.startsWith(report.id)));
      expect(made).toHaveLength(2);
    });
  }

  it("certifies a carrier's TMF679 qualification API beside its ordering API, payloads both ways per the spec", async () => {
    const partner = await partnerWith({ orderingApi: 'tmf622-v4', qualificationApi: 'tmf679-v4' });
    const before = sim.qualifications().length;
    const report = await certifyPartner(deps, partner, 'key_admin');
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report.checks.filter((c) => c.id.startsWith('tmf679.')).map((c) => c.id)).toEqual([
      'tmf679.qualify-minimum',
      'tmf679.qualify-full',
      'tmf679.qualify-any-product',
      'tmf679.get',
      'tmf679.unknown-id',
      'tmf679.missing-mandatory',
    ]);
    expect(sim.qualifications()).toHaveLength(before + 3);
  });

  it('fails a TMF679 carrier whose offers Tailgate cannot read in its terms', async () => {
    // Asked for any product, it also offers ETH-1000, which the partner's productCodeMap does not name.
    const partner = await partnerWith({
      orderingApi: 'none',
      qualificationApi: 'tmf679-v4',
      productCodeMap: { 'ETH-100': 'ETH-100' },
    });
    const report = await certifyPartner(deps, partner, 'key_admin');
    const failed = report.checks.filter((c) => c.outcome === 'failed');
    expect(failed.map((c) => c.id)).toEqual(['tmf679.qualify-any-product']);
    expect(failed[0]?.detail).toContain('(ETH-1000): its product offering is not in productCodeMap');
  });

  it('passes every check of MEF LSO Sonata ordering, trouble tickets and qualification, payloads both ways per the MEF files', async () => {
    const partner = await partnerWith({
      orderingApi: 'sonata-v10',
      troubleTicketApi: 'sonata-v4',
      qualificationApi: 'sonata-poq-v7',
      addressValidationApi: 'sonata-gav-v7',
      baseUrl: sim.sonataRoot,
      buyerContact: { name: 'Desk', emailAddress: 'desk@tailgate.example', number: '+44 20 7946 0000' },
      productSpecifications: {
        'ETH-100': {
          id: 'AccessEline',
          productConfiguration: {
            '@type': 'urn:mef:lso:spec:sonata:access-eline-ovc:v5.0.0:all',
            cir: '{{bandwidthMbps}}',
          },
        },
      },
    });
    const report = await certifyPartner(deps, partner, 'key_admin');
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report.outcome).toBe('passed');
    expect(report.checks.map((c) => c.id)).toEqual([
      'credentials',
      'sonata.reachable',
      'sonata.hub-subscribe',
      'sonata.create-minimum',
      'sonata.create-full',
      'sonata.get',
      'sonata.list-filter',
      'sonata.unknown-id',
      'sonata.missing-mandatory',
      'sonata.notifications',
      'sonata.note',
      'sonata.modify-delivery-date',
      'sonata.withdraw',
      'sonata.hub-unsubscribe',
      'sonata-ticket.reachable',
      'sonata-ticket.hub-subscribe',
      'sonata-ticket.create-minimum',
      'sonata-ticket.create-full',
      'sonata-ticket.get',
      'sonata-ticket.list-filter',
      'sonata-ticket.unknown-id',
      'sonata-ticket.missing-mandatory',
      'sonata-ticket.note',
      'sonata-ticket.notifications',
      'sonata-ticket.withdraw-minimum',
      'sonata-ticket.withdraw-full',
      'sonata-ticket.hub-unsubscribe',
      'sonata-poq.qualify',
      'sonata-poq.get',
      'sonata-poq.unknown-id',
      'sonata-gav.validate',
      'sonata-gav.get',
      'sonata-gav.unknown-id',
    ]);
    expect(sim.orders().filter((o) => o.api === 'sonata' && o.externalIds[0]?.startsWith(report.id))).toHaveLength(2);
    const tickets = sim.tickets().filter((t) => t.api === 'sonata' && t.externalIds[0]?.startsWith(report.id));
    expect(tickets.map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('fails a carrier whose API does not answer, skipping every check after the first', async () => {
    const partner = await partnerWith({ orderingApi: 'tmf622-v4', baseUrl: 'http://127.0.0.1:9/tmf-api' });
    const report = await certifyPartner(deps, partner, 'key_admin');
    expect(report.outcome).toBe('failed');
    expect(report.checks[1]).toMatchObject({ id: 'tmf622.reachable', outcome: 'failed' });
    expect(report.summary).toEqual({ passed: 1, failed: 1, skipped: 11 });

    // Each partner's newest run, in one query: a second run of this partner replaces the first in that list.
    const again = await certifyPartner({ ...deps, now: () => new Date(Date.now() + 60_000) }, partner, 'key_admin');
    const newest = (await newestCertifications(store.db)).filter((r) => r.partnerId === partner.id);
    expect(newest.map((r) => r.id)).toEqual([again.id]);
  });

  it('fails a carrier that ignores fields=, answers 500 for an unknown id and leaves out what the spec requires', async () => {
    const proxy = await nonConformantCarrier(sim.url);
    try {
      const partner = await partnerWith({ orderingApi: 'tmf622-v4', baseUrl: `${proxy.url}/tmf-api` });
      const report = await certifyPartner(deps, partner, 'key_admin');
      expect(report.outcome).toBe('failed');
      const failed = Object.fromEntries(report.checks.filter((c) => c.outcome === 'failed').map((c) => [c.id, c]));
      expect(Object.keys(failed).sort()).toEqual([
        'tmf622.create-full',
        'tmf622.create-minimum',
        'tmf622.list-fields',
        'tmf622.unknown-id',
      ]);
      expect(failed['tmf622.create-minimum']!.specErrors).toEqual([expect.stringContaining('productOrderItem')]);
      expect(failed['tmf622.list-fields']!.detail).toMatch(/has attributes not selected/);
      expect(failed['tmf622.unknown-id']).toMatchObject({
        status: 500,
        detail: expect.stringMatching(/^expected 404/),
      });
      // The carrier did create the orders, so the checks that need them still ran.
      expect(report.checks.find((c) => c.id === 'tmf622.get')).toMatchObject({ outcome: 'passed' });
      expect(report.summary.failed).toBe(4);
    } finally {
      await proxy.close();
    }
  });
});

/**
 * A carrier in front of the simulator that breaks the conventions the run checks: it ignores `fields=`, answers 500
 * for an id it does not know, and leaves productOrderItem (which the spec requires) out of the orders it creates.
 */
async function nonConformantCarrier(target: string) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', target);
    url.searchParams.delete('fields');
    if (/\/productOrder\/tailgate-unknown-/.test(url.pathname)) return res.writeHead(500).end('{"code":"OOPS"}');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await fetch(url, {
      method: req.method,
      headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
      body: chunks.length ? Buffer.concat(chunks) : null,
    });
    let text = await answer.text();
    if (req.method === 'POST' && url.pathname.endsWith('/productOrder') && answer.status === 201) {
      const { productOrderItem: _left, ...order } = JSON.parse(text) as Record<string, unknown>;
      text = JSON.stringify(order);
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
