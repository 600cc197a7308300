import { policyDocument } from './policies.js';

/** A contract for what-if tests: a 5-working-day delivery and a 4-hour P1 restore, both pausing while pending. */
export const contract = {
  ...policyDocument([
    {
      id: 'delivery-5wd',
      metric: 'deliveryLeadTime',
      appliesTo: { entity: 'order' },
      stop: { state: 'completed' },
      pause: { state: 'pending' },
      target: { kind: 'workingDays', days: 5 },
      calendar: 'uk-office',
      jeopardy: [50, 75],
      penalty: { clause: 'late-delivery' },
    },
    {
      id: 'restore-p1-4h',
      metric: 'faultRestoration',
      appliesTo: { entity: 'ticket', priorities: ['P1'] },
      stop: { state: ['resolved', 'closed'] },
      pause: { state: 'pending' },
      target: { kind: 'clockDuration', hours: 4 },
      jeopardy: [50],
      penalty: { clause: 'slow-repair' },
    },
  ]),
  penaltyClauses: {
    'late-delivery': { kind: 'perUnitLate', unit: 'workingDay', rate: { amountMinor: 2500, currency: 'GBP' } },
    'slow-repair': { kind: 'perUnitLate', unit: 'startedHour', rate: { amountMinor: 1500, currency: 'GBP' } },
  },
} as ReturnType<typeof policyDocument>;

export type WhatIfEvent = { at: string; event: string; state?: string };
export type Line = {
  entityType: string;
  entityId: string;
  olaId: string;
  amountAfterCapsMinor: number;
  cappedBy: string | null;
};
export type Total = { currency: string; lines: number; amountAfterCapsMinor: number };
export type WhatIf = {
  policy: { source: string; version: number };
  timeline: {
    measuredAt: string;
    clocks: { olaId: string; state: string; startedAt: string; dueAt: string; pausedMs: number }[];
    facts: { olaId: string; kind: string; threshold: number; at: string }[];
    outcomes: { olaId: string; state: string; dueAt: string; finalAt: string; overrunMs: number; pausedMs: number }[];
    months: { month: string; lines: Line[]; totals: Total[] }[];
  };
  history: {
    months: {
      month: string;
      draft: { met: number; breached: number; totals: Total[] };
      report: { state: string; totals: Total[] } | null;
    }[];
    ordersMeasured: number;
    ticketsMeasured: number;
    lines: Line[];
  };
};

/** A recorded timeline as the what-if's own words: every instant is one production recorded. */
export function asWhatIf(
  rows: { type: string; toState: string | null; receivedAt: string; outcome: string }[],
  placed: string,
) {
  const events: WhatIfEvent[] = [];
  let last: string | null = null;
  for (const r of rows) {
    if (r.type === placed) events.push({ at: r.receivedAt, event: 'placed' });
    else if (r.type === 'availableToCarrier') events.push({ at: r.receivedAt, event: 'submitted' });
    else if (r.outcome === 'applied' && r.toState && r.toState !== last) {
      events.push({ at: r.receivedAt, event: 'state', state: r.toState });
      last = r.toState;
    }
  }
  return events;
}
