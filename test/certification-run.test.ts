import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificationsOf } from '../db/repositories/certifications.js';
import { insertPartner } from '../db/repositories/partners.js';
import { PartnerCreateSchema } from '../openapi/partners.js';
import { certifyPartner, type CertificationDeps } from '../partners/certification/run.js';
import { fastProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { partnerInput } from './support/factories.js';
import { testOutbound } from './support/outbound.js';
import { storeForTests } from './support/store.js';

/** Orders and tickets stay open for the run (a sandbox that closes them at once cannot show a cancellation). */
const sandboxProfile = { ...fastProfile, name: 'sandbox', completeDelayMs: 600_000, ticketResolveDelayMs: 600_000 };

describe('certification run against the partner simulator', () => {
  const store = storeForTests();
  let sim: RunningSimulator;
  let deps: CertificationDeps;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, profile: sandboxProfile, log: pino({ level: 'silent' }) });
    deps = {
      db: store.db,
      now: () => new Date(),
      outbound: testOutbound,
      partnerSecrets: new Map(),
      settings: { listener: { host: '127.0.0.1', port: 0 }, notificationWaitMs: 10_000 },
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
});
