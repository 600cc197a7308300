import fs from 'node:fs';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { generateApiKeySecret, insertApiKey, revokeApiKeysNamed } from '../db/repositories/api-keys.js';
import { insertPolicyVersion, latestPolicyVersion } from '../db/repositories/ola-policies.js';
import { findPartnerByName, insertPartner, setPartnerHubId, updatePartner } from '../db/repositories/partners.js';
import type { PartnerCreate } from '../openapi/partners.js';
import { importCoverage } from '../partners/directory/coverage-import.js';
import { demoProfile } from '../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../partners/simulator/server.js';
import { parsePolicy } from '../sla-rules/parse-policy.js';

const demoPolicyFile = new URL('../sla-rules/templates/uk-ethernet-carrier.yaml', import.meta.url);

const header =
  'location_key,product_code,bandwidth_mbps,access_type,install_charge,monthly_charge,currency,lead_time_days';

const carriers = [
  {
    name: 'Northern Fibre (demo carrier, TMF622 v4)',
    orderingApi: 'tmf622-v4' as const,
    troubleTicketApi: 'tmf621-v4' as const,
    country: 'GB',
    currency: 'GBP',
    coverage: [
      'SW1A 1AA,ETH-100,100,on-net,450.00,320.00,GBP,20',
      'SW1A 1AA,ETH-1000,1000,on-net,950.00,690.00,GBP,25',
      'SW1A 1,ETH-100,100,near-net,650.00,345.00,GBP,30',
      'EC1A,ETH-100,100,near-net,900.00,365.00,GBP,35',
      'M,ETH-100,100,near-net,1200.00,390.00,GBP,45',
    ],
  },
  {
    name: 'Metro Ethernet (demo carrier, TMF622 v5)',
    orderingApi: 'tmf622-v5' as const,
    troubleTicketApi: 'tmf621-v5' as const,
    country: 'GB',
    currency: 'GBP',
    coverage: [
      'SW1A,ETH-100,100,on-net,400.00,335.00,GBP,15',
      'SW,ETH-1000,1000,near-net,1500.00,720.00,GBP,40',
      'EC1A 1BB,ETH-100,100,on-net,300.00,300.00,GBP,10',
      '10001,ETH-100,100,on-net,500.00,410.00,USD,20',
    ],
  },
];

const LISTENER_KEY_NAME = 'demo carrier listener credential';

/**
 * Starts one simulated carrier per demo partner and wires it up: the partner is created on first run (active, with
 * demo coverage), its adapter points at the simulator, and the simulator notifies our listener with a partner key
 * issued afresh at each start (the previous one is revoked).
 */
export async function startDemoCarriers(opts: {
  db: Db;
  log: Logger;
}): Promise<{ outboundAllow: string[]; close(): Promise<void> }> {
  const { db, log } = opts;
  const running: RunningSimulator[] = [];
  for (const carrier of carriers) {
    const now = new Date();
    const partner = (await findPartnerByName(db, carrier.name)) ?? (await insertPartner(db, demoPartner(carrier), now));
    await revokeApiKeysNamed(db, partner.id, LISTENER_KEY_NAME, now);
    const secret = generateApiKeySecret();
    await insertApiKey(db, { name: LISTENER_KEY_NAME, role: 'partner', partnerId: partner.id, secret });
    const sim = await startSimulator({
      port: 0,
      profile: demoProfile,
      listenerAuth: `Bearer ${secret}`,
      log: log.child({ carrier: carrier.name }),
    });
    running.push(sim);
    await updatePartner(db, partner.id, { adapter: { ...partner.adapter, baseUrl: sim.apiRoot } }, now);
    await setPartnerHubId(db, partner.id, null); // a fresh simulator knows no hub registration
    if (!partner.currentCoverageVersionId) {
      const csv = [header, ...carrier.coverage].join('\n');
      await importCoverage({
        db,
        partnerId: partner.id,
        source: 'demo',
        csv: (async function* () {
          yield csv;
        })(),
        skipInvalid: false,
        now: () => new Date(),
      });
    }
    if (!(await latestPolicyVersion(db, partner.id))) {
      const source = fs.readFileSync(demoPolicyFile, 'utf8');
      await insertPolicyVersion(db, {
        partnerId: partner.id,
        document: parsePolicy(source, 'yaml'),
        source,
        createdBy: 'demo',
        now,
      });
    }
    log.info(
      { partnerId: partner.id, name: carrier.name, api: carrier.orderingApi, simulator: sim.url },
      'demo carrier ready',
    );
  }
  return {
    // The simulators listen on this machine: each is allowed as an outbound destination by its exact address.
    outboundAllow: running.map((s) => new URL(s.url).host),
    close: async () => void (await Promise.all(running.map((s) => s.close()))),
  };
}

function demoPartner(carrier: (typeof carriers)[number]): PartnerCreate {
  return {
    name: carrier.name,
    country: carrier.country,
    status: 'active',
    defaultCurrency: carrier.currency,
    adapter: {
      orderingApi: carrier.orderingApi,
      troubleTicketApi: carrier.troubleTicketApi,
      notifications: 'hub',
      pollIntervalSeconds: 300,
      baseUrl: 'http://127.0.0.1:9/tmf-api',
      productCodeMap: {},
    },
    escalation: [{ level: 1, name: 'Demo NOC', channel: 'email', address: 'noc@demo-carrier.example' }],
    calendar: {
      timeZone: 'Europe/London',
      holidayRegion: 'GB-ENG',
      closures: [],
      workingHours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri']
          .map((d) => [d, [{ start: '09:00', end: '17:30' }]])
          .concat([
            ['sat', []],
            ['sun', []],
          ]),
      ) as PartnerCreate['calendar']['workingHours'],
    },
  };
}
