import { setImmediate } from 'node:timers/promises';
import type { Db } from '../../db/client.js';
import { getOrder } from '../../db/repositories/orders.js';
import { reportState, reportTotals } from '../../db/repositories/penalty-reports.js';
import { partnerEntitiesActiveBetween, type MeasuredEntity } from '../../db/repositories/policy-what-if.js';
import { getTicket } from '../../db/repositories/tickets.js';
import { orderSlaContext, ticketSlaContext } from '../../tails/sla/context.js';
import { policyCalendars } from '../../tails/sla/policy-cache.js';
import { monthOf, monthPeriod } from '../month.js';
import { measureAt, type Measured } from './measure.js';
import { PolicyError } from '../../sla-rules/parse-policy.js';
import { policyUnderTest, type PolicyChoice, type PolicyUnderTest } from './policy-under-test.js';
import { priceByMonth, type BreachToPrice, type MonthTotal, type PricedMonth, type WhatIfLine } from './price-lines.js';
import { timelineEntity, timelineSlaEvents, type WhatIfTimeline } from './timeline.js';

type Partner = { id: string; defaultCurrency: string };
type Settings = { timeZone: string; now: Date };

export type TimelineWhatIf = Measured & { months: PricedMonth[] };

/**
 * (a) A timeline that never happened, measured under `policy` as production measures an order or ticket (the same
 * event reader, clocks, facts and final outcomes: measure.ts) and its breaches priced as the report would.
 */
export async function whatIfTimeline(
  policy: PolicyUnderTest,
  partner: Partner,
  timeline: WhatIfTimeline,
  settings: Settings,
): Promise<TimelineWhatIf> {
  const placedYear = new Date(timeline.events[0]!.at).getUTCFullYear();
  const measured = measureAt(
    {
      policy: policy.document,
      calendars: policyCalendars(policy, placedYear),
      entity: timelineEntity(timeline),
      events: timelineSlaEvents(timeline),
    },
    timeline.asOf ? Date.parse(timeline.asOf) : settings.now.getTime(),
  );
  const charges = timeline.charges ?? { monthlyMinor: 0, installMinor: 0, currency: partner.defaultCurrency };
  const breaches = measured.outcomes
    .filter((o) => o.state === 'breached')
    .map((outcome) => ({ entityType: timeline.entity, entityId: 'timeline', circuitId: 'timeline', charges, outcome }));
  return { ...measured, months: await priceByMonth(policy, partner.id, breaches, settings.timeZone) };
}

export type HistoryMonth = {
  month: string;
  /** What `policy` makes of the partner's recorded orders and tickets: clocks that ended in the month. */
  draft: { met: number; breached: number; cancelled: number; totals: MonthTotal[] };
  /** What the month's penalty report holds for the partner (null: no report generated for the month). */
  report: { state: 'draft' | 'final'; totals: MonthTotal[] } | null;
};
export type HistoryWhatIf = {
  months: HistoryMonth[];
  ordersMeasured: number;
  ticketsMeasured: number;
  lines: WhatIfLine[];
};

/** An order's circuit and charges (a ticket's order's), as the report prices them. */
async function chargesOf(db: Db, e: MeasuredEntity, partner: Partner) {
  const orderId = e.entityType === 'order' ? e.entityId : (await getTicket(db, e.entityId))?.orderId;
  const order = orderId ? await getOrder(db, orderId) : undefined;
  return {
    circuitId: orderId ?? e.entityId,
    charges: {
      monthlyMinor: order?.monthlyChargeMinor ?? 0,
      installMinor: order?.installChargeMinor ?? 0,
      currency: order?.currency ?? partner.defaultCurrency,
    },
  };
}

/**
 * (b) The partner's recorded orders and tickets of the `months` (those whose clocks can have ended in them) measured
 * again under `policy` with their recorded events, as of `now`, and the breaches that end in those months priced as
 * the reports would: beside each month's report as it stands.
 */
