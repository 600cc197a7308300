import fs from 'node:fs';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { generateApiKeySecret, insertApiKey, revokeApiKeysNamed } from '../../db/repositories/api-keys.js';
import { getPolicyVersion, insertPolicyVersion, type StoredPolicy } from '../../db/repositories/ola-policies.js';
import { findPartnerByName, insertPartner, setPartnerHubId, updatePartner } from '../../db/repositories/partners.js';
import type { PartnerCreate } from '../../openapi/partners.js';
import { importCoverage } from '../../partners/directory/coverage-import.js';
import { demoProfile, lateDemoProfile } from '../../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../../partners/simulator/server.js';
import { parsePolicy } from '../../sla-rules/parse-policy.js';
import { seedDemoHistory, type DemoQuality } from './history.js';
import { seedDemoReports } from './reports.js';

const demoPolicyFile = new URL('../../sla-rules/templates/uk-ethernet-carrier.yaml', import.meta.url);
const lateDemoPolicyFile = new URL('./late-carrier-policy.yaml', import.meta.url);

const header =
  'location_key,product_code,bandwidth_mbps,access_type,install_charge,monthly_charge,currency,lead_time_days';

/** History months seeded before the current one on a fresh database. */
const HISTORY_MONTHS = 6;

const carriers = [
  {
    name: 'Northern Fibre (demo carrier, TMF622 v4)',
    code: 'NF',
    profile: demoProfile,
    quality: quality({ deliveryDays: [12, 19], lateDeliveryShare: 0.08, lateAckShare: 0.03, lateRestoreShare: 0.08 }),
    offer: { installMinor: 45_000, monthlyMinor: 32_000, currency: 'GBP', leadTimeDays: 20 },
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
    // Also qualifies sites live over TMF679: its answers (from its simulator's catalogue) are the offers marked live.
    name: 'Metro Ethernet (demo carrier, TMF622 v5)',
    code: 'ME',
    profile: {
      ...demoProfile,
      qualificationCatalogue: [
        {
          productOfferingId: 'ETH-100',
          bandwidthMbps: 100,
          accessType: 'onNet' as const,
          installMinor: 40_000,
          monthlyMinor: 33_500,
          currency: 'GBP',
          leadTimeDays: 15,
        },
        {
          productOfferingId: 'ETH-1000',
          bandwidthMbps: 1000,
          accessType: 'nearNet' as const,
          installMinor: 150_000,
          monthlyMinor: 72_000,
          currency: 'GBP',
          leadTimeDays: 40,
        },
      ],
    },
    qualificationApi: 'tmf679-v4' as const,
    quality: quality({ deliveryDays: [9, 14], lateDeliveryShare: 0.2, lateAckShare: 0.08, lateRestoreShare: 0.15 }),
    offer: { installMinor: 40_000, monthlyMinor: 33_500, currency: 'GBP', leadTimeDays: 15 },
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
  {
    // Runs late: a poor history, and from the first start short demo OLAs (late-carrier-policy.yaml) its simulator
    // cannot meet, so jeopardy, predicted jeopardy and breaches reach the board within minutes.
    name: 'Slowline Networks (demo carrier running late, TMF622 v4)',
    code: 'SL',
    profile: lateDemoProfile,
    quality: quality({ deliveryDays: [16, 20], lateDeliveryShare: 0.45, lateAckShare: 0.2, lateRestoreShare: 0.35 }),
    offer: { installMinor: 38_000, monthlyMinor: 29_000, currency: 'GBP', leadTimeDays: 20 },
    orderingApi: 'tmf622-v4' as const,
    troubleTicketApi: 'tmf621-v4' as const,
    country: 'GB',
    currency: 'GBP',
    coverage: ['SW1A 1AA,ETH-100,100,on-net,380.00,290.00,GBP,20', 'EC1A,ETH-100,100,near-net,700.00,310.00,GBP,30'],
  },
];

function quality(q: Pick<DemoQuality, 'deliveryDays' | 'lateDeliveryShare' | 'lateAckShare' | 'lateRestoreShare'>) {
  return { ...q, lateCommitShare: q.lateAckShare, pendingShare: 0.12, ordersPerMonth: 22, ticketsPerMonth: 7 };
}

const LISTENER_KEY_NAME = 'demo carrier listener credential';

/** A demo partner as started: the history and the demo desk work with these. */
type StartedCarrier = { partnerId: string; carrier: (typeof carriers)[number]; policy: StoredPolicy };

/**
 * Starts one simulated carrier per demo partner and wires it up: the partner is created on first run (active, with
 * demo coverage and the UK Ethernet policy template as version 1; the late carrier also gets its short demo OLAs as
 * version 2, in force from then), its adapter points at the simulator, and the simulator notifies our listener with
 * a partner key issued afresh at each start (the previous one is revoked). On a fresh database (no demo partner yet)
 * it seeds HISTORY_MONTHS months of history and their penalty reports.
 */
export async function startDemoCarriers(opts: {
  db: Db;
  log: Logger;
  financeTimeZone: string;
}): Promise<{ outboundAllow: string[]; partnerIds: string[]; close(): Promise<void> }> {
  const { db, log } = opts;
  const running: RunningSimulator[] = [];
  const started: StartedCarrier[] = [];
  let fresh = true;
  for (const carrier of carriers) {
    const now = new Date();
    const existing = await findPartnerByName(db, carrier.name);
    if (existing) fresh = false;
    const partner = existing ?? (await insertPartner(db, demoPartner(carrier), now));
    await revokeApiKeysNamed(db, partner.id, LISTENER_KEY_NAME, now);
    const secret = generateApiKeySecret();
    await insertApiKey(db, { name: LISTENER_KEY_NAME, role: 'partner', partnerId: partner.id, secret });
    const sim = await startSimulator({
      port: 0,
      profile: carrier.profile,
      listenerAuth: `Bearer ${secret}`,
      log: log.child({ carrier: carrier.name }),
    });
    running.push(sim);
    const adapter = { ...partner.adapter, baseUrl: sim.apiRoot };
    if ('qualificationApi' in carrier) adapter.qualificationApi = carrier.qualificationApi;
    await updatePartner(db, partner.id, { adapter }, now);
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
    const policy = (await getPolicyVersion(db, partner.id, 1)) ?? (await givePolicies(db, carrier, partner.id, now));
    started.push({ partnerId: partner.id, carrier, policy });
    log.info(
      { partnerId: partner.id, name: carrier.name, api: carrier.orderingApi, simulator: sim.url },
      'demo carrier ready',
    );
  }
  if (fresh) {
    const now = new Date();
    await seedDemoHistory(
      db,
      log,
      started.map((s) => ({ ...s, code: s.carrier.code, quality: s.carrier.quality, offer: s.carrier.offer })),
      { now, months: HISTORY_MONTHS },
    );
    await seedDemoReports(db, log, { now, timeZone: opts.financeTimeZone, months: HISTORY_MONTHS });
  }
  return {
    // The simulators listen on this machine: each is allowed as an outbound destination by its exact address.
    outboundAllow: running.map((s) => new URL(s.url).host),
    partnerIds: started.map((s) => s.partnerId),
    close: async () => void (await Promise.all(running.map((s) => s.close()))),
  };
}

/**
 * A new demo partner's policies: the UK template as version 1 (in force since its effectiveFrom, so the seeded
 * history is measured under it), and for the late carrier its demo OLAs as version 2 from `now`. Returns version 1.
 */
async function givePolicies(db: Db, carrier: (typeof carriers)[number], partnerId: string, now: Date) {
  const source = fs.readFileSync(demoPolicyFile, 'utf8');
  const first = await insertPolicyVersion(db, {
    partnerId,
    document: parsePolicy(source, 'yaml'),
    source,
    createdBy: 'demo',
    now,
  });
  if (carrier.profile === lateDemoProfile) {
    const late = fs.readFileSync(lateDemoPolicyFile, 'utf8');
    await insertPolicyVersion(db, {
      partnerId,
      document: { ...parsePolicy(late, 'yaml'), version: 2, effectiveFrom: now.toISOString() },
      source: late,
      createdBy: 'demo',
      now,
    });
  }
  return first;
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
