import type { Db } from '../db/client.js';
import type { OutcomeForReport, WaiverRef } from '../db/repositories/report-inputs.js';
import type { StoredPolicy } from '../db/repositories/ola-policies.js';
import { priceBreach, type PenaltyCaps, type PenaltyClause, type PenaltyRate } from '../sla-rules/penalties/index.js';
import type { Policy, ResolvedCalendar } from '../sla-rules/types.js';
import { cachedPolicy, policyCalendars } from '../tails/sla/policy-cache.js';

/** A breach outcome priced by its clause, before partner caps. */
export type PricedOutcome = {
  clause: string | null;
  clauseKind: string | null;
  unit: string | null;
  overrunUnits: number;
  chargeableUnits: number;
  rate: string | null;
  amountBeforeCapsMinor: number;
  amountAfterBreachCapMinor: number;
  currency: string;
  waiverId: string | null;
  waiverReason: string | null;
  explanation: string;
};

/** The rate as one stable text: money per unit, or a share of a charge, with the exact per-unit rate. */
export function rateText(rate: PenaltyRate, currency: string): string {
  if ('percent' in rate) return `${rate.percent}% of ${rate.of} (${rate.exactMinor} ${currency} minor)`;
  if ('daysOfCharge' in rate)
    return `${rate.daysOfCharge} day(s) of monthlyCharge / ${rate.divisor} (${rate.exactMinor} ${currency} minor)`;
  return `${rate.exactMinor} ${currency} minor`;
}

/** A line its clause cannot price (no clause, or one its policy version lacks): 0, saying why. */
function unpriced(
  o: OutcomeForReport,
  currency: string,
  waiver: WaiverRef | undefined,
  explanation: string,
): PricedOutcome {
  return {
    clause: o.clause,
    clauseKind: null,
    unit: null,
    overrunUnits: 0,
    chargeableUnits: 0,
    rate: null,
    amountBeforeCapsMinor: 0,
    amountAfterBreachCapMinor: 0,
    currency,
    waiverId: waiver?.id ?? null,
    waiverReason: waiver?.reason ?? null,
    explanation,
  };
}

/**
 * The same text as one flat string. V8 keeps a string built by concatenation as a tree of its pieces until something
 * reads it whole, and a priced line is held until its partner's lines are staged: as trees, a line's explanation and
 * rate took about 570 bytes more (measured, 10,000 lines). A JSON round trip is lossless and costs less than building
 * them did.
 */
const flatText = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

/** A policy version by its id: stored versions from the database, or a draft a what-if evaluates. */
export type PolicySource = (policyId: string) => Promise<Pick<StoredPolicy, 'id' | 'document'> | undefined>;

/**
 * Prices outcomes with the clause of the policy version each order or ticket was placed under (policies and their
 * calendars from the one cache the clocks use, tails/sla/policy-cache.ts). A waived breach prices at 0 and names its
 * waiver.
 */
export const createPricer = (db: Db, year: number) => pricerFor((id) => cachedPolicy(db, id), year);

