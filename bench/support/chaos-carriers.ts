import type { Db } from '../../db/client.js';
import { generateApiKeySecret, insertApiKey } from '../../db/repositories/api-keys.js';
import { insertPolicyVersion } from '../../db/repositories/ola-policies.js';
import { insertPartner } from '../../db/repositories/partners.js';
import { insertWebhook } from '../../db/repositories/webhooks.js';
import { fastProfile, type BehaviourProfile } from '../../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../../partners/simulator/server.js';
import { validatePolicy } from '../../sla-rules/parse-policy.js';

/** The OLAs every chaos carrier is held to, 24x7 so they fall due within the run. */
export const CHAOS_OLAS = [
  { id: 'order-progress', entity: 'order', stop: ['inProgress', 'completed'], minutes: 1 },
  { id: 'order-delivery', entity: 'order', stop: ['completed'], minutes: 2 },
  {
    id: 'ticket-response',
    entity: 'ticket',
    stop: ['inProgress', 'pending', 'held', 'resolved', 'closed'],
    minutes: 1,
  },
  { id: 'ticket-restoration', entity: 'ticket', stop: ['resolved', 'closed'], minutes: 2 },
] as const;
export type ChaosOla = (typeof CHAOS_OLAS)[number];

/** Faults every chaos carrier has: 30% of its API answers are 503, some slow, notifications repeated and reordered. */
const faults = {
  errorRate: 0.3,
  timeoutRate: 0.05,
  hangMs: 3_000,
  duplicateNotifications: 0.2,
  outOfOrderNotifications: 0.2,
  outOfOrderMaxHoldMs: 5_000,
  // Exponential from 1 s: about two minutes of retries, longer than any kill window.
  notificationRetries: 7,
  notificationBackoffMs: 1_000,
  notificationTimeoutMs: 5_000,
} satisfies Partial<BehaviourProfile>;

const steady = {
  leadTimeDays: 0,
  lateDeliveryProbability: 0,
  outcomeWeights: { completed: 1, held: 0, pending: 0, failed: 0, rejected: 0 },
  ticketPendingProbability: 0,
  slowRepairProbability: 0,
} satisfies Partial<BehaviourProfile>;

/**
 * Two carriers: Prompt meets every OLA (inProgress after 30 s, completed after 70 s, tickets worked after 15 s and
 * resolved after 45 s); Late misses them (70 s, 130 s; 70 s, 130 s). The run is about who is charged, so which one
 * meets its due time is known from the carrier's own record.
 */
const carriers = [
  {
    name: 'Prompt Carrier',
    orderingApi: 'tmf622-v4',
    troubleTicketApi: 'tmf621-v4',
    profile: { ackDelayMs: 5_000, commitDelayMs: 5_000, progressDelayMs: 20_000, completeDelayMs: 40_000 },
    tickets: { ticketAckDelayMs: 5_000, ticketProgressDelayMs: 10_000, ticketResolveDelayMs: 30_000 },
  },
  {
    name: 'Late Carrier',
    orderingApi: 'tmf622-v5',
    troubleTicketApi: 'tmf621-v5',
    profile: { ackDelayMs: 5_000, commitDelayMs: 5_000, progressDelayMs: 60_000, completeDelayMs: 60_000 },
    tickets: { ticketAckDelayMs: 5_000, ticketProgressDelayMs: 65_000, ticketResolveDelayMs: 60_000 },
  },
] as const;

export type ChaosCarrier = { partnerId: string; name: string; sim: RunningSimulator };

/** The carriers, their policy, a desk key and a desk webhook pointing at an address nothing answers on. */
export async function setUpChaosCarriers(db: Db, unreachableWebhook: string) {
  const now = new Date();
  const running: ChaosCarrier[] = [];
  for (const [i, carrier] of carriers.entries()) {
    const listenerKey = generateApiKeySecret();
    const sim = await startSimulator({
      port: 0,
      profile: { ...fastProfile, ...faults, ...steady, ...carrier.profile, ...carrier.tickets, seed: 1000 + i },
      listenerAuth: `Bearer ${listenerKey}`,
    });
    const partner = await insertPartner(
      db,
      {
        name: carrier.name,
        country: 'GB',
        status: 'active',
        defaultCurrency: 'GBP',
        escalation: [],
        adapter: {
          orderingApi: carrier.orderingApi,
          troubleTicketApi: carrier.troubleTicketApi,
          notifications: 'hub',
          // The platform's default: notifications are the news, polling the safety net (5 min, so 1,000 open orders
          // do not cost 33 polls a second).
          pollIntervalSeconds: 300,
          baseUrl: sim.apiRoot,
          productCodeMap: {},
        },
        calendar: {
          timeZone: 'Europe/London',
          workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
          closures: [],
        },
      },
      now,
    );
    await insertApiKey(db, { name: 'chaos listener', role: 'partner', partnerId: partner.id, secret: listenerKey });
    const document = {
      id: 'chaos',
      version: 1,
      effectiveFrom: new Date(now.getTime() - 86_400_000).toISOString(),
      olas: CHAOS_OLAS.map((ola) => ({
        id: ola.id,
        metric: ola.id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
        appliesTo: { entity: ola.entity },
        stop: { state: [...ola.stop] },
        jeopardy: [50, 75, 90],
        target: { kind: 'clockDuration', minutes: ola.minutes },
      })),
    };
    await insertPolicyVersion(db, {
      partnerId: partner.id,
      document: validatePolicy(document),
      source: JSON.stringify(document),
      createdBy: 'bench',
      now,
    });
    running.push({ partnerId: partner.id, name: carrier.name, sim });
  }
  const deskKey = generateApiKeySecret();
  await insertApiKey(db, { name: 'chaos desk', role: 'desk', partnerId: null, secret: deskKey });
  await insertWebhook(db, {
    name: 'unreachable',
    url: unreachableWebhook,
    kinds: ['jeopardy', 'breach'],
    partnerId: null,
    secret: generateApiKeySecret(),
    createdBy: 'bench',
    now,
  });
  return {
    carriers: running,
    deskKey,
    /** The simulators listen on loopback: each is allowed as an outbound destination by its exact address. */
    outboundAllow: running.map((c) => new URL(c.sim.url).host),
    close: () => Promise.all(running.map((c) => c.sim.close())),
  };
}
