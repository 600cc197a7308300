import type { OutcomeForReport } from '../../db/repositories/report-inputs.js';
import type { FinalOutcome } from '../../sla-rules/final-outcomes.js';
import { addMonths, monthOf } from '../month.js';
import { amountAfterCaps, pricePartnerMonth, type PartnerLine } from '../partner-lines.js';
import { pricerFor, type PricedOutcome } from '../price-outcome.js';
import type { PolicyUnderTest } from './policy-under-test.js';

/** A breach a what-if measured, with what its clause is priced on. */
export type BreachToPrice = {
  entityType: 'order' | 'ticket';
  entityId: string;
  circuitId: string;
  charges: { monthlyMinor: number; installMinor: number; currency: string } | null;
  outcome: FinalOutcome;
};

/** One priced penalty line, as the month's report would hold it (no waiver applies in a what-if). */
export type WhatIfLine = Omit<PricedOutcome, 'waiverId' | 'waiverReason'> & {
  month: string;
  lineNo: number;
  entityType: 'order' | 'ticket';
  entityId: string;
  olaId: string;
  metric: string;
  dueAt: string | null;
  finalAt: string;
  overrunMs: number;
  amountAfterCapsMinor: number;
  cappedBy: 'monthly' | 'rolling12Months' | null;
};

export type MonthTotal = {
  currency: string;
  lines: number;
  amountBeforeCapsMinor: number;
  amountAfterCapsMinor: number;
};
export type PricedMonth = { month: string; lines: WhatIfLine[]; totals: MonthTotal[] };

const outcomeFor = (b: BreachToPrice, partnerId: string, policyId: string): OutcomeForReport => ({
  rowid: 0,
  id: `${b.entityId}/${b.outcome.olaId}`,
  revision: 1,
  breachFactId: null,
  partnerId,
  circuitId: b.circuitId,
  policyId,
  policyVersion: b.outcome.policyVersion,
  clause: b.outcome.clause,
  calendar: b.outcome.calendar,
  state: 'breached',
  dueAt: b.outcome.dueAt,
  finalAt: b.outcome.finalAt,
  elapsedMs: b.outcome.elapsedMs,
  overrunMs: b.outcome.overrunMs,
  pausedMs: b.outcome.pausedMs,
  monthlyChargeMinor: b.charges?.monthlyMinor ?? null,
  installChargeMinor: b.charges?.installMinor ?? null,
  currency: b.charges?.currency ?? null,
});

/**
 * Prices breaches as the month's report would (reports/partner-lines.ts: the clause of `policy`, tiered outage bands
 * per circuit, then the policy's partner caps), month by month in `timeZone`, lines in (final instant, id) order.
 * Each month is capped with what the earlier of these months came to as its prior (months not given count 0); the
 * report's own prior is what was billed in frozen months. Waivers are people's decisions on recorded breaches: none
 * apply here.
 */
export async function priceByMonth(
  policy: PolicyUnderTest,
  partnerId: string,
  breaches: BreachToPrice[],
  timeZone: string,
): Promise<PricedMonth[]> {
  const byMonth = new Map<string, BreachToPrice[]>();
  for (const b of breaches) {
    const month = monthOf(b.outcome.finalAt, timeZone);
    byMonth.set(month, [...(byMonth.get(month) ?? []), b]);
  }
  const priced: PricedMonth[] = [];
  for (const month of [...byMonth.keys()].sort()) {
    const rows = byMonth
      .get(month)!
      .map((b) => ({ b, o: outcomeFor(b, partnerId, policy.id) }))
      .sort((x, y) => x.o.finalAt.localeCompare(y.o.finalAt) || x.o.id.localeCompare(y.o.id));
    const pricer = pricerFor(async () => policy, Number(month.slice(0, 4)));
    const prior: Record<string, number> = {};
    for (const earlier of priced.filter((p) => p.month >= addMonths(month, -11)))
      for (const t of earlier.totals) prior[t.currency] = (prior[t.currency] ?? 0) + t.amountAfterCapsMinor;
    const lines: PartnerLine[] = [];
    const { totals } = await pricePartnerMonth(
      {
        month,
        firstLineNo: 1,
        breaches: async function* () {
          if (rows.length > 0) yield rows.map((r) => r.o);
        },
        owed: [],
        waivers: new Map(),
        pricer,
        prior: async () => prior,
      },
      async (page) => {
        for (const line of page) lines.push(line);
      },
    );
    priced.push({
      month,
      lines: rows.map(({ b }, i) => {
        const line = lines[i]!;
        const { waiverId: _waiverId, waiverReason: _waiverReason, ...p } = line.priced;
        return {
          ...p,
          month,
          lineNo: line.lineNo,
          entityType: b.entityType,
          entityId: b.entityId,
          olaId: b.outcome.olaId,
          metric: b.outcome.metric,
          dueAt: b.outcome.dueAt,
          finalAt: b.outcome.finalAt,
          overrunMs: b.outcome.overrunMs,
          amountAfterCapsMinor: amountAfterCaps(line),
          cappedBy: line.capped?.cappedBy ?? null,
        };
      }),
      totals,
    });
  }
  return priced;
}