export async function whatIfHistory(
  db: Db,
  policy: PolicyUnderTest,
  partner: Partner,
  months: string[],
  settings: Settings,
): Promise<HistoryWhatIf> {
  const sorted = [...new Set(months)].sort();
  const wanted = new Set(sorted);
  const from = monthPeriod(sorted[0]!, settings.timeZone).startsAt;
  const to = monthPeriod(sorted.at(-1)!, settings.timeZone).endsAt;
  const counts = new Map(sorted.map((m) => [m, { met: 0, breached: 0, cancelled: 0 }]));
  const breaches: BreachToPrice[] = [];
  const entities = await partnerEntitiesActiveBetween(db, partner.id, from, to);
  for (const [i, e] of entities.entries()) {
    if (i > 0 && i % 50 === 0) await setImmediate();
    const context =
      e.entityType === 'order'
        ? await orderSlaContext(db, e.entityId, policy)
        : await ticketSlaContext(db, e.entityId, policy);
    if (!context) continue;
    const ended = measureAt(context, settings.now.getTime()).outcomes.filter((o) =>
      wanted.has(monthOf(o.finalAt, settings.timeZone)),
    );
    for (const o of ended) counts.get(monthOf(o.finalAt, settings.timeZone))![o.state] += 1;
    const breached = ended.filter((o) => o.state === 'breached');
    if (breached.length === 0) continue;
    const { circuitId, charges } = await chargesOf(db, e, partner);
    for (const outcome of breached) breaches.push({ ...e, circuitId, charges, outcome });
  }
  const priced = await priceByMonth(policy, partner.id, breaches, settings.timeZone);
  const reported = (await reportTotals(db, sorted)).filter((t) => t.partnerId === partner.id);
  const result: HistoryMonth[] = [];
  for (const month of sorted) {
    const state = await reportState(db, month);
    result.push({
      month,
      draft: { ...counts.get(month)!, totals: priced.find((p) => p.month === month)?.totals ?? [] },
      report: state
        ? {
            state: state.state,
            totals: reported
              .filter((t) => t.month === month)
              .map(({ currency, lines, amountBeforeCapsMinor, amountAfterCapsMinor }) => ({
                currency,
                lines,
                amountBeforeCapsMinor,
                amountAfterCapsMinor,
              })),
          }
        : null,
    });
  }
  return {
    months: result,
    ordersMeasured: entities.filter((e) => e.entityType === 'order').length,
    ticketsMeasured: entities.filter((e) => e.entityType === 'ticket').length,
    lines: priced.flatMap((p) => p.lines),
  };
}

/** A what-if as the API and the CLI take it (validated by openapi/what-if.ts WhatIfRequestSchema). */
export type WhatIfRequest = {
  policy: PolicyChoice;
  timeline?: WhatIfTimeline | undefined;
  months?: string[] | undefined;
};
export type WhatIfResult = {
  policy: { id: string; source: 'stored' | 'draft'; version: number; effectiveFrom: string };
  timeline?: TimelineWhatIf;
  history?: HistoryWhatIf;
};

/**
 * Answers a what-if: the policy asked for, measured against the timeline and/or the months given. Undefined when the
 * partner has no stored version by the number asked for; a draft's problems throw a PolicyError whose paths point
 * into the request (`policy.document.olas[0].target`).
 */
export async function evaluateWhatIf(
  db: Db,
  partner: Partner,
  request: WhatIfRequest,
  settings: Settings,
): Promise<WhatIfResult | undefined> {
  let policy: PolicyUnderTest | undefined;
  try {
    policy = await policyUnderTest(db, partner.id, request.policy);
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    throw new PolicyError(
      err.issues.map((i) => ({ ...i, path: i.path ? `policy.document.${i.path}` : 'policy.document' })),
    );
  }
  if (!policy) return undefined;
  return {
    policy: {
      id: policy.id,
      source: policy.source,
      version: policy.document.version,
      effectiveFrom: policy.document.effectiveFrom,
    },
    ...(request.timeline && { timeline: await whatIfTimeline(policy, partner, request.timeline, settings) }),
    ...(request.months && { history: await whatIfHistory(db, policy, partner, request.months, settings) }),
  };
}
