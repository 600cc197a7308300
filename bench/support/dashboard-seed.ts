import fs from 'node:fs';
import { writeTransaction } from '../../db/access.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { generateApiKeySecret, insertApiKey } from '../../db/repositories/api-keys.js';
import { recordClockOutcomes, type NewClockOutcome } from '../../db/repositories/clock-outcomes.js';
import { insertPolicyVersion } from '../../db/repositories/ola-policies.js';
import { appendOrderEvent, insertOrderWithEvent } from '../../db/repositories/orders.js';
import { insertPartner } from '../../db/repositories/partners.js';
import { recordSlaFacts, type NewSlaFact } from '../../db/repositories/sla-facts.js';
import { PartnerCreateSchema } from '../../openapi/partners.js';
import { orderSlaView } from '../../tails/sla/view.js';
import type { OrderState } from '../../sla-rules/order-states.js';
import { parsePolicy } from '../../sla-rules/parse-policy.js';
import { seededRandom } from './random.js';

const DAY = 86_400_000;
const template = new URL('../../sla-rules/templates/uk-ethernet-carrier.yaml', import.meta.url);

export type DashboardSeed = {
  partnerIds: string[];
  keys: { desk: string; finance: string; partner: string };
  sampleOrderId: string;
  counts: Record<string, number>;
};

/**
 * The dashboard benchmark's data, written through the repositories: `partners` carriers with the UK carrier policy,
 * `orders` orders over the year before `now` (90% completed, each with an outcome per delivery OLA; the rest open,
 * 2% of all at risk with jeopardy facts, 0.3% breached and still open), and breach facts on the late completed ones.
 */