/** A pricer whose policy versions come from `source` (createPricer: the stored ones). */
export function pricerFor(source: PolicySource, year: number) {
  const loaded = new Map<string, Pick<StoredPolicy, 'id' | 'document'> | undefined>();
  /** Reads the policy versions of `outcomes` this pricer has not read yet: an outcome is priced once they are. */
  async function load(outcomes: Iterable<{ policyId: string }>): Promise<void> {
    for (const { policyId } of outcomes) {
      if (!loaded.has(policyId)) loaded.set(policyId, await source(policyId));
    }
  }
  const storedPolicy = (id: string): Pick<StoredPolicy, 'id' | 'document'> | undefined => {
    if (!loaded.has(id)) throw new Error(`policy version ${id} priced before it was loaded`);
    return loaded.get(id);
  };
  const policyOf = (id: string): Policy | undefined => storedPolicy(id)?.document;
  const clauseOf = (o: OutcomeForReport): PenaltyClause | undefined =>
    o.clause ? policyOf(o.policyId)?.penaltyClauses[o.clause] : undefined;
  /** The calendar a breach was measured in, with the public holidays of the report's year and those around it. */
  const calendarOf = (o: OutcomeForReport): ResolvedCalendar | null => {
    const stored = storedPolicy(o.policyId);
    return (stored && policyCalendars(stored, year)[o.calendar]) ?? null;
  };

  const breachOf = (o: OutcomeForReport, clause: PenaltyClause, currency: string, monthlyOutageMs?: number) =>
    priceBreach(clause, {
      breachId: o.breachFactId ?? o.id,
      clauseName: o.clause!,
      dueAt: o.dueAt ?? o.finalAt,
      stoppedAt: o.finalAt,
      overrunMs: o.overrunMs,
      pausedMs: o.pausedMs,
      calendar: calendarOf(o),
      charges: {
        monthlyMinor: o.monthlyChargeMinor ?? 0,
        installMinor: o.installChargeMinor ?? 0,
        currency: o.currency ?? currency,
      },
      monthlyOutageMs,
    });

  /** The outcome's clause, and the currency it is priced in: the charges', else the clause's. */
  const clauseWithCurrency = (o: OutcomeForReport) => {
    const clause = clauseOf(o);
    return { clause, currency: o.currency ?? (clause && 'currency' in clause ? String(clause.currency) : 'XXX') };
  };

  function price(o: OutcomeForReport, waiver: WaiverRef | undefined, monthlyOutageMs?: number): PricedOutcome {
    const { clause, currency } = clauseWithCurrency(o);
    if (!clause)
      return unpriced(
        o,
        currency,
        waiver,
        o.clause ? `clause ${o.clause} not in policy version ${o.policyVersion}` : 'no penalty clause',
      );
    const priced = breachOf(o, clause, currency, monthlyOutageMs);
    const line: PricedOutcome = {
      clause: o.clause,
      clauseKind: priced.clauseKind,
      unit: priced.unit,
      overrunUnits: priced.overrunUnits,
      chargeableUnits: priced.chargeableUnits,
      rate: flatText(rateText(priced.rate, priced.currency)),
      amountBeforeCapsMinor: priced.amountBeforeCapsMinor,
      amountAfterBreachCapMinor: priced.amountAfterBreachCapMinor,
      currency: priced.currency,
      waiverId: null,
      waiverReason: null,
      explanation: flatText(priced.explanation),
    };
    if (!waiver) return line;
    return {
      ...line,
      amountBeforeCapsMinor: 0,
      amountAfterBreachCapMinor: 0,
      waiverId: waiver.id,
      waiverReason: waiver.reason,
      explanation: flatText(
        `waived (${waiver.reason}); would have been ${priced.amountAfterBreachCapMinor} ${priced.currency} minor: ${priced.explanation}`,
      ),
    };
  }

  /**
   * What price() would charge before partner caps (amountAfterBreachCapMinor) and in which currency, without building
   * the line's texts: what the partner caps need of a line.
   */
  function charge(
    o: OutcomeForReport,
    waiver: WaiverRef | undefined,
    monthlyOutageMs?: number,
  ): { amountMinor: number; currency: string } {
    const { clause, currency } = clauseWithCurrency(o);
    if (!clause) return { amountMinor: 0, currency };
    const priced = breachOf(o, clause, currency, monthlyOutageMs);
    return { amountMinor: waiver ? 0 : priced.amountAfterBreachCapMinor, currency: priced.currency };
  }

  /** The caps of a partner's policy version (the one its newest priced line was placed under). */
  const capsOf = (policyId: string): PenaltyCaps | undefined => policyOf(policyId)?.penaltyCaps;

  return { load, price, charge, capsOf, clauseOf };
}
export type Pricer = ReturnType<typeof pricerFor>;
