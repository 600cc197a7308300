import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnboard } from '../cli/onboard.js';
import { activationsOf } from '../db/repositories/certifications.js';
import { generateApiKeySecret, insertApiKey } from '../db/repositories/api-keys.js';
import { sonataAdapterSettings } from '../partners/adapters/test-fixtures.js';
import { fastProfile } from '../partners/simulator/profile.js';
import type { RunningSimulator } from '../partners/simulator/server.js';
import { capturedIo, startSandbox, testCertificationSettings } from './support/sandbox.js';
import { waitForOrder } from './support/carrier.js';
import { startOrderHarness, type OrderHarness } from './support/order-harness.js';
import { orderInput, placeOrder } from './support/orders.js';
import { testOutbound } from './support/outbound.js';

const policy = fs.readFileSync(
  path.join(import.meta.dirname, '../sla-rules/templates/uk-ethernet-carrier.yaml'),
  'utf8',
);
const coverageHeader =
  'location_key,product_code,bandwidth_mbps,access_type,install_charge,monthly_charge,currency,lead_time_days';

describe('onboarding a carrier from nothing to its first completed order, configuration only', () => {
  let h: OrderHarness;
  const sims: RunningSimulator[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-onboard-'));
  beforeAll(async () => {
    h = await startOrderHarness();
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
    await h?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const cli = () => {
    const { io, written } = capturedIo();
    const deps = {
      db: () => h.platform.db,
      outbound: testOutbound,
      partnerSecrets: new Map<string, string>(),
      settings: testCertificationSettings,
    };
    return { io, deps, out: written };
  };

  const manifest = (name: string, partner: Record<string, unknown>, coverage: string) => {
    fs.writeFileSync(path.join(dir, `${name}.csv`), coverage);
    fs.writeFileSync(path.join(dir, `${name}.yaml`), policy);
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify({ partner, coverageCsv: `${name}.csv`, olaPolicy: `${name}.yaml` }));
    return file;
  };

  const partnerOf = (name: string, orderingApi: string, troubleTicketApi: string, baseUrl: string) => ({
    name,
    country: 'GB',
    defaultCurrency: 'GBP',
    adapter: { orderingApi, troubleTicketApi, baseUrl, productCodeMap: { 'ETH-100': `${name}-ETH` } },
    escalation: [{ level: 1, name: 'Service desk', channel: 'email', address: 'noc@carrier.example' }],
    calendar: { timeZone: 'Europe/London', holidayRegion: 'GB-ENG' },
  });

  /** Onboards from the manifest through the CLI; every step done, the partner active on its passing run. */
  async function onboardedAndActive(fileName: string, partner: Record<string, unknown>, postcode: string) {
    const file = manifest(
      fileName,
      partner,
      `${coverageHeader}\n${postcode},ETH-100,100,on-net,450.00,300.00,GBP,30\n`,
    );
    const run = cli();
    expect(await runOnboard([file, '--json'], run.deps, run.io)).toBe(0);
    const outcome = JSON.parse(run.out()) as {
      partnerId: string;
      certificationId: string;
      steps: { outcome: string }[];
    };
    expect(outcome.steps.map((s) => s.outcome)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(await activationsOf(h.platform.db, outcome.partnerId)).toEqual([
      expect.objectContaining({ ground: 'certified', certificationId: outcome.certificationId }),
    ]);
    return outcome.partnerId;
  }

  /**
   * Live: the carrier's key for its notifications to us, then a desk order from a qualification offer, completed;
   * answers the partner's offer and what its carrier holds of the order.
   */
  async function firstOrder(
    sim: RunningSimulator,
    carrier: { name: string; partnerId: string; listenerKey: string },
    address: { countryCode: string; postcode: string; line1?: string; city?: string },
  ) {
    await insertApiKey(h.platform.db, {
      name: carrier.name,
      role: 'partner',
      partnerId: carrier.partnerId,
      secret: carrier.listenerKey,
    });
    sim.setProfile(fastProfile);
    const q = await h.platform.request('POST', '/api/v1/qualifications', {
      key: h.platform.keys.desk,
      json: { address, productNeeds: { productCode: 'ETH-100' } },
    });
    const offers = ((await q.json()) as { offers: { id: string; partnerId: string; source: string }[] }).offers;
    const offer = offers.find((o) => o.partnerId === carrier.partnerId);
    const site = { line1: '1 Live Street', city: 'London', ...address };
    const placed = await placeOrder(h.platform, orderInput({ offerId: offer!.id, site }));
    await waitForOrder(h, placed.id, (o) => o.state === 'completed', 'completed');
    return { offer, atCarrier: sim.orders().filter((o) => o.externalIds.includes(placed.id)) };
  }

  it.each([
    ['v4', 'SE1 9GF'],
    ['v5', 'EC1A 1BB'],
  ] as const)(
    'TMF622/TMF621 %s: onboarded, certified, active, and its first order completes',
    async (version, postcode) => {
      const listenerKey = generateApiKeySecret();
      // While certifying, the sandbox keeps orders open (a cancellation needs one); live, it completes them at once.
      const sim = await startSandbox({ listenerAuth: `Bearer ${listenerKey}` });
      sims.push(sim);
      const name = `Onboarded ${version}`;
      const partner = partnerOf(name, `tmf622-${version}`, `tmf621-${version}`, sim.apiRoot);
      const partnerId = await onboardedAndActive(`carrier-${version}`, partner, postcode);
      const { offer, atCarrier } = await firstOrder(
        sim,
        { name, partnerId, listenerKey },
        { countryCode: 'GB', postcode },
      );
      expect(offer).toBeDefined();
      expect(atCarrier).toHaveLength(1);
    },
  );

  it('MEF LSO Sonata: onboarded, certified, active, and its first order from a live offer completes', async () => {
    const listenerKey = generateApiKeySecret();
    const sim = await startSandbox({ listenerAuth: `Bearer ${listenerKey}` });
    sims.push(sim);
    const name = 'Onboarded Sonata';
    const postcode = 'N1 9GU';
    const partner = {
      ...partnerOf(name, 'sonata-v10', 'none', sim.sonataRoot),
      adapter: { ...sonataAdapterSettings, qualificationApi: 'sonata-poq-v7', baseUrl: sim.sonataRoot },
    };
    const partnerId = await onboardedAndActive('carrier-sonata', partner, postcode);
    // A street and a city: Sonata is asked with a FieldedAddress.
    const site = { countryCode: 'GB', postcode, line1: '1 Live Street', city: 'London' };
    const { offer, atCarrier } = await firstOrder(sim, { name, partnerId, listenerKey }, site);
    expect(offer?.source).toBe('live');
    expect(atCarrier).toHaveLength(1);
    expect(atCarrier[0]!.api).toBe('sonata');
  });

  it('stops at the first step that fails, leaving the partner onboarding', async () => {
    const file = manifest(
      'broken',
      partnerOf('Broken Coverage', 'tmf622-v4', 'none', 'http://127.0.0.1:9/tmf-api'),
      `${coverageHeader}\nNOT A POSTCODE,ETH-100,100,on-net,450.00,300.00,GBP,30\n`,
    );
    const run = cli();
    expect(await runOnboard([file], run.deps, run.io)).toBe(1);
    expect(run.out()).toMatch(/^done {4}partner /m);
    expect(run.out()).toMatch(/^failed {2}coverage .*rejected/m);
    expect(run.out()).toMatch(/^skipped certification/m);
    expect(run.out()).toMatch(/NOT ACTIVE: partner ptn_[\w-]+ stays onboarding/);
  });
});