export async function seedDashboard(
  db: Db,
  opts: { orders: number; partners: number; now: Date },
): Promise<DashboardSeed> {
  const random = seededRandom(20261122);
  const nowMs = opts.now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const policy = parsePolicy(fs.readFileSync(template, 'utf8'), 'yaml', 'uk-ethernet-carrier.yaml');
  const partners = await Promise.all(
    Array.from({ length: opts.partners }, async (_, i) => {
      const partner = await insertPartner(
        db,
        PartnerCreateSchema.parse({
          name: `Bench Carrier ${String(i + 1).padStart(2, '0')}`,
          country: 'GB',
          status: 'active',
          defaultCurrency: 'GBP',
          adapter: { orderingApi: 'none' },
          escalation: [],
          calendar: { timeZone: 'Europe/London', holidayRegion: 'GB-ENG' },
        }),
        opts.now,
      );
      const stored = await insertPolicyVersion(db, {
        partnerId: partner.id,
        document: { ...policy, partner: partner.id },
        source: 'bench',
        createdBy: 'bench',
        now: opts.now,
      });
      return { id: partner.id, policyId: stored.id };
    }),
  );
  const counts = { orders: 0, atRisk: 0, openBreached: 0, outcomes: 0, facts: 0 };
  const facts: NewSlaFact[] = [];
  const outcomes: NewClockOutcome[] = [];
  let sampleOrderId = '';
  const atRiskIds: { id: string; partnerId: string }[] = [];
  // The jeopardy facts a workflow would have recorded: each threshold reached by now, at its instant, with the due
  // instant.
  const recordJeopardy = async () => {
    for (const o of atRiskIds.splice(0)) {
      const clock = (await orderSlaView(db, o.id, opts.now)).clocks.find((c) => c.olaId === 'delivery-lead-time');
      for (const j of clock?.jeopardy ?? [])
        if (j.reached && j.at) fact(o, 'jeopardy', j.threshold, Date.parse(j.at), Date.parse(clock!.dueAt!));
    }
  };
  const fact = (
    o: { id: string; partnerId: string },
    kind: 'jeopardy' | 'breach',
    threshold: number,
    at: number,
    dueAt: number,
  ) =>
    facts.push({
      entityType: 'order',
      entityId: o.id,
      partnerId: o.partnerId,
      olaId: 'delivery-lead-time',
      metric: 'deliveryLeadTime',
      policyVersion: 1,
      kind,
      threshold,
      at: iso(at),
      dueAt: iso(dueAt),
      detectedAt: iso(at),
      detail: null,
    });

  const writeOrder = async (i: number) => {
    const partner = partners[i % partners.length]!;
    const kind = random.next();
    const atRisk = kind < 0.02;
    const openBreached = !atRisk && kind < 0.023;
    const open = atRisk || openBreached || kind > 0.9;
    // At risk: placed 20-28 working days ago against 30; breached and open: 45-75 days ago; others over the year.
    const placed = atRisk
      ? nowMs - (28 + random.int(12)) * DAY - random.int(DAY)
      : openBreached
        ? nowMs - (45 + random.int(30)) * DAY
        : nowMs - random.int(365) * DAY - random.int(DAY);
    const createdAt = iso(placed);
    const completedAt = open ? null : iso(Math.min(nowMs - DAY, placed + (20 + random.int(30)) * DAY));
    const id = newId('ord');
    const ref = `BENCH-${String(i).padStart(6, '0')}`;
    const row = await insertOrderWithEvent(
      db,
      {
        id,
        partnerId: partner.id,
        offerId: null,
        deskReference: ref,
        productCode: 'ETH-100',
        bandwidthMbps: 100,
        site: { countryCode: 'GB', postcode: 'SW1A 1AA', line1: `${i} Bench Street`, city: 'London' },
        contact: { name: 'Bench', email: 'bench@example.com' },
        installChargeMinor: 100_000,
        monthlyChargeMinor: 30_000,
        currency: 'GBP',
        leadTimeDays: 30,
        requestedCompletionDate: createdAt.slice(0, 10),
        state: open ? 'inProgress' : 'completed',
        submission: 'submitted',
        partnerOrderId: `C-${ref}`,
        committedDate: null,
        completedAt,
        policyId: partner.policyId,
        createdBy: 'bench',
        createdAt,
        updatedAt: completedAt ?? createdAt,
      },
      {
        id: newId('evt'),
        orderId: id,
        partnerId: partner.id,
        source: 'desk',
        externalEventId: null,
        type: 'orderPlaced',
        fromState: null,
        toState: 'acknowledged',
        outcome: 'applied',
        detail: null,
        payload: null,
        occurredAt: createdAt,
        receivedAt: createdAt,
      },
    );
    const event = async (toState: OrderState, at: string, fromState: OrderState) =>
      await appendOrderEvent(db, {
        id: newId('evt'),
        orderId: id,
        partnerId: partner.id,
        source: 'partner-pull',
        externalEventId: null,
        type: 'productOrderPatch',
        fromState,
        toState,
        outcome: 'applied',
        detail: null,
        payload: null,
        occurredAt: at,
        receivedAt: at,
      });
    await event('inProgress', iso(placed + 3_600_000), 'acknowledged');
    if (completedAt) await event('completed', completedAt, 'inProgress');
    const due = placed + 42 * DAY;
    if (atRisk) {
      atRiskIds.push(row);
      counts.atRisk += 1;
    }
    if (openBreached) {
      fact(row, 'breach', 100, due, due);
      counts.openBreached += 1;
    }
    if (completedAt) {
      const late = Date.parse(completedAt) > due;
      if (late) fact(row, 'breach', 100, due, due);
      outcomes.push({
        entityType: 'order',
        entityId: id,
        partnerId: partner.id,
        olaId: 'delivery-lead-time',
        metric: 'deliveryLeadTime',
        policyId: partner.policyId,
        policyVersion: 1,
        clause: 'late-delivery-daily',
        state: late ? 'breached' : 'met',
        measure: 'business',
        calendar: 'uk-office',
        startedAt: createdAt,
        dueAt: iso(due),
        breachedAt: late ? iso(due) : null,
        finalAt: completedAt,
        targetMs: 30 * 8.5 * 3_600_000,
        elapsedMs: 0,
        overrunMs: late ? Date.parse(completedAt) - due : 0,
        pausedMs: 0,
        monthlyChargeMinor: 30_000,
        installChargeMinor: 100_000,
        currency: 'GBP',
        ourReference: ref,
        partnerReference: `C-${ref}`,
        circuitId: id,
        site: `${i} Bench Street, London, SW1A 1AA, GB`,
      });
    }
    if (atRisk && !sampleOrderId) sampleOrderId = id;
    counts.orders += 1;
  };

  const BATCH = 5_000;
  for (let start = 0; start < opts.orders; start += BATCH) {
    await writeTransaction(db, async () => {
      for (let i = start; i < Math.min(opts.orders, start + BATCH); i += 1) await writeOrder(i);
    });
    await recordJeopardy();
    counts.facts += (await recordSlaFacts(db, facts.splice(0))).length;
    counts.outcomes += (await recordClockOutcomes(db, outcomes.splice(0), iso(nowMs))).length;
  }
  const key = async (role: 'desk' | 'finance' | 'partner') => {
    const secret = generateApiKeySecret();
    await insertApiKey(db, {
      name: `bench ${role}`,
      role,
      partnerId: role === 'partner' ? partners[0]!.id : null,
      secret,
    });
    return secret;
  };
  return {
    partnerIds: partners.map((p) => p.id),
    keys: { desk: await key('desk'), finance: await key('finance'), partner: await key('partner') },
    sampleOrderId,
    counts,
  };
}
